import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, request, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../support/server.js';

/**
 * A GraphQL POST the front door has read (JSON, a length, a verified token) runs the app's /graphql
 * handlers without Express's router (src/api/http/direct-route.ts); one sent in chunks, without a
 * length, still goes through the router. Both must answer alike.
 */

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Headers that differ between any two answers, whichever way they went. */
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'etag']);

function send(url: string, authorization: string, body: string, chunked: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization, 'x-request-id': 'same-request-id-1' };
    if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const sent = request(`${url}/graphql`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const kept = Object.entries(response.headers).filter(([name]) => !PER_ANSWER.has(name));
        resolve({ status: response.statusCode ?? 0, headers: Object.fromEntries(kept.map(([name, value]) => [name, String(value)]).sort()), body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    sent.on('error', reject);
    // In two writes without a length, the request is chunked: the front door leaves it to the app.
    if (chunked) sent.write(body.slice(0, 5));
    sent.end(chunked ? body.slice(5) : body);
  });
}

describe('a GraphQL POST read by the front door, without Express’s router', function () {
  this.timeout(30_000);
  let server: RunningServer;
  let routed = 0;
  before(async () => {
    server = await startServer();
    // Express's own dispatch, not in its types: every request the router sees passes through it.
    const app = server.samlogg.app as unknown as { handle: (...args: unknown[]) => unknown };
    const handle = app.handle.bind(app);
    app.handle = (...args) => {
      routed += 1;
      return handle(...args);
    };
  });
  after(async () => server.stop());

  async function both(body: (n: number) => string, caller = { role: 'field' as const, org: 'MIKA' }): Promise<[Answer, Answer]> {
    const authorization = (await server.authorization(caller)).authorization as string;
    routed = 0;
    const direct = await send(server.url, authorization, body(1), false);
    expect(routed, 'the direct answer did not go through the router').to.equal(0);
    const throughRouter = await send(server.url, authorization, body(2), true);
    expect(routed, 'the chunked request went through the router').to.equal(1);
    return [direct, throughRouter];
  }

  it('answers a recorded mutation with the same status and headers, each caller its own pass', async () => {
    const passIds = [randomUUID(), randomUUID(), randomUUID()];
    const mutation = (n: number) => JSON.stringify({
      query: 'mutation ($input: RecordPassInput!) { recordPass(input: $input) { passId revision } }',
      variables: { input: { commandId: randomUUID(), passId: passIds[n] as string, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } },
    });
    const [direct, routedAnswer] = await both(mutation);
    expect(direct.status).to.equal(200);
    expect(direct.headers).to.deep.equal(routedAnswer.headers);
    expect(direct.headers).to.include({ 'cache-control': 'no-store', 'x-request-id': 'same-request-id-1', 'x-frame-options': 'SAMEORIGIN' });
    expect(JSON.parse(direct.body)).to.deep.equal({ data: { recordPass: { passId: passIds[1] as string, revision: 0 } } });
    expect(JSON.parse(routedAnswer.body)).to.deep.equal({ data: { recordPass: { passId: passIds[2] as string, revision: 0 } } });
  });

  it('serves requests born with Express’s prototypes: no request or response has its prototype changed on the way', async () => {
    const body = JSON.stringify({
      query: 'mutation ($input: RecordPassInput!) { recordPass(input: $input) { passId revision } }',
      variables: { input: { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } },
    });
    const setPrototypeOf = Object.setPrototypeOf;
    const changed: unknown[] = [];
    Object.setPrototypeOf = (target: unknown, proto: object | null) => {
      if (Object.getPrototypeOf(target) !== proto) changed.push(target);
      return setPrototypeOf(target, proto);
    };
    try {
      const [direct, routedAnswer] = await both(() => body);
      expect([direct.status, routedAnswer.status]).to.deep.equal([200, 200]);
    } finally {
      Object.setPrototypeOf = setPrototypeOf;
    }
    expect(changed.filter((target) => target instanceof IncomingMessage || target instanceof ServerResponse), 'messages whose prototype was changed').to.deep.equal([]);
  });

  it('refuses a bad date, a body that is no JSON object, broken JSON and a forbidden question alike, appending nothing', async () => {
    const head = await server.store.headPosition();
    const refusals: Array<[string, (n: number) => string]> = [
      ['bad date', () => JSON.stringify({ query: 'mutation ($input: RecordPassInput!) { recordPass(input: $input) { revision } }', variables: { input: { commandId: randomUUID(), passId: randomUUID(), date: '2022-02-30', kind: 'RAID', units: ['POLIS', 'MIKA'] } } })],
      ['not an object', () => '"recordPass"'],
      ['broken JSON', () => '{"query": "{ steeringFigures'],
      ['forbidden', () => JSON.stringify({ query: '{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses } }' })],
    ];
    for (const [what, body] of refusals) {
      const [direct, routedAnswer] = await both(body, { role: 'field', org: 'POLIS' });
      expect(direct, what).to.deep.equal(routedAnswer);
      expect(direct.status === 400 || JSON.parse(direct.body).errors.length > 0, what).to.equal(true);
    }
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('logs one line per answer with the path asked, /graphql, whichever way it went', async () => {
    const lines: Array<{ msg?: string; path?: string; status?: number }> = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const logged = await startServer(undefined, { log });
    try {
      const authorization = (await logged.authorization()).authorization as string;
      const body = JSON.stringify({ query: '{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses } }' });
      await send(logged.url, authorization, body, false);
      await send(logged.url, authorization, body, true);
      const answered = lines.filter((line) => line.msg === 'request');
      expect(answered.map((line) => [line.path, line.status])).to.deep.equal([['/graphql', 200], ['/graphql', 200]]);
    } finally {
      await logged.stop();
    }
  });
});
