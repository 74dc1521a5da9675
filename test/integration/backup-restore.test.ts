import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openText } from '../../src/application/free-text.js';
import { DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { openDataKeys } from '../../src/store/data-keys.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lastJson, runCli } from '../support/cli.js';
import { recordDemo } from '../support/demo.js';
import { startServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const FIGURE_KEYS = ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18'] as const;
const pick = (figures: Record<string, unknown>) => Object.fromEntries(FIGURE_KEYS.map((k) => [k, figures[k]]));
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

interface Manifest {
  head: string;
  events: number;
  log: { file: string; sha256: string };
  keys: { file: string; sha256: string } | null;
}

/** (position, id, hash) of every event, read straight from a log file. */
function chainOf(path: string): Array<[number, string, string]> {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT position, id, hex(hash) FROM events ORDER BY position').raw().all() as Array<[number, string, string]>);
  } finally {
    db.close();
  }
}

/** Every byte of every file in a folder (SQLite's scratch -shm aside), to show that nothing was replaced. */
function fingerprint(dir: string): string {
  const digest = createHash('sha256');
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    if (!entry.isFile() || entry.name.endsWith('-shm')) continue;
    const path = join(entry.parentPath, entry.name);
    digest.update(path).update(readFileSync(path));
  }
  return digest.digest('hex');
}

describe('samlogg backup and restore', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('takes a backup while a server records a burst of passes, restores it, and the restored log verifies and gives the figures of the log at the backup head', async () => {
    const live = join(temp.dir, 'live');
    const liveLog = join(live, 'samlogg.db');
    const server = await startServer(recordDemo, { dir: live });
    const burstPasses = new Set<string>();
    let stop = false;
    const burst = (async () => {
      while (!stop) {
        const passId = randomUUID();
        burstPasses.add(`pass-${passId}`);
        const as = { role: 'field' as const, org: 'MIKA' };
        const pass = await server.graphql('mutation ($i: RecordPassInput!) { recordPass(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'], area: 'Testområde' } }, as);
        expect(pass.body.errors).to.equal(undefined);
        const met = await server.graphql('mutation ($i: RecordEncounterInput!) { recordEncounter(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: '0180' } }, as);
        expect(met.body.errors).to.equal(undefined);
      }
    })();
    const backupDir = join(temp.dir, 'backup');
    let backup;
    try {
      while (burstPasses.size < 5) await new Promise((resolve) => setTimeout(resolve, 20));
      backup = await runCli(['backup', backupDir, '--json'], { SAMLOGG_STORE: `sqlite:${liveLog}` });
      const during = burstPasses.size;
      while (burstPasses.size < during + 5) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      stop = true;
      await burst;
      await server.stop();
    }
    expect(backup.code, backup.stderr).to.equal(0);
    const manifest = lastJson<Manifest>(backup.stdout);
    const [backupPosition] = manifest.head.split(':').map(Number) as [number];
    const liveChain = chainOf(liveLog);
    expect(liveChain.length, 'the burst went on after the backup').to.be.greaterThan(backupPosition);
    for (const file of ['manifest.json', 'samlogg.db', 'samlogg.keys']) expect(modeOf(join(backupDir, file)), file).to.equal('600');
    expect(modeOf(backupDir)).to.equal('700');

    const restoredLog = join(temp.dir, 'restored', 'samlogg.db');
    const restore = await runCli(['restore', backupDir, '--to', restoredLog]);
    expect(restore.code, restore.stderr).to.equal(0);
    expect(restore.stdout).to.include(`head ${manifest.head} verified`);
    expect(modeOf(restoredLog)).to.equal('600');
    expect(modeOf(`${restoredLog}.keys`)).to.equal('600');

    // The restored log is the live log up to the backup's head, event for event and hash for hash.
    expect(chainOf(restoredLog)).to.deep.equal(liveChain.slice(0, backupPosition));
    const verified = await runCli(['verify', '--expect-head', manifest.head], { SAMLOGG_STORE: `sqlite:${restoredLog}` });
    expect(verified.code, verified.stdout).to.equal(0);
    expect(verified.stdout).to.include(`intact (${backupPosition} events)`);
    // …and the backup's head is in the live log too, with the burst appended since.
    const liveVerified = await runCli(['verify', '--expect-head', manifest.head], { SAMLOGG_STORE: `sqlite:${liveLog}` });
    expect(liveVerified.code, liveVerified.stdout).to.equal(0);

    // The figures are the demo's plus the burst's passes and encounters that made it into the backup,
    // and every burst pass's free text opens with the restored keys.
    const store = openSqliteStore(restoredLog);
    const keys = openDataKeys(`${restoredLog}.keys`);
    let passes = 0;
    let encounters = 0;
    for await (const page of store.readAll()) {
      for (const event of page) {
        if (!burstPasses.has(event.streamId)) continue;
        if (event.type === 'PassRecorded') {
          passes += 1;
          expect(openText(keys, event.streamId, (event.data as { area: string }).area)).to.deep.equal({ text: 'Testområde' });
        }
        if (event.type === 'PersonEncountered') encounters += 1;
      }
    }
    keys.close();
    await store.close();
    expect(passes).to.be.greaterThan(4);
    const figures = await runCli(['figures', '--to', '2022-08-31', '--json'], { SAMLOGG_STORE: `sqlite:${restoredLog}` });
    expect(figures.code, figures.stderr).to.equal(0);
    expect(pick(lastJson(figures.stdout))).to.deep.equal({
      ...pick(DEMO_FIGURES),
      jointPasses: DEMO_FIGURES.jointPasses + passes,
      exposed: DEMO_FIGURES.exposed + encounters,
    });
  });

  describe('refusals', () => {
    let live: string;
    let liveLog: string;
    let backupDir: string;
    let env: Record<string, string>;
    beforeEach(async () => {
      live = join(temp.dir, 'live');
      liveLog = join(live, 'samlogg.db');
      backupDir = join(temp.dir, 'backup');
      env = { SAMLOGG_STORE: `sqlite:${liveLog}` };
      const store = openSqliteStore(liveLog);
      for (let n = 0; n < 20; n += 1) await store.append(`pass-${n % 3}`, [{ id: randomUUID(), type: 'PersonEncountered', data: { n }, metadata: {} }], 'any');
      await store.close();
      const keys = openDataKeys(`${liveLog}.keys`);
      keys.keyFor('pass-0');
      keys.close();
      const run = await runCli(['backup', backupDir], env);
      expect(run.code, run.stderr).to.equal(0);
      // The live log moves on after the backup.
      const later = openSqliteStore(liveLog);
      await later.append('pass-9', [{ id: randomUUID(), type: 'PassRecorded', data: {}, metadata: {} }], 'no_stream');
      await later.close();
    });

    const manifestPath = () => join(backupDir, 'manifest.json');
    const readManifest = () => JSON.parse(readFileSync(manifestPath(), 'utf8')) as Manifest;
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    function editBackup(sql: string): void {
      const db = new Database(join(backupDir, 'samlogg.db'));
      db.exec(sql);
      db.close();
    }

    async function expectRefused(pattern: RegExp): Promise<void> {
      const before = fingerprint(live);
      const run = await runCli(['restore', backupDir, '--force'], env);
      expect(run.code, run.stdout).to.equal(1);
      expect(run.stderr).to.match(pattern);
      expect(fingerprint(live), 'nothing was replaced').to.equal(before);
      expect(readdirSync(live).filter((n) => n.includes('restoring')), 'no staged copy is left').to.deep.equal([]);
    }

    it('never replaces an existing log without --force', async () => {
      const before = fingerprint(live);
      const run = await runCli(['restore', backupDir], env);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/exists: restore never replaces a log without --force/);
      expect(fingerprint(live)).to.equal(before);
    });

    it('refuses a backup whose log was edited (its SHA-256 no longer the manifest\'s)', async () => {
      editBackup("UPDATE events SET data = '{\"n\":99}' WHERE position = 5");
      await expectRefused(/the backup's samlogg\.db is not the file its manifest names \(its SHA-256 differs\)/);
    });

    it('refuses a backup whose log was edited and the manifest fitted to it: the chain is checked', async () => {
      editBackup("UPDATE events SET data = '{\"n\":99}' WHERE position = 5");
      const manifest = readManifest();
      writeFileSync(manifestPath(), JSON.stringify({ ...manifest, log: { ...manifest.log, sha256: sha256(join(backupDir, 'samlogg.db')) } }));
      await expectRefused(/the backup's log is not intact \(broken at position 5: the event does not match its hash\); nothing was replaced/);
    });

    it('refuses a backup cut back with a fitted manifest: the recorded head is checked', async () => {
      editBackup("DELETE FROM events WHERE position > 15; UPDATE meta SET value = (SELECT '15:' || lower(hex(hash)) FROM events WHERE position = 15) WHERE key = 'chain_head';");
      const manifest = readManifest();
      writeFileSync(manifestPath(), JSON.stringify({ ...manifest, log: { ...manifest.log, sha256: sha256(join(backupDir, 'samlogg.db')) } }));
      await expectRefused(/the backup's log is not intact \(broken at position 16: the expected head 20:[0-9a-f]{64} is not in the log: it ends at 15:/);
    });

    it('refuses a folder that is not a finished backup, and a manifest that is not one', async () => {
      const manifest = readManifest();
      writeFileSync(manifestPath(), '{"format":"something else"}');
      await expectRefused(/manifest\.json: format /);
      writeFileSync(manifestPath(), JSON.stringify({ ...manifest, log: { ...manifest.log, file: '../live/samlogg.db' } }));
      await expectRefused(/manifest\.json: log\.file /);
      writeFileSync(manifestPath(), 'not json');
      await expectRefused(/manifest\.json: is not JSON/);
      const run = await runCli(['restore', join(temp.dir, 'nowhere'), '--force'], env);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/is not a samlogg backup: it has no manifest\.json/);
    });

    it('refuses to back up a log that is not there (exit 2), creating none', async () => {
      const missing = join(temp.dir, 'typo', 'samlogg.db');
      const run = await runCli(['backup', join(temp.dir, 'elsewhere')], { SAMLOGG_STORE: `sqlite:${missing}` });
      expect(run.code).to.equal(2);
      expect(run.stderr).to.match(/no log at .*typo/);
      expect(readdirSync(temp.dir).sort()).to.deep.equal(['backup', 'live']);
    });

    it('refuses to back up into a folder that is not empty, and writes nothing there', async () => {
      const before = fingerprint(backupDir);
      const run = await runCli(['backup', backupDir], env);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/is not empty: a backup goes into a new or empty folder/);
      expect(fingerprint(backupDir)).to.equal(before);
    });

    it('restores over the live log with --force, and the log then verifies at the backup head and drops the newer projection states', async () => {
      const manifest = readManifest();
      const store = openSqliteStore(liveLog);
      await store.projectionStates.save({ name: 'pass-register', version: 1, position: 21, state: Buffer.from('s') });
      await store.close();
      const run = await runCli(['restore', backupDir, '--force'], env);
      expect(run.code, run.stderr).to.equal(0);
      const verified = await runCli(['verify', '--expect-head', manifest.head], env);
      expect(verified.code, verified.stdout).to.equal(0);
      expect(verified.stdout).to.include('intact (20 events)');
      expect(readdirSync(live).filter((n) => !n.endsWith('-wal') && !n.endsWith('-shm')).sort()).to.deep.equal(['samlogg.db', 'samlogg.db.keys']);
    });
  });
});
