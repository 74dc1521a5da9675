import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyChain } from '../../src/store/sqlite/chain.js';
import { EVENTS_TABLE_SQL } from '../../src/store/sqlite/schema.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { DuplicateEventIdError } from '../../src/store/errors.js';
import { describeStoreContract, event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';
import { turnCounter } from '../support/turn-counter.js';

describeStoreContract('sqlite', async () => {
  const temp = tempDir();
  const store = openSqliteStore(join(temp.dir, 'log.db'), { pollIntervalMs: 20 });
  return {
    store,
    dispose: async () => {
      await store.close();
      temp.remove();
    },
  };
});

describe('sqlite store', () => {
  // Event ids are unique across the whole SQLite log; EventStoreDB checks them per stream only.
  describe('unique event ids across streams', () => {
    let store: ReturnType<typeof openSqliteStore>;
    let temp: ReturnType<typeof tempDir>;
    beforeEach(() => {
      temp = tempDir();
      store = openSqliteStore(join(temp.dir, 'ids.db'));
    });
    afterEach(async () => {
      await store.close();
      temp.remove();
    });
    it('refuses an event id already recorded for another event, appending nothing', async () => {
      const e = event('A');
      await store.append('pass-f', [e], 'no_stream');
      const head = await store.headPosition();
      try {
        await store.append('pass-g', [event('X'), { ...e, type: 'B' }], 'no_stream');
        expect.fail('a reused id must be refused');
      } catch (error) {
        expect(error).to.be.instanceOf(DuplicateEventIdError);
        expect((error as DuplicateEventIdError).eventId).to.equal(e.id);
      }
      expect(await store.headPosition()).to.equal(head);
      expect(await store.readStream('pass-g')).to.deep.equal([]);
    });
  });

  it('creates the file and its folder on first use, in WAL mode', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'nested', 'samlogg.db');
    const store = openSqliteStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    db.close();
    temp.remove();
  });

  it('hands a subscriber a long stretch of the log a page per turn of the event loop', async () => {
    const temp = tempDir();
    const store = openSqliteStore(join(temp.dir, 'long.db'), { pollIntervalMs: 20 });
    // 5,000 events, written in one batch as an import does: three pages of up to 2,000.
    await store.append('pass-long', Array.from({ length: 5000 }, (_, n) => ({ id: randomUUID(), type: 'Imported', data: { n }, metadata: {} })), 'no_stream');
    const turns = turnCounter();
    const pages: Array<{ events: number; turn: number }> = [];
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    const subscription = store.subscribeToAll({
      after: 0,
      onEvents: (events) => {
        pages.push({ events: events.length, turn: turns.now() });
        if (pages.reduce((n, p) => n + p.events, 0) === 5000) done();
      },
    });
    await all;
    turns.stop();
    await subscription.close();
    await store.close();
    temp.remove();
    expect(pages.map((p) => p.events)).to.deep.equal([2000, 2000, 1000]);
    expect(new Set(pages.map((p) => p.turn)).size, 'three pages in three turns').to.equal(3);
  });

  it('sees events another connection appended, through a subscription', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'shared.db');
    const reader = openSqliteStore(path, { pollIntervalMs: 20 });
    const writer = openSqliteStore(path);
    const seen: string[] = [];
    let arrived: () => void = () => {};
    const got = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const subscription = reader.subscribeToAll({
      after: 0,
      onEvents: (events) => {
        seen.push(...events.map((e) => e.type));
        arrived();
      },
    });
    await writer.append('pass-x', [{ id: '0b9f4c55-0d6c-4b8e-9a5c-1f1f2e3d4c5b', type: 'FromElsewhere', data: {}, metadata: {} }], 'no_stream');
    await got;
    await subscription.close();
    await writer.close();
    await reader.close();
    expect(seen).to.deep.equal(['FromElsewhere']);
    temp.remove();
  });
});

describe('projection states beside the SQLite log', () => {
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  let refused: string[];
  beforeEach(() => {
    temp = tempDir();
    path = join(temp.dir, 'log.db');
    refused = [];
  });
  afterEach(() => temp.remove());

  const open = () => openSqliteStore(path, { onStateRefused: (name, reason) => refused.push(`${name}: ${reason}`) });
  const stateFile = () => join(`${path}.projections`, 'pass-register.state');

  /** A log of `events` events with the pass register's state saved at its head. */
  async function logWithState(events = 3): Promise<void> {
    const store = open();
    for (let n = 0; n < events; n += 1) await store.append('pass-a', [event('PersonEncountered')], 'any');
    await store.projectionStates.save({ name: 'pass-register', version: 3, position: events, state: Buffer.from('state') });
    await store.close();
  }

  it('keeps a saved state and its position for the same log across reopening', async () => {
    await logWithState(42);
    const reopened = open();
    const saved = await reopened.projectionStates.load('pass-register');
    expect([saved?.version, saved?.position, Buffer.from(saved?.state ?? []).toString()]).to.deep.equal([3, 42, 'state']);
    await reopened.close();
    expect(refused).to.deep.equal([]);
  });

  it('never hands a state folded from another log to a new log at the same path', async () => {
    await logWithState(1);
    rmSync(path);
    const fresh = open();
    await fresh.append('pass-a', [event('PersonEncountered')], 'any');
    expect(await fresh.projectionStates.load('pass-register')).to.equal(undefined);
    await fresh.close();
    expect(refused).to.deep.equal(['pass-register: it was folded from another log']);
  });

  it('treats a torn state file as no state', async () => {
    await logWithState(1);
    writeFileSync(stateFile(), Buffer.from([200, 0, 0, 0, 123]));
    const store = open();
    expect(await store.projectionStates.load('pass-register')).to.equal(undefined);
    await store.close();
    expect(refused).to.have.length(1);
  });

  it('refuses a state whose bytes were changed, saying why', async () => {
    await logWithState(3);
    const bytes = readFileSync(stateFile());
    const at = bytes.lastIndexOf('state');
    bytes.write('STATE', at);
    writeFileSync(stateFile(), bytes);
    const store = open();
    expect(await store.projectionStates.load('pass-register')).to.equal(undefined);
    await store.close();
    expect(refused).to.deep.equal(['pass-register: its MAC does not check out: the file was changed']);
  });

  it('refuses a state saved under another folder key, and a state file copied over another projection', async () => {
    await logWithState(3);
    const copy = readFileSync(stateFile());
    writeFileSync(join(`${path}.projections`, 'statistics.state'), copy);
    writeFileSync(join(`${path}.projections`, '.mac-key'), Buffer.alloc(32, 7));
    const store = open();
    expect(await store.projectionStates.load('pass-register')).to.equal(undefined);
    await store.close();
    expect(refused).to.deep.equal(['pass-register: its MAC does not check out: the file was changed']);
    rmSync(join(`${path}.projections`, '.mac-key'));
    rmSync(stateFile());
    await logWithState(3);
    writeFileSync(join(`${path}.projections`, 'statistics.state'), readFileSync(stateFile()));
    const again = open();
    expect(await again.projectionStates.load('statistics')).to.equal(undefined);
    await again.close();
    expect(refused[1]).to.match(/^statistics: it is the state of "pass-register"/);
  });

  it('refuses a state once the log no longer holds the events it was folded from: cut back, or rewritten below it', async () => {
    await logWithState(5);
    const db = new Database(path);
    db.prepare('DELETE FROM events WHERE position > 4').run();
    db.close();
    const cut = open();
    expect(await cut.projectionStates.load('pass-register')).to.equal(undefined);
    await cut.append('pass-a', [event('PersonEncountered')], 'any');
    expect(await cut.projectionStates.load('pass-register')).to.equal(undefined);
    await cut.close();
    expect(refused).to.deep.equal([
      'pass-register: it was saved at position 5, past the end of the log',
      "pass-register: the log's chain hash at position 5 is not the one it was folded at",
    ]);
  });
});

describe('the hash chain of the SQLite log', () => {
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    temp = tempDir();
    path = join(temp.dir, 'log.db');
  });
  afterEach(() => temp.remove());

  const event = (type: string, n: number) => ({ id: randomUUID(), type, data: { n, text: 'Söder – “quoted” ✓' }, metadata: { actor: { userId: `u-${n}` } } });

  /** Ten events over three streams: two single appends and one batch, as the store writes them. */
  async function writeLog(): Promise<void> {
    const store = openSqliteStore(path);
    await store.append('pass-a', [event('PassRecorded', 1), event('RaidRecorded', 2)], 'no_stream');
    await store.appendBatch([
      { streamId: 'pass-b', expectedRevision: 'no_stream', events: [event('PassRecorded', 3), event('PersonEncountered', 4), event('SupportOffered', 5)] },
      { streamId: 'pass-a', expectedRevision: 1, events: [event('PersonEncountered', 6)] },
      { streamId: 'kommun-0180', expectedRevision: 'any', events: [event('AgreementSigned', 7), event('KommunNotified', 8)] },
    ]);
    await store.append('pass-b', [event('PassCorrected', 9), event('PassRetracted', 10)], 2);
    await store.close();
  }

  function edit(sql: string, ...params: unknown[]): void {
    const db = new Database(path);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  it('verifies an untouched log as intact, with its head, and an empty log too', async () => {
    await writeLog();
    const verdict = verifyChain(path);
    expect(verdict).to.deep.include({ intact: true, events: 10 });
    expect(verdict.intact && verdict.head).to.match(/^10:[0-9a-f]{64}$/);
    const empty = join(temp.dir, 'empty.db');
    await openSqliteStore(empty).close();
    expect(verifyChain(empty)).to.deep.include({ intact: true, events: 0 });
  });

  it('writes positions 1…N without gaps and a 32-byte hash on every event', async () => {
    await writeLog();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT position, length(hash) AS bytes FROM events ORDER BY position').all() as Array<{ position: number; bytes: number }>;
    db.close();
    expect(rows.map((r) => r.position)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(rows.map((r) => r.bytes))).to.deep.equal(new Set([32]));
  });

  const tampering: Array<[string, string, unknown[]]> = [
    ['data', 'UPDATE events SET data = ? WHERE position = 4', ['{"n":40,"text":"Söder – “quoted” ✓"}']],
    ['data by one character', "UPDATE events SET data = replace(data, 'Söder', 'Soder') WHERE position = 4", []],
    ['metadata', 'UPDATE events SET metadata = ? WHERE position = 4', ['{"actor":{"userId":"someone-else"}}']],
    ['type', "UPDATE events SET type = 'PassRetracted' WHERE position = 4", []],
    ['recorded time', "UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = 4", []],
    ['stream and revision', "UPDATE events SET stream_id = 'pass-z', revision = 0 WHERE position = 4", []],
    ['hash', 'UPDATE events SET hash = zeroblob(32) WHERE position = 4', []],
    ['a deleted event', 'DELETE FROM events WHERE position = 4', []],
  ];
  for (const [what, sql, params] of tampering) {
    it(`finds an edited ${what} and names position 4 as the first break`, async () => {
      await writeLog();
      edit(sql, ...params);
      const verdict = verifyChain(path);
      expect(verdict.intact).to.equal(false);
      expect(verdict).to.deep.include({ brokenAt: 4, events: 3 });
    });
  }

  it('finds events cut off the end, and an event inserted around the store', async () => {
    await writeLog();
    edit('DELETE FROM events WHERE position >= 9');
    expect(verifyChain(path)).to.deep.include({ intact: false, brokenAt: 9 });

    const other = join(temp.dir, 'inserted.db');
    const store = openSqliteStore(other);
    await store.append('pass-a', [event('PassRecorded', 1)], 'no_stream');
    await store.close();
    const db = new Database(other);
    db.prepare("INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, 'pass-a', 1, 'PassRetracted', '{}', '{}', '2030-01-01')").run(randomUUID());
    db.close();
    expect(verifyChain(other)).to.deep.include({ intact: false, brokenAt: 2 });
  });

  it('keeps chaining across reopening, and refuses nothing a retry sends again', async () => {
    await writeLog();
    const store = openSqliteStore(path);
    const again = event('PassRecorded', 11);
    await store.append('pass-c', [again], 'no_stream');
    expect((await store.append('pass-c', [again], 'no_stream')).alreadyRecorded).to.equal(true);
    await store.close();
    expect(verifyChain(path)).to.deep.include({ intact: true, events: 11 });
  });

  it('migrates a log written before the chain: the column and the chain over its events, once, on open', async () => {
    const db = new Database(path);
    db.exec(EVENTS_TABLE_SQL.replace(/\s*hash\s+BLOB,/, ''));
    db.prepare("INSERT INTO meta (key, value) VALUES ('log_id', ?)").run(randomUUID());
    const insert = db.prepare('INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 12_345; i += 1) insert.run(randomUUID(), `pass-${i % 7}`, Math.floor(i / 7), 'PersonEncountered', `{"n":${i}}`, '{}', '2022-05-10T20:00:00.000Z');
    })();
    db.close();

    const store = openSqliteStore(path);
    await store.append('pass-new', [event('PassRecorded', 1)], 'no_stream');
    expect((await store.readStream('pass-0'))[0]?.data).to.deep.equal({ n: 0 });
    await store.close();
    expect(verifyChain(path)).to.deep.include({ intact: true, events: 12_346 });
    edit("UPDATE events SET data = '{\"n\":1}' WHERE position = 5000");
    expect(verifyChain(path)).to.deep.include({ intact: false, brokenAt: 5000 });
  });

  it('chains to a genesis value of its own log id, so a row copied from another log does not fit', async () => {
    await writeLog();
    edit("UPDATE meta SET value = ? WHERE key = 'log_id'", randomUUID());
    expect(verifyChain(path)).to.deep.include({ intact: false, brokenAt: 1 });
  });

  it('refuses to verify a file that is not there, and creates none', () => {
    expect(() => verifyChain(join(temp.dir, 'nope.db'))).to.throw(/no SQLite log/);
    expect(existsSync(join(temp.dir, 'nope.db'))).to.equal(false);
  });
});
