import { processIo } from './io.js';
import { runSamlogg } from './program.js';

process.exitCode = await runSamlogg(process.argv.slice(2), processIo());
