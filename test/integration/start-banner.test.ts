import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startBanner } from '../../src/api/start-banner.js';
import { tempDir } from '../support/temp.js';

describe('The start banner: what a person reads when the server starts', function () {
  this.timeout(90_000);

  it('names the field app, the report, the explorer, sign-in and the dev users; production names no explorer and no test users', () => {
    const dev = startBanner({ origin: 'http://localhost:4000', store: 'sqlite:./data/samlogg.db', devSignIn: true, production: false, demo: true });
    expect(dev).to.match(/field app +http:\/\/localhost:4000\/$/m);
    for (const line of ['http://localhost:4000/reports/tertial/current', 'http://localhost:4000/explorer/', 'http://localhost:4000/sign-in', 'DEMO – syntetiska data', 'npx samlogg token --role ROLE --org ORG']) expect(dev).to.include(line);
    for (const role of ['field', 'beredningsgrupp', 'styrgrupp', 'projektledare', 'auditor']) expect(dev).to.match(new RegExp(`^  ${role}\\s`, 'm'));
    const production = startBanner({ origin: 'https://samlogg.example', store: 'esdb://…', devSignIn: false, production: true, demo: false });
    expect(production).not.to.include('/explorer/');
    expect(production).not.to.include('token --role');
    expect(production).to.include('https://samlogg.example/sign-in');
  });

  it('is printed by the real server with the port it listens on, and the field app is there', async () => {
    const temp = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', '0'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, NODE_ENV: 'test', SAMLOGG_DEV_SIGN_IN: '1', SAMLOGG_STORE: `sqlite:${join(temp.dir, 'samlogg.db')}`, SAMLOGG_DEV_KEY: join(temp.dir, 'dev-signing-key.json'), SAMLOGG_REPORT_KEY: join(temp.dir, 'report-signing-key.json'), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let stderr = '';
      const banner = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${stderr}`)), 60_000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          if (/Development sign-in[\s\S]*explorer\/\?role=field/.test(stderr)) {
            clearTimeout(timer);
            resolve(stderr);
          }
        });
        child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
      });
      const origin = /Fältappen \/ field app\s+(http:\/\/localhost:\d+)\//.exec(banner)?.[1];
      expect(origin).to.match(/^http:\/\/localhost:\d+$/);
      expect(banner).to.include(`${origin}/reports/tertial/current`).and.include(`${origin}/explorer/`).and.include(`${origin}/sign-in`);
      expect((await fetch(`${origin}/`)).status).to.equal(200);
    } finally {
      child.kill('SIGTERM');
      temp.remove();
    }
  });
});
