import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lastJson, runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/** Every byte of every file beside the log, so a test can show that verify changed none of them. */
function fingerprint(dir: string): string {
  const digest = createHash('sha256');
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    // SQLite's shared-memory index is scratch space, and a reader opens an empty WAL: neither holds the log.
    if (!entry.isFile() || entry.name.endsWith('-shm')) continue;
    const bytes = readFileSync(join(dir, entry.name));
    if (entry.name.endsWith('-wal') && bytes.length === 0) continue;
    digest.update(entry.name).update(bytes);
  }
  return digest.digest('hex');
}

function hasHashColumn(path: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('PRAGMA table_info(events)').all() as Array<{ name: string }>).some((c) => c.name === 'hash');
  } finally {
    db.close();
  }
}

describe('samlogg verify reads, never writes', function () {
  this.timeout(30_000);
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    temp = tempDir();
    path = join(temp.dir, 'samlogg.db');
    env = { SAMLOGG_STORE: `sqlite:${path}` };
    const store = openSqliteStore(path);
    for (let n = 1; n <= 150; n += 1) {
      await store.append(`pass-${n % 5}`, [{ id: randomUUID(), type: 'PersonEncountered', data: { n }, metadata: {} }], 'any');
    }
    await store.close();
  });
  afterEach(() => temp.remove());

  function sql(statements: string): void {
    const db = new Database(path);
    try {
      db.exec(statements);
    } finally {
      db.close();
    }
  }

  async function headNow(): Promise<string> {
    const run = await runCli(['verify', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    return lastJson<{ head: string }>(run.stdout).head;
  }

  it('reports a log whose hash column was dropped as unchained (exit 1), and leaves it without hashes', async () => {
    sql("ALTER TABLE events DROP COLUMN hash; UPDATE events SET data = '{\"n\":999}' WHERE position = 7;");
    const before = fingerprint(temp.dir);
    const run = await runCli(['verify', '--json'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/^unchained \(150 events\)/);
    expect(lastJson(run.stdout)).to.deep.include({ intact: false, unchained: true });
    expect(hasHashColumn(path)).to.equal(false);
    expect(fingerprint(temp.dir)).to.equal(before);
    // A second run says the same: nothing was re-chained behind the first.
    expect((await runCli(['verify'], env)).code).to.equal(1);
  });

  it('does not let the store re-chain a log whose hash column was dropped after it was chained', () => {
    sql('ALTER TABLE events DROP COLUMN hash;');
    expect(() => openSqliteStore(path)).to.throw(/hash column is gone/);
    expect(hasHashColumn(path)).to.equal(false);
  });

  it('writes nothing to an intact log', async () => {
    const before = fingerprint(temp.dir);
    expect((await runCli(['verify'], env)).code).to.equal(0);
    expect(fingerprint(temp.dir)).to.equal(before);
  });

  it('with --expect-head, fails when the last 100 events were cut off and the head in meta was set to match (exit 1, naming expected and found)', async () => {
    const minutes = await headNow();
    expect(minutes).to.match(/^150:[0-9a-f]{64}$/);
    sql("DELETE FROM events WHERE position > 50; UPDATE meta SET value = (SELECT '50:' || lower(hex(hash)) FROM events WHERE position = 50) WHERE key = 'chain_head';");
    const run = await runCli(['verify', '--expect-head', minutes, '--json'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.include(`expected head ${minutes}`);
    const cut = await headNow();
    expect(cut).to.match(/^50:/);
    expect(run.stdout).to.include(cut);
    expect(lastJson(run.stdout)).to.deep.include({ intact: false, brokenAt: 51 });
  });

  it('without --expect-head, still finds events cut off the end when a saved projection state was folded past the new end', async () => {
    const store = openSqliteStore(path);
    await store.projectionStates.save({ name: 'pass-register', version: 1, position: 150, state: Buffer.from('s') });
    await store.close();
    expect((await runCli(['verify'], env)).code).to.equal(0);
    sql("DELETE FROM events WHERE position > 50; UPDATE meta SET value = (SELECT '50:' || lower(hex(hash)) FROM events WHERE position = 50) WHERE key = 'chain_head';");
    const run = await runCli(['verify'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.include('broken at position 51: the log ends at position 50, but the projection state pass-register was folded at position 150: events were cut off the end');
  });

  it('with --expect-head, fails when the chain was recomputed after an edit before the recorded head', async () => {
    const minutes = await headNow();
    // Re-chain after an edit the way someone with the source at hand would: recompute every hash.
    sql("UPDATE events SET data = '{\"n\":0}' WHERE position = 3;");
    const { eventHash, formatHead, genesisHash } = await import('../../src/store/sqlite/chain.js');
    const db = new Database(path);
    const logId = db.prepare("SELECT value FROM meta WHERE key = 'log_id'").pluck().get() as string;
    let previous: Uint8Array = genesisHash(logId);
    const rows = db.prepare('SELECT position, id, stream_id AS streamId, revision, type, data, metadata, recorded_at AS recordedAt FROM events ORDER BY position').all() as Array<Parameters<typeof eventHash>[1]>;
    for (const row of rows) {
      previous = eventHash(previous, row);
      db.prepare('UPDATE events SET hash = ? WHERE position = ?').run(previous, row.position);
    }
    db.prepare("UPDATE meta SET value = ? WHERE key = 'chain_head'").run(formatHead(150, previous));
    db.close();
    expect((await runCli(['verify'], env)).code, 'the file alone cannot tell').to.equal(0);
    const run = await runCli(['verify', '--expect-head', minutes], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/broken at position 150: the expected head .* is not in the log: at position 150 the log holds 150:/);
  });

  it('passes --expect-head on the log it was taken from, also after the log has grown', async () => {
    const minutes = await headNow();
    expect((await runCli(['verify', '--expect-head', minutes], env)).code).to.equal(0);
    const store = openSqliteStore(path);
    await store.append('pass-later', [{ id: randomUUID(), type: 'PassRecorded', data: {}, metadata: {} }], 'no_stream');
    await store.close();
    const grown = await runCli(['verify', '--expect-head', minutes], env);
    expect(grown.code, grown.stdout).to.equal(0);
    expect(grown.stdout).to.include(`expected head ${minutes} found`);
  });

  it('refuses an --expect-head that is not a head (exit 2), without echoing it', async () => {
    const run = await runCli(['verify', '--expect-head', 'secret-ish-value'], env);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/--expect-head: must be a head/);
    expect(run.stderr).not.to.include('secret-ish-value');
  });

  it('notices a head in meta that is not the last row, and a count that does not match', async () => {
    sql("UPDATE meta SET value = '149:' || (SELECT lower(hex(hash)) FROM events WHERE position = 149) WHERE key = 'chain_head';");
    const run = await runCli(['verify', '--json'], env);
    expect(run.code).to.equal(1);
    expect(lastJson(run.stdout)).to.deep.include({ intact: false, reason: 'the log does not end at the head recorded in meta' });
    sql(`UPDATE meta SET value = '150:' || (SELECT lower(hex(hash)) FROM events WHERE position = 150) WHERE key = 'chain_head';
      INSERT INTO events SELECT 0, 'hidden', stream_id, 99, type, data, metadata, recorded_at, hash FROM events WHERE position = 1;`);
    const hidden = await runCli(['verify', '--json'], env);
    expect(hidden.code).to.equal(1);
    expect(lastJson(hidden.stdout)).to.deep.include({ intact: false, reason: 'the log holds 151 events but its chain runs through 150' });
  });
});
