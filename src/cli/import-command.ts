import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { recordCommands, type RecordResult } from '../application/record-commands.js';
import { describeError, type DomainError } from '../domain/errors.js';
import { cliContext, withStore, type GlobalOptions } from './context.js';
import { InputRefused, UsageError } from './errors.js';
import { progressBar } from './progress.js';
import type { CliIo } from './io.js';

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
}

interface LineError {
  readonly line: number;
  readonly error: DomainError;
}

/** Splits a JSONL file into commands, remembering each one's line number; blank lines are skipped. */
function parseLines(text: string): { commands: unknown[]; lineOf: number[]; errors: LineError[] } {
  const commands: unknown[] = [];
  const lineOf: number[] = [];
  const errors: LineError[] = [];
  // A UTF-8 byte order mark (what Excel and Notepad write first) is not part of the first command.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (const [i, raw] of body.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    try {
      commands.push(JSON.parse(raw));
      lineOf.push(i + 1);
    } catch {
      errors.push({ line: i + 1, error: { code: 'BAD_USER_INPUT', field: '(line)', rule: 'must be one JSON object (this line is not valid JSON)' } });
    }
  }
  return { commands, lineOf, errors };
}

function summary(result: Extract<RecordResult, { ok: true }>, dryRun: boolean) {
  const applied = result.outcomes.filter((o) => o.status === 'applied').length;
  const alreadyRecorded = result.outcomes.length - applied;
  const events = dryRun ? result.outcomes.reduce((n, o) => n + o.eventIds.length, 0) : result.appended;
  return { commands: result.outcomes.length, applied, alreadyRecorded, events, dryRun };
}

export function importCommand(io: CliIo): Command {
  return new Command('import')
    .description('lägg till kommandon från en JSONL-fil, allt eller inget / append the commands of a JSONL file, all or nothing')
    .argument('<file>', 'one JSON command per line')
    .option('--dry-run', 'check every line against the log, append nothing')
    .option('--json', 'print the summary as one JSON object on the last line')
    .action(async (file: string, options: ImportOptions, command: Command) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`<file>: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
      }
      const { commands, lineOf, errors } = parseLines(text);
      if (commands.length === 0 && errors.length === 0) throw new UsageError(`<file>: ${file} holds no commands`);
      const dryRun = Boolean(options.dryRun) || errors.length > 0;
      const bar = progressBar(io, 'Kontrollerar / checking');
      const result = await withStore(io, command.optsWithGlobals<GlobalOptions>(), (opened) =>
        recordCommands(opened.store, commands, cliContext(io, 'import'), { dryRun, dataKeys: opened.dataKeys, onProgress: (done, total) => bar.update(done, total) }),
        { create: true },
      ).finally(() => bar.stop());

      const lineErrors = [...errors];
      if (!result.ok) {
        for (const failure of result.failures) {
          for (const error of failure.errors) lineErrors.push({ line: lineOf[failure.index] as number, error });
        }
      }
      if (lineErrors.length > 0) {
        lineErrors.sort((a, b) => a.line - b.line);
        for (const { line, error } of lineErrors) io.stderr.write(`${file}:${line}: ${describeError(error)}\n`);
        const badLines = new Set(lineErrors.map((e) => e.line)).size;
        io.stderr.write(`samlogg import: ${badLines} felaktiga rader av ${commands.length + errors.length} – inget har lagts till / ${badLines} bad lines – nothing was appended\n`);
        throw new InputRefused('import refused');
      }
      if (!result.ok) throw new Error('unreachable: a refused import has line errors');
      const s = summary(result, Boolean(options.dryRun));
      const verb = s.dryRun ? 'skulle tillämpas / would be applied' : 'tillämpade / applied';
      io.stdout.write(
        `${s.dryRun ? 'Provkörning – inget skrivet / dry run – nothing written. ' : ''}${s.commands} kommandon / commands: ${s.applied} ${verb}, ${s.alreadyRecorded} redan registrerade / already recorded; ${s.events} händelser / events${s.dryRun ? '' : ' tillagda / appended'}.\n`,
      );
      if (options.json) io.stdout.write(`${JSON.stringify(s)}\n`);
    });
}
