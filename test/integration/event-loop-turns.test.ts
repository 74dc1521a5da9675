import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { RecordContext } from '../../src/application/actor.js';
import { eventLoopTurns } from '../../src/application/event-loop-turns.js';
import { groupCommitter, groupCommitterFor } from '../../src/application/group-commit.js';
import { recordCommands } from '../../src/application/record-commands.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { startServer } from '../support/server.js';
import { useTempStore } from '../support/temp-store.js';
import { turnCounter } from '../support/turn-counter.js';
import { tempDir } from '../support/temp.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { join } from 'node:path';

const nextTurns = (n: number) => new Promise<void>((resolve) => {
  let left = n;
  const step = () => (--left <= 0 ? resolve() : setImmediate(step));
  setImmediate(step);
});

describe('event-loop turns: heavy work one job per turn, so the loop answers between jobs', () => {
  it('runs queued jobs one per turn, with other immediates running between them', async () => {
    const turns = eventLoopTurns();
    const order: string[] = [];
    for (let i = 0; i < 6; i += 1) turns.run(() => order.push(`job ${i}`));
    // Queued after all six jobs: without turns they would all have run before it.
    setImmediate(() => order.push('other work'));
    const probe = turnCounter();
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) turns.run(() => seen.push(probe.now()));
    await nextTurns(20);
    probe.stop();
    expect(order.slice(0, 3)).to.deep.equal(['job 0', 'other work', 'job 1']);
    expect(new Set(seen).size, 'every job in a turn of its own').to.equal(6);
    expect(turns.stats.jobs).to.equal(12);
  });

  it('runs idle work in the turn after the last queued job, after what the jobs handed on in their microtasks', async () => {
    const turns = eventLoopTurns();
    const order: string[] = [];
    turns.whenIdle(() => order.push('idle'));
    for (let i = 0; i < 4; i += 1) turns.run(() => void Promise.resolve().then(() => order.push(`handed on ${i}`)));
    await nextTurns(10);
    expect(order).to.deep.equal(['handed on 0', 'handed on 1', 'handed on 2', 'handed on 3', 'idle']);
  });

  it('gives slices of long work turns of their own in the same queue, never two tasks’ slices in one turn, and idle work waits for no slice', async () => {
    const turns = eventLoopTurns();
    const probe = turnCounter();
    const ran: Array<{ what: string; turn: number }> = [];
    const sliced = async (name: string) => {
      for (let i = 0; i < 5; i += 1) {
        await turns.slice();
        ran.push({ what: `${name} ${i}`, turn: probe.now() });
      }
    };
    const tasks = Promise.all([sliced('save'), sliced('report')]);
    for (let i = 0; i < 3; i += 1) turns.run(() => ran.push({ what: `job ${i}`, turn: probe.now() }));
    let idleAt = -1;
    turns.whenIdle(() => (idleAt = ran.length));
    await tasks;
    await nextTurns(3);
    probe.stop();
    expect(ran).to.have.length(13);
    expect(new Set(ran.map((r) => r.turn)).size, 'every slice and job in a turn of its own').to.equal(13);
    // Idle work ran once the three jobs had, though slices were still queued.
    expect(idleAt).to.be.within(3, 6);
    expect(ran.findIndex((r) => r.what === 'job 2')).to.be.lessThan(idleAt);
  });

  it('does not starve idle work while jobs keep coming: it runs after at most idleAfterJobs jobs', async () => {
    const turns = eventLoopTurns({ idleAfterJobs: 5 });
    let jobs = 0;
    let jobsBeforeIdle = -1;
    const forever = () => {
      jobs += 1;
      if (jobs < 100) turns.run(forever);
    };
    turns.run(forever);
    turns.whenIdle(() => (jobsBeforeIdle = jobs));
    await nextTurns(120);
    expect(jobsBeforeIdle).to.be.within(1, 6);
    expect(jobs).to.equal(100);
  });
});

describe('group commit under event-loop turns', () => {
  const fixture = useTempStore();
  const context = (): RecordContext => ({ actor: { userId: 'u-1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date('2022-06-01T12:00:00Z') });

  it('gathers commands sent from 20 jobs in 20 different turns into one commit', async () => {
    const turns = eventLoopTurns();
    const committer = groupCommitter(fixture.store, turns);
    const commands = Array.from({ length: 20 }, () => recordPass());
    // Each caller, as a GraphQL request does, reaches the committer from a job of its own turn.
    const results = await Promise.all(commands.map((command) => new Promise((resolve, reject) => turns.run(() => void committer.record([command], context()).then(resolve, reject)))));
    expect(results.every((r) => (r as { ok: boolean }).ok)).to.equal(true);
    expect(committer.stats).to.deep.include({ commits: 1, committedCommands: 20, fallbacks: 0 });
  });

  it('plans a group one caller per turn and tells each caller in a turn of its own', async () => {
    const turns = eventLoopTurns();
    const committer = groupCommitter(fixture.store, turns);
    const pass = recordPass();
    await recordCommands(fixture.store, [pass], context());
    const probe = turnCounter();
    const answeredIn: number[] = [];
    await Promise.all(Array.from({ length: 10 }, () => committer.record([recordEncounter(pass.passId)], context()).then(() => answeredIn.push(probe.now()))));
    probe.stop();
    expect(committer.stats.commits).to.equal(1);
    expect(new Set(answeredIn).size, 'ten answers in ten turns').to.equal(10);
    expect((await fixture.store.readStream(`pass-${pass.passId}`)).length).to.equal(11);
  });

  it('when the group’s transaction fails, records each caller alone in a turn of its own', async () => {
    const turns = eventLoopTurns();
    const committer = groupCommitter(fixture.store, turns);
    // A commandId already used on another pass: only the append finds that its event ids are taken.
    const used = recordPass();
    await recordCommands(fixture.store, [used], context());
    const callers = [recordPass(), recordPass({ commandId: used.commandId }), ...Array.from({ length: 6 }, () => recordPass())];
    const probe = turnCounter();
    const answeredIn: number[] = [];
    const results = await Promise.all(callers.map((command) => committer.record([command], context()).then((result) => (answeredIn.push(probe.now()), result))));
    probe.stop();
    expect(committer.stats.fallbacks).to.equal(1);
    expect(results.map((r) => r.ok)).to.deep.equal([true, false, true, true, true, true, true, true]);
    expect(new Set(answeredIn).size, 'eight commits alone in eight turns').to.equal(8);
  });
});

describe('the server under many concurrent uncached questions (real HTTP)', function () {
  this.timeout(60_000);

  /** A different question for every `days`: the period ends that many days later. */
  const statisticsBody = (days: number) => {
    const to = new Date(Date.UTC(2022, 1, 1) + days * 86_400_000).toISOString().slice(0, 10);
    return JSON.stringify({ query: `{ statistics(filter: { from: "2022-01-01", to: "${to}" }, groupBy: [UNIT, AGE_BAND]) { rows { key { value } encounters } total { passes encounters } } }` });
  };

  /** Opens `n` sockets to the port and resolves once every one is connected. */
  const sockets = (port: number, n: number) => Promise.all(Array.from({ length: n }, () => new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  })));

  const post = (token: string, body: string) =>
    `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;

  it('answers /healthz between the GraphQL answers, which end one per turn, and computes an identical question in flight once', async () => {
    const server = await startServer(async (store) => {
      const commands = Array.from({ length: 40 }, (_, i) => recordPass({ date: `2022-${String(1 + (i % 12)).padStart(2, '0')}-10` }));
      await recordCommands(store, [...commands, ...commands.map((p) => recordEncounter(p.passId))], { actor: { userId: 'u-1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date('2022-12-31T12:00:00Z') });
    }, { now: new Date('2023-01-15T12:00:00Z') });
    // The same app behind a listener that notes, per response, the turn and order in which it ended.
    const ended: Array<{ path: string; turn: number; arrived: number }> = [];
    const probe = turnCounter();
    const observed = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = req.url ?? '';
      const arrived = probe.now();
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        ended.push({ path, turn: probe.now(), arrived });
        return end(...args);
      }) as ServerResponse['end'];
      server.samlogg.listener(req, res);
    });
    await new Promise<void>((resolve) => observed.listen(0, '127.0.0.1', resolve));
    const port = (observed.address() as AddressInfo).port;
    try {
      const token = await server.token();
      // A known token: the front door then reads a request without waiting on a signature check.
      const warm = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: statisticsBody(0) });
      expect(warm.status, await warm.clone().text()).to.equal(200);
      expect(warm.headers.get('cache-control'), 'no GraphQL answer is kept by a browser or proxy').to.equal('no-store');
      ended.length = 0;
      const hitsBefore = server.samlogg.answers.hits;
      const questions = 24;
      const identical = 8;
      const open = await sockets(port, questions + identical + 1);
      const done = open.map((socket) => new Promise<string>((resolve) => {
        let text = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('close', () => resolve(text));
      }));
      // Accepted by the server first (a connection is accepted in a poll phase of its own); then all
      // written in one go, /healthz last, so they reach the server in one poll phase.
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (let i = 0; i < questions; i += 1) open[i]?.write(post(token, statisticsBody(i + 1)));
      for (let i = 0; i < identical; i += 1) open[questions + i]?.write(post(token, statisticsBody(100)));
      open[questions + identical]?.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n');
      const answers = await Promise.all(done);
      expect(answers.every((a) => a.startsWith('HTTP/1.1 200'))).to.equal(true);

      const graphql = ended.filter((e) => e.path === '/graphql');
      const healthz = ended.findIndex((e) => e.path === '/healthz');
      expect(graphql, JSON.stringify(ended)).to.have.length(questions + identical);
      expect(healthz, 'the health check does not wait behind the queued questions').to.be.below(ended.length / 2);
      expect(new Set(graphql.map((e) => e.turn)).size, 'no two GraphQL answers in one turn').to.equal(graphql.length);
      expect(server.samlogg.answers.hits - hitsBefore, 'the identical question computed once, the other seven from the cache').to.equal(identical - 1);
    } finally {
      probe.stop();
      await new Promise((resolve) => observed.close(resolve));
      await server.stop();
    }
  });

  it('gathers 40 concurrent recordPass mutations over HTTP into commits of at least 4 each', async () => {
    const server = await startServer();
    try {
      const committer = groupCommitterFor(server.store);
      const before = { ...committer.stats };
      const passIds = Array.from({ length: 40 }, () => randomUUID());
      const responses = await Promise.all(
        passIds.map((passId) =>
          server.graphql('mutation ($input: RecordPassInput!) { recordPass(input: $input) { passId revision } }', { input: { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, { role: 'field', org: 'MIKA' }),
        ),
      );
      expect(responses.map((r) => r.body.data?.recordPass)).to.deep.equal(passIds.map((passId) => ({ passId, revision: 0 })));
      const commits = committer.stats.commits - before.commits;
      expect(committer.stats.committedCommands - before.committedCommands).to.equal(40);
      expect(40 / commits, `40 mutations in ${commits} commits`).to.be.at.least(4);
    } finally {
      await server.stop();
    }
  });
});

describe('a projection state saved while the server serves', () => {
  it('is authenticated a slice per turn, so other work runs during the save, and loads back whole', async () => {
    const temp = tempDir();
    const store = openSqliteStore(join(temp.dir, 'samlogg.db'));
    try {
      await recordCommands(store, [recordPass()], { actor: { userId: 'u-1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date('2022-06-01T12:00:00Z') });
      const position = await store.headPosition();
      // The size of a pass register's state at a million events.
      const state = new Uint8Array(36 * 1024 * 1024);
      for (let i = 0; i < state.length; i += 4096) state[i] = i % 251;
      const probe = turnCounter();
      const before = probe.now();
      await store.projectionStates.save({ name: 'pass-register', version: 1, position, state });
      const turnsDuringSave = probe.now() - before;
      probe.stop();
      expect(turnsDuringSave, 'turns of the event loop while the state was saved').to.be.at.least(8);
      const loaded = await store.projectionStates.load('pass-register');
      expect(loaded?.position).to.equal(position);
      expect(Buffer.from(loaded?.state ?? []).equals(Buffer.from(state))).to.equal(true);
    } finally {
      await store.close();
      temp.remove();
    }
  });
});
