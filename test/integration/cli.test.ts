import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { demoLogOnce, lastJson, runCli, runCliProcess, SAMLOGG_BIN } from '../support/cli.js';
import { passWithEncounters, recordEncounter, recordPass, toJsonl } from '../support/commands.js';
import { startServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const FIGURE_KEYS = ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18', 'offeredSupport'] as const;

function eventCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Events of pass streams: what the commands themselves appended, without their id claims (`id-…` streams). */
function passEventCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM events WHERE stream_id LIKE 'pass-%'").pluck().get() as number;
  } finally {
    db.close();
  }
}

function eventCountOrNull(dbPath: string): number | null {
  return existsSync(dbPath) ? eventCount(dbPath) : null;
}

/** True while another connection holds the write lock (an open write transaction). */
function writeLocked(dbPath: string): boolean {
  const db = new Database(dbPath, { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

function pick(figures: Record<string, unknown>) {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, figures[k]]));
}

describe('samlogg CLI on a real SQLite file', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let env: Record<string, string>;

  beforeEach(() => {
    temp = tempDir();
    dbPath = join(temp.dir, 'data', 'samlogg.db');
    env = { SAMLOGG_STORE: `sqlite:${dbPath}` };
  });
  afterEach(() => temp.remove());

  // `samlogg demo` run once for the file: a test that needs the demo log only to start from gets a copy.
  const demo = demoLogOnce();
  const copyOfDemoLog = () => demo.copyInto(join(temp.dir, 'data'));
  after(() => demo.remove());

  describe('demo and figures', () => {
    it('appends the synthetic demo log once, reproduces the seed figures, and a second run appends nothing', async () => {
      const first = await runCli(['demo'], env);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout).to.match(/syntetiska data/);
      const events = eventCount(dbPath);
      expect(events).to.be.greaterThan(1000);

      const figures = await runCli(['figures', '--from', '2021-04-01', '--to', '2022-08-31', '--json'], env);
      expect(figures.code, figures.stderr).to.equal(0);
      expect(pick(lastJson(figures.stdout))).to.deep.equal(DEMO_FIGURES);

      const second = await runCli(['demo'], env);
      expect(second.code).to.equal(0);
      expect(second.stdout).to.match(/inget tillagt|nothing appended/);
      expect(eventCount(dbPath)).to.equal(events);
    });

    it('selects a tertial, counts as the log stood at an instant, and prints a readable table', async () => {
      const before = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      expect((await runCli(['demo'], env)).code).to.equal(0);

      const t2 = lastJson(
        (await runCli(['figures', '--tertial', '2022-T2', '--json'], env)).stdout,
      );
      expect(t2.from).to.equal('2022-05-01');
      expect(t2.to).to.equal('2022-08-31');
      expect(t2.tertial).to.equal('2022-T2');
      const t1 = lastJson((await runCli(['figures', '--tertial', '2022-T1', '--json'], env)).stdout);
      const all = lastJson((await runCli(['figures', '--from', '2022-01-01', '--to', '2022-08-31', '--json'], env)).stdout);
      for (const key of FIGURE_KEYS) expect((t1[key] as number) + (t2[key] as number), key).to.equal(all[key]);

      const asOfBefore = await runCli(['figures', '--to', '2022-08-31', '--as-of', before, '--json'], env);
      expect(pick(lastJson(asOfBefore.stdout))).to.deep.equal(Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])));
      expect(lastJson(asOfBefore.stdout).asOf).to.equal(before);
      const asOfNow = await runCli(['figures', '--to', '2022-08-31', '--as-of', new Date().toISOString(), '--json'], env);
      expect(pick(lastJson(asOfNow.stdout))).to.deep.equal(DEMO_FIGURES);

      const table = await runCli(['figures', '--from', '2021-04-01', '--to', '2022-08-31'], env);
      expect(table.code).to.equal(0);
      expect(table.stdout).to.match(/Gemensamma arbetspass med polisen \/ joint passes\s+201/);
      expect(table.stdout).to.match(/Utsatta i prostitution \/ exposed\s+364/);
    });

    it('refuses bad options with exit code 2, naming the option and the rule, without a stack trace', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['figures', '--tertial', '2022-T4'], /--tertial: must be written YYYY-Tn/],
        [['figures', '--tertial', '2022-T2', '--from', '2022-01-01'], /--tertial: cannot be combined with from\/to/],
        [['figures', '--from', '2022-13-01'], /--from: must be a real date/],
        [['figures', '--from', '2022-09-01', '--to', '2022-08-31'], /--to: must not be before from/],
        [['figures', '--as-of', 'yesterday'], /--as-of: must be an ISO-8601 instant/],
        [['figures', '--store', 'postgres://x'], /store URL must start with "sqlite:"/],
        [['frobnicate'], /unknown command/],
        [['import'], /missing required argument/],
      ];
      for (const [args, message] of cases) {
        const run = await runCli(args, env);
        expect(run.code, args.join(' ')).to.equal(2);
        expect(run.stderr, args.join(' ')).to.match(message);
        // A stack frame ("at fn (file:1:2)"), not help text that wraps onto "at its position".
        expect(run.stderr).not.to.match(/\n\s+at .*:\d+:\d+/);
      }
    });

    it('rebuilds every projection from position 0 and reports events per second', async () => {
      await copyOfDemoLog();
      const run = await runCli(['rebuild', '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      const report = lastJson<{ events: number; eventsPerSecond: number; projections: string[] }>(run.stdout);
      expect(report.events).to.equal(eventCount(dbPath));
      expect(report.eventsPerSecond).to.be.greaterThan(0);
      expect(report.projections).to.include('pass-register');
      expect(run.stdout).to.match(/händelser\/s/);
      const figures = await runCli(['figures', '--to', '2022-08-31', '--json'], env);
      expect(pick(lastJson(figures.stdout))).to.deep.equal(DEMO_FIGURES);
    });

    it('uses --store over SAMLOGG_STORE', async () => {
      const other = join(temp.dir, 'other.db');
      await runCli(['--store', `sqlite:${other}`, 'demo'], env);
      expect(eventCount(other)).to.be.greaterThan(0);
      await openSqliteStore(dbPath).close();
      const run = await runCli(['figures', '--json'], env);
      expect(lastJson(run.stdout).jointPasses).to.equal(0);
      const chosen = await runCli(['--store', `sqlite:${other}`, 'figures', '--to', '2022-08-31', '--json'], env);
      expect(lastJson(chosen.stdout).jointPasses).to.equal(DEMO_FIGURES.jointPasses);
    });
  });

  describe('one run, one environment', () => {
    it('honours SAMLOGG_STORE and SAMLOGG_NOW given to each in-process run, not the first run\'s', async () => {
      const other = join(temp.dir, 'other.db');
      expect((await copyOfDemoLog()).code).to.equal(0);
      const june = lastJson((await runCli(['figures', '--json'], { ...env, SAMLOGG_NOW: '2021-06-30T12:00:00+02:00' })).stdout);
      const autumn = lastJson((await runCli(['figures', '--json'], { ...env, SAMLOGG_NOW: '2022-08-31T12:00:00+02:00' })).stdout);
      expect(june.to).to.equal('2021-06-30');
      expect(autumn.to).to.equal('2022-08-31');
      expect(pick(autumn)).to.deep.equal(DEMO_FIGURES);
      await openSqliteStore(other).close();
      const empty = lastJson((await runCli(['figures', '--json'], { SAMLOGG_STORE: `sqlite:${other}`, SAMLOGG_NOW: '2022-08-31T12:00:00+02:00' })).stdout);
      expect(empty.jointPasses).to.equal(0);
      const bad = await runCli(['figures'], { ...env, SAMLOGG_NOW: 'soon' });
      expect(bad.code).to.equal(1);
      expect(bad.stderr).to.match(/SAMLOGG_NOW: must be an ISO-8601 instant/);
    });
  });

  describe('as a child process, as a user runs it (smoke)', () => {
    it('exits 0 with the seed figures, 2 on a bad option, and 1 on a broken chain', async () => {
      const demo = await runCliProcess(['demo'], env);
      expect(demo.code, demo.stderr).to.equal(0);
      // Two readers of the log at once: each child spends its start loading modules.
      const [figures, bad] = await Promise.all([
        runCliProcess(['figures', '--from', '2021-04-01', '--to', '2022-08-31', '--json'], env),
        runCliProcess(['figures', '--tertial', '2022-T4'], env),
      ]);
      expect(figures.code, figures.stderr).to.equal(0);
      expect(pick(lastJson(figures.stdout))).to.deep.equal(DEMO_FIGURES);
      expect(bad.code).to.equal(2);
      expect(bad.stderr).to.match(/--tertial: must be written YYYY-Tn/);
      expect(bad.stderr).not.to.match(/\n\s+at /);
      const db = new Database(dbPath);
      db.prepare("UPDATE events SET data = replace(data, '\"RAID\"', '\"SURVEILLANCE\"') WHERE position = (SELECT MIN(position) FROM events WHERE data LIKE '%\"RAID\"%')").run();
      db.close();
      const broken = await runCliProcess(['verify'], env);
      expect(broken.code).to.equal(1);
      expect(broken.stdout).to.match(/broken at position/);
    });
  });

  describe('verify', () => {
    it('passes on an untouched log (exit 0) and fails at the edited position after one row is edited in SQLite (exit 1)', async () => {
      expect((await copyOfDemoLog()).code).to.equal(0);
      const events = eventCount(dbPath);
      const intact = await runCli(['verify'], env);
      expect(intact.code, intact.stderr).to.equal(0);
      expect(intact.stdout).to.include(`intact (${events} events)`);

      const db = new Database(dbPath);
      const edited = db.prepare("SELECT MIN(position) FROM events WHERE position >= 500 AND data LIKE '%\"RAID\"%'").pluck().get() as number;
      expect(db.prepare("UPDATE events SET data = replace(data, '\"RAID\"', '\"SURVEILLANCE\"') WHERE position = ?").run(edited).changes).to.equal(1);
      db.close();
      const broken = await runCli(['verify', '--json'], env);
      expect(broken.code).to.equal(1);
      expect(broken.stdout).to.include(`broken at position ${edited}`);
      expect(lastJson(broken.stdout)).to.deep.include({ intact: false, brokenAt: edited });
      expect(broken.stderr).not.to.match(/\n\s+at /);
    });

    it('refuses a log that is not there and a store URL it cannot verify (exit 2, nothing created)', async () => {
      const missing = await runCli(['verify', '--store', `sqlite:${join(temp.dir, 'nope.db')}`], env);
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.include(`no log at ${join(temp.dir, 'nope.db')}`);
      expect(eventCountOrNull(join(temp.dir, 'nope.db'))).to.equal(null);
      const memory = await runCli(['verify', '--store', 'sqlite::memory:'], env);
      expect(memory.code).to.equal(2);
      expect(memory.stderr).to.match(/verify needs a SQLite log file/);
    });
  });

  describe('import', () => {
    it('appends a file of commands, and a re-run is a retry that appends nothing', async () => {
      const file = join(temp.dir, 'pass.jsonl');
      writeFileSync(file, toJsonl([...passWithEncounters(2, 1), ...passWithEncounters(1, 0, { units: ['MIKA'] })]));
      const first = await runCli(['import', file, '--json'], env);
      expect(first.code, first.stderr).to.equal(0);
      expect(lastJson(first.stdout)).to.deep.include({ commands: 10, applied: 10, alreadyRecorded: 0, events: 10 });
      const again = await runCli(['import', file, '--json'], env);
      expect(lastJson(again.stdout)).to.deep.include({ commands: 10, applied: 0, alreadyRecorded: 10, events: 0 });
      expect(passEventCount(dbPath)).to.equal(10);
      const figures = lastJson((await runCli(['figures', '--json'], env)).stdout);
      expect(pick(figures)).to.deep.equal({ jointPasses: 1, exposed: 2, exposedUnder18: 0, suspectedBuyers: 1, suspectedBuyersUnder18: 0, offeredSupport: 3 });
    });

    it('treats a repeated commandId inside one file as a retry', async () => {
      const pass = recordPass();
      const encounter = recordEncounter(pass.passId);
      const file = join(temp.dir, 'retry.jsonl');
      writeFileSync(file, toJsonl([pass, encounter, encounter]));
      const run = await runCli(['import', file, '--json'], env);
      expect(lastJson(run.stdout)).to.deep.include({ commands: 3, applied: 2, alreadyRecorded: 1, events: 2 });
    });

    it('refuses the whole file when one line is bad: exit 2, every bad line named with field and rule, nothing appended', async () => {
      const good = passWithEncounters(2, 2);
      const pass = recordPass();
      const lines = [
        ...good,
        pass,
        recordEncounter(pass.passId, { homeKommun: '0999' }),
        recordEncounter(pass.passId, { ageBand: 'AGE_99' as never }),
      ];
      const file = join(temp.dir, 'bad.jsonl');
      writeFileSync(file, `${toJsonl(lines)}{not json\n`);
      const run = await runCli(['import', file], env);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include(`bad.jsonl:11: homeKommun: must be an SCB kommun code`);
      expect(run.stderr).to.include(`bad.jsonl:12: ageBand: must be one of UNDER_15`);
      expect(run.stderr).to.include(`bad.jsonl:13: (line): must be one JSON object`);
      expect(run.stderr).to.match(/inget har lagts till|nothing was appended/);
      expect(run.stderr).not.to.include('AGE_99');
      expect(eventCount(dbPath)).to.equal(0);
    });

    it('refuses a pass whose area holds a personal identity number: names line, field and kind, never the number', async () => {
      // A synthetic number: Skatteverket's published test number 19121212-1212 (valid check digit).
      const number = '121212-1212';
      const pass = recordPass({ area: `Hotellrum, kvinna ${number}` });
      const file = join(temp.dir, 'pnr.jsonl');
      writeFileSync(file, toJsonl([...passWithEncounters(1, 1), pass]));
      const run = await runCli(['import', file], env);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include('pnr.jsonl:6: area: contains a personal identity number (personnummer)');
      for (const part of [number, '121212', '1212-1212']) {
        expect(run.stderr).not.to.include(part);
        expect(run.stdout).not.to.include(part);
      }
      expect(eventCount(dbPath)).to.equal(0);
    });

    it('clears an area with "area": null in a CorrectPass line; an empty area is refused naming the rule, and the served pass shows area null', async () => {
      const pass = recordPass({ area: 'Fel område' });
      const recorded = join(temp.dir, 'recorded.jsonl');
      writeFileSync(recorded, toJsonl([pass, recordEncounter(pass.passId)]));
      expect((await runCli(['import', recorded], env)).code).to.equal(0);
      const figuresBefore = pick(lastJson((await runCli(['figures', '--json'], env)).stdout));

      const empty = join(temp.dir, 'empty.jsonl');
      writeFileSync(empty, `{"type":"CorrectPass","commandId":"${randomUUID()}","passId":"${pass.passId}","area":"   "}\n`);
      const refused = await runCli(['import', empty], env);
      expect(refused.code).to.equal(2);
      expect(refused.stderr).to.include('empty.jsonl:1: area: must not be empty; send null to clear it');
      expect(passEventCount(dbPath)).to.equal(2);

      const clear = join(temp.dir, 'clear.jsonl');
      writeFileSync(clear, `{"type":"CorrectPass","commandId":"${randomUUID()}","passId":"${pass.passId}","area": null}\n`);
      const cleared = await runCli(['import', clear, '--json'], env);
      expect(cleared.code, cleared.stderr).to.equal(0);
      expect(lastJson(cleared.stdout)).to.deep.include({ commands: 1, applied: 1, events: 1 });
      const db = new Database(dbPath, { readonly: true });
      const last = db.prepare("SELECT type, data FROM events WHERE stream_id LIKE 'pass-%' ORDER BY position DESC LIMIT 1").get() as { type: string; data: string };
      db.close();
      expect(last.type).to.equal('PassCorrected');
      expect(JSON.parse(last.data)).to.deep.equal({ passId: pass.passId, area: null });
      expect(pick(lastJson((await runCli(['figures', '--json'], env)).stdout))).to.deep.equal(figuresBefore);
      // Nothing is left to clear: the same line with a new commandId changes nothing and is refused.
      writeFileSync(clear, `{"type":"CorrectPass","commandId":"${randomUUID()}","passId":"${pass.passId}","area":null}\n`);
      const again = await runCli(['import', clear], env);
      expect(again.code).to.equal(2);
      expect(again.stderr).to.match(/clear\.jsonl:1: passId: the correction changes nothing/);
      expect(passEventCount(dbPath)).to.equal(3);

      const server = await startServer(undefined, { dir: join(temp.dir, 'data') });
      try {
        const shown = await server.graphql(`{ pass(id: "${pass.passId}") { area textErased } }`, undefined, { role: 'field', org: 'MIKA' });
        expect(shown.body.data?.pass).to.deep.equal({ area: null, textErased: false });
      } finally {
        await server.stop();
      }
    });

    it('refuses a line that breaks a business rule, naming it, and appends nothing', async () => {
      const pass = recordPass();
      const file = join(temp.dir, 'rule.jsonl');
      writeFileSync(file, toJsonl([pass, recordEncounter(pass.passId), recordEncounter(pass.passId, { raidId: '6f0c8a34-5f9b-4a7e-9a55-1d2b3c4d5e6f' }), { type: 'ContactGuardian', commandId: '7f0c8a34-5f9b-4a7e-9a55-1d2b3c4d5e6f', passId: pass.passId, encounterId: '8f0c8a34-5f9b-4a7e-9a55-1d2b3c4d5e6f', on: '2022-05-10' }]));
      const run = await runCli(['import', file], env);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include('rule.jsonl:3: raidId: must name a raid recorded on this pass');
      expect(run.stderr).to.include('rule.jsonl:4: encounterId: must name an encounter recorded on this pass');
      expect(eventCount(dbPath)).to.equal(0);
    });

    it('checks a file with --dry-run and appends nothing', async () => {
      const file = join(temp.dir, 'dry.jsonl');
      writeFileSync(file, toJsonl(passWithEncounters(1, 1)));
      const run = await runCli(['import', file, '--dry-run', '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      expect(lastJson(run.stdout)).to.deep.include({ commands: 5, applied: 5, events: 5, dryRun: true });
      expect(eventCount(dbPath)).to.equal(0);
    });

    it('refuses a missing file and an empty file with exit code 2', async () => {
      const missing = await runCli(['import', join(temp.dir, 'nope.jsonl')], env);
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.match(/<file>: cannot read/);
      const empty = join(temp.dir, 'empty.jsonl');
      writeFileSync(empty, '\n\n');
      const run = await runCli(['import', empty], env);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.match(/holds no commands/);
    });

    it('leaves nothing half-applied when the disk fails in the middle of an import (exit 1)', async () => {
      const commands = Array.from({ length: 200 }, () => passWithEncounters(1, 1)).flat();
      const file = join(temp.dir, 'big.jsonl');
      writeFileSync(file, toJsonl(commands));
      // Create the log (as the server would), then make SQLite fail the 500th insert as a full or broken disk would.
      await openSqliteStore(dbPath).close();
      const db = new Database(dbPath);
      db.exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON events WHEN (SELECT MAX(position) FROM events) >= 499
               BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;`);
      db.close();
      const crashed = await runCli(['import', file], env);
      expect(crashed.code).to.equal(1);
      expect(crashed.stderr).to.match(/disk I\/O error \(simulated\)/);
      expect(crashed.stderr).not.to.match(/\n\s+at /);
      expect(eventCount(dbPath)).to.equal(0);
      const debugged = await runCli(['--debug', 'import', file], env);
      expect(debugged.code).to.equal(1);
      expect(debugged.stderr, 'a stack trace with --debug').to.match(/\n\s+at /);

      const repair = new Database(dbPath);
      repair.exec('DROP TRIGGER fail_midway');
      repair.close();
      const retried = await runCli(['import', file, '--json'], env);
      expect(retried.code, retried.stderr).to.equal(0);
      expect(lastJson(retried.stdout)).to.deep.include({ applied: commands.length, events: commands.length });
      expect(passEventCount(dbPath)).to.equal(commands.length);
    });

    it('leaves nothing when the process is killed while its transaction is half written', async function () {
      // 2,100 commands and their id claims (about 3,300 rows), twice (killed, then retried) on a shared machine.
      this.timeout(180_000);
      const commands = Array.from({ length: 300 }, () => passWithEncounters(2, 1)).flat();
      const file = join(temp.dir, 'killed.jsonl');
      writeFileSync(file, toJsonl(commands));
      await openSqliteStore(dbPath).close();
      // Slow every insert after the 1,000th, so the import stays inside its one transaction (seconds
      // of slow inserts ahead), with a thousand rows written but not committed, when the plug is pulled:
      // the rows slowed, not the file's size, hold the transaction open.
      const db = new Database(dbPath);
      db.exec(`CREATE TRIGGER slow_disk BEFORE INSERT ON events WHEN (SELECT MAX(position) FROM events) >= 1000
               BEGIN SELECT (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT COUNT(*) FROM c); END;`);
      db.close();
      const child = spawn(process.execPath, [SAMLOGG_BIN, 'import', file], { env: { ...process.env, ...env }, stdio: 'ignore' });
      const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
      // The import holds the write lock only while its transaction is open: that is when to pull the plug.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !writeLocked(dbPath)) await new Promise((r) => setTimeout(r, 20));
      expect(writeLocked(dbPath), 'the import never got into its transaction').to.equal(true);
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGKILL');
      expect(await closed).to.equal('SIGKILL');
      expect(eventCount(dbPath)).to.equal(0);

      const repair = new Database(dbPath);
      repair.exec('DROP TRIGGER slow_disk');
      repair.close();
      const retried = await runCli(['import', file, '--json'], env);
      expect(retried.code, retried.stderr).to.equal(0);
      expect(passEventCount(dbPath)).to.equal(commands.length);
    });
  });
});
