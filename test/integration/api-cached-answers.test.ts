import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

const FIGURES = JSON.stringify({ query: '{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses exposed } }' });

describe('Cached answers: aggregate queries answered again at the same log position', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  async function post(body: string, headers: Record<string, string> = {}, as?: Caller) {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await server.authorization(as)), ...headers }, body });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it('answers a repeated query from the cache, with a fresh request id and the same headers', async () => {
    const first = await post(FIGURES, { 'x-request-id': 'first-request-1' });
    const hitsBefore = server.samlogg.answers.hits;
    const second = await post(FIGURES, { 'x-request-id': 'second-request-2' });
    expect(server.samlogg.answers.hits).to.equal(hitsBefore + 1);
    expect(second.text).to.equal(first.text);
    expect(second.status).to.equal(200);
    expect(second.headers.get('x-request-id')).to.equal('second-request-2');
    for (const name of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-frame-options']) {
      expect(second.headers.get(name), name).to.equal(first.headers.get(name)).and.not.equal(null);
    }
    const anonymous = await post(FIGURES, { 'x-request-id': 'free text with spaces' });
    expect(anonymous.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('answers anew once the log has moved: a write is seen by the next query', async () => {
    const before = JSON.parse((await post(FIGURES)).text).data.steeringFigures.jointPasses as number;
    const field: Caller = { role: 'field', org: 'MIKA' };
    const recorded = await server.graphql(
      'mutation ($input: RecordPassInput!) { recordPass(input: $input) { revision } }',
      { input: { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } },
      field,
    );
    expect(recorded.body.errors).to.equal(undefined);
    const after = JSON.parse((await post(FIGURES)).text).data.steeringFigures.jointPasses as number;
    expect(after).to.equal(before + 1);
  });

  it('keeps answers apart per role, per media type, and never caches a refusal or an audited read', async () => {
    await post(FIGURES);
    const styrgrupp = await post(FIGURES, {}, { role: 'styrgrupp', org: 'STYRGRUPPEN' });
    expect(JSON.parse(styrgrupp.text).errors[0].extensions.code).to.equal('FORBIDDEN');
    const again = await post(FIGURES, {}, { role: 'styrgrupp', org: 'STYRGRUPPEN' });
    expect(JSON.parse(again.text).errors[0].extensions.code).to.equal('FORBIDDEN');

    const json = await post(FIGURES, { accept: 'application/json' });
    const graphqlJson = await post(FIGURES, { accept: 'application/graphql-response+json' });
    expect(json.headers.get('content-type')).to.match(/^application\/json/);
    expect(graphqlJson.headers.get('content-type')).to.match(/^application\/graphql-response\+json/);

    const field: Caller = { role: 'field', org: 'KAST' };
    const list = JSON.stringify({ query: '{ passes { totalCount } }' });
    const head = await server.store.headPosition();
    await post(list, {}, field);
    await post(list, {}, field);
    expect((await server.store.headPosition()) - head, 'each read audited').to.equal(2);
  });

  it('refuses a malformed body from a known caller exactly as Express does', async () => {
    await post(FIGURES);
    const broken = await post('{"query": ');
    expect(broken.status).to.equal(400);
    expect(JSON.parse(broken.text)).to.deep.equal({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    const scalar = await post('"{ steeringFigures { jointPasses } }"');
    expect(scalar.status).to.equal(400);
    expect(JSON.parse(scalar.text).errors[0].message).to.equal('the request body must be a JSON object');
  });
});

describe('Cached answers: CORS permission is decided per request, never replayed', function () {
  this.timeout(30_000);
  it('answers each origin with its own permission, whoever filled the cache', async () => {
    const server = await startServer(undefined, { corsOrigins: ['https://a.example', 'https://b.example'] });
    try {
      const post = async (origin?: string) => {
        const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await server.authorization()), ...(origin ? { origin } : {}) }, body: FIGURES });
        await response.text();
        return response.headers;
      };
      const filled = await post('https://a.example');
      expect(filled.get('access-control-allow-origin')).to.equal('https://a.example');
      const hits = server.samlogg.answers.hits;
      const other = await post('https://b.example');
      expect(server.samlogg.answers.hits, 'answered from the cache').to.equal(hits + 1);
      expect(other.get('access-control-allow-origin')).to.equal('https://b.example');
      expect(other.get('vary')).to.match(/origin/i);
      const stranger = await post('https://elsewhere.example');
      expect(stranger.get('access-control-allow-origin')).to.equal(null);
      const sameSite = await post();
      expect(sameSite.get('access-control-allow-origin')).to.equal(null);
      expect(server.samlogg.answers.hits).to.equal(hits + 3);
      expect(sameSite.get('content-security-policy'), 'the answer’s own headers are still replayed').to.include("default-src 'none'");
    } finally {
      await server.stop();
    }
  });
});
