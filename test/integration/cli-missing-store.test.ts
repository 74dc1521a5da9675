import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { recordPass, toJsonl } from '../support/commands.js';
import { tempDir } from '../support/temp.js';

/** Every command that only reads the log, with the options it needs to get as far as opening it. */
const READING_COMMANDS: ReadonlyArray<readonly string[]> = [
  ['figures', '--tertial', '2022-T2'],
  ['figures', '--json'],
  ['audit', '--from', '2022-05-01', '--to', '2022-05-31'],
  ['verify'],
  ['agreements', '--on', '2024-06-01'],
  ['cost-share', '--total', '4000000', '--population-year', '2023', '--base', 'connected', '--on', '2024-06-01'],
  ['rebuild'],
  ['retention', '--older-than', '5y', '--dry-run'],
];

describe('samlogg: a path with no log is refused by every command that only reads', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof tempDir>;
  const env = (path: string) => ({ SAMLOGG_STORE: `sqlite:${path}`, SAMLOGG_NOW: '2024-06-15T12:00:00+02:00' });
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('refuses a missing file with exit 2, naming the path, and creates nothing (no file, no folder)', async () => {
    const typo = join(temp.dir, 'dta', 'samlog.db');
    for (const args of READING_COMMANDS) {
      const run = await runCli(args, env(typo));
      const what = args.join(' ');
      expect(run.code, `${what}: ${run.stderr}`).to.equal(2);
      expect(run.stderr, what).to.include(`no log at ${typo}: the file does not exist`);
      expect(run.stderr, what).to.match(/--store \/ SAMLOGG_STORE/);
      expect(run.stderr, what).not.to.match(/\n\s+at /);
      expect(run.stdout, what).to.equal('');
      expect(existsSync(join(temp.dir, 'dta')), what).to.equal(false);
    }
  });

  it('refuses an empty file and a SQLite file without an events table, and leaves both as they were', async () => {
    const empty = join(temp.dir, 'empty.db');
    writeFileSync(empty, '');
    const other = join(temp.dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
    db.close();
    const otherBefore = readFileSync(other);
    const notSqlite = join(temp.dir, 'notes.txt');
    writeFileSync(notSqlite, 'not a database, just a text file that is long enough to have a header\n'.repeat(4));
    // verify reads the file its own way; figures and rebuild go through the store.
    for (const args of [['figures', '--json'], ['verify'], ['rebuild']]) {
      const what = args.join(' ');
      const onEmpty = await runCli(args, env(empty));
      expect(onEmpty.code, `${what}: ${onEmpty.stderr}`).to.equal(2);
      expect(onEmpty.stderr, what).to.include(`no log at ${empty}: the file holds no events table`);
      const onOther = await runCli(args, env(other));
      expect(onOther.code, `${what}: ${onOther.stderr}`).to.equal(2);
      expect(onOther.stderr, what).to.include(`no log at ${other}: the file holds no events table`);
      const onText = await runCli(args, env(notSqlite));
      expect(onText.code, `${what}: ${onText.stderr}`).to.equal(2);
      expect(onText.stderr, what).to.include(`no log at ${notSqlite}: the file is not a SQLite database`);
    }
    expect(readFileSync(empty).length).to.equal(0);
    expect(readFileSync(other).equals(otherBefore)).to.equal(true);
    expect(existsSync(`${empty}.keys`)).to.equal(false);
  });

  it('lets import and demo start a new log, after which the reading commands answer', async () => {
    const imported = join(temp.dir, 'new', 'samlogg.db');
    const file = join(temp.dir, 'one.jsonl');
    writeFileSync(file, toJsonl([recordPass({ date: '2022-05-10' })]));
    const importRun = await runCli(['import', file], env(imported));
    expect(importRun.code, importRun.stderr).to.equal(0);
    const figures = await runCli(['figures', '--tertial', '2022-T2', '--json'], env(imported));
    expect(figures.code, figures.stderr).to.equal(0);
    const demoPath = join(temp.dir, 'demo', 'samlogg.db');
    const demo = await runCli(['demo'], env(demoPath));
    expect(demo.code, demo.stderr).to.equal(0);
    const verify = await runCli(['verify'], env(demoPath));
    expect(verify.code, verify.stderr).to.equal(0);
    expect(verify.stdout).to.match(/^intact/);
  });
});
