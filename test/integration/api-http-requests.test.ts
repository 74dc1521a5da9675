import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { MAX_DEPTH, MAX_FIELDS } from '../../src/api/query-limits.js';
import { startServer, type RunningServer } from '../support/server.js';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
/** A stack frame as V8 writes one, or Apollo's stacktrace extension: never in an answer outside development. */
const STACK = /\bat \S+ \(|stacktrace|\.ts:\d+/i;

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

describe('GraphQL over HTTP: methods, media types, malformed requests and limits', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  async function request(init: RequestInit & { path?: string } = {}): Promise<Answer> {
    const headers = { ...(await server.authorization()), ...(init.headers as Record<string, string> | undefined) };
    const response = await fetch(`${server.url}${init.path ?? '/graphql'}`, { redirect: 'manual', ...init, headers });
    const text = await response.text();
    let body: Answer['body'] = {};
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      // not JSON: the assertions on `type` say so
    }
    expect(text, 'no stack trace').not.to.match(STACK);
    return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, text, body };
  }
  const get = (query: string, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
    request({ path: `/graphql?query=${encodeURIComponent(query)}`, headers });
  const post = (body: string, headers: Record<string, string> = {}) => request({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  describe('GET', () => {
    it('runs a query given in the URL, with a preflight header', async () => {
      const answer = await request({ path: '/graphql?query={steeringFigures{jointPasses}}', headers: { 'apollo-require-preflight': 'true' } });
      expect(answer.status).to.equal(200);
      expect(answer.type).to.match(/^application\/json/);
      expect(answer.body).to.deep.equal({ data: { steeringFigures: { jointPasses: 0 } } });
      const named = await get('query Figures { steeringFigures { jointPasses } }', { 'x-apollo-operation-name': 'Figures' });
      expect(named.status).to.equal(200);
    });

    it('takes variables as URL-encoded JSON', async () => {
      const query = encodeURIComponent('query ($t: String) { steeringFigures(tertial: $t) { tertial } }');
      const variables = encodeURIComponent(JSON.stringify({ t: '2022-T2' }));
      const answer = await request({ path: `/graphql?query=${query}&variables=${variables}`, headers: { 'apollo-require-preflight': 'true' } });
      expect(answer.body).to.deep.equal({ data: { steeringFigures: { tertial: '2022-T2' } } });
    });

    it('refuses a GET with no preflight header as a possible cross-site request forgery', async () => {
      const answer = await get('{ steeringFigures { jointPasses } }', {});
      expect(answer.status).to.equal(400);
      expect(answer.body.errors?.[0]?.message).to.match(/Cross-Site Request Forgery/);
      expect(answer.body.data).to.equal(undefined);
    });

    it('refuses a mutation with 405 and Allow: POST, running nothing', async () => {
      const mutation = 'mutation { retractPass(input: { commandId: "c", passId: "p", reason: "r" }) { revision } }';
      const answer = await get(mutation);
      expect(answer.status).to.equal(405);
      expect(answer.headers.get('allow')).to.equal('POST');
      expect(answer.body.errors?.[0]?.message).to.match(/GET requests only support query operations/);
      expect(await server.store.headPosition()).to.equal(0);
    });
  });

  describe('media types', () => {
    it('answers application/graphql-response+json when the client accepts it', async () => {
      const answer = await post(JSON.stringify({ query: '{ steeringFigures { jointPasses } }' }), { accept: GRAPHQL_RESPONSE });
      expect(answer.status).to.equal(200);
      expect(answer.type).to.equal(`${GRAPHQL_RESPONSE}; charset=utf-8`);
      expect(answer.body.data).to.deep.equal({ steeringFigures: { jointPasses: 0 } });
    });

    it('answers a document that fails validation with 400 and no data, in application/graphql-response+json', async () => {
      const answer = await post(JSON.stringify({ query: '{ steeringFigures { noSuchField } }' }), { accept: GRAPHQL_RESPONSE });
      expect(answer.status).to.equal(400);
      expect(answer.type).to.equal(`${GRAPHQL_RESPONSE}; charset=utf-8`);
      expect(answer.body).not.to.have.property('data');
      expect(answer.body.errors?.[0]?.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
      const unparsable = await post(JSON.stringify({ query: '{ steeringFigures {' }), { accept: GRAPHQL_RESPONSE });
      expect(unparsable.status).to.equal(400);
      expect(unparsable.body.errors?.[0]?.extensions?.code).to.equal('GRAPHQL_PARSE_FAILED');
    });

    it('uses application/json when the client accepts anything or says nothing, and 406 when it accepts neither', async () => {
      for (const accept of ['*/*', undefined, 'application/json']) {
        const answer = await post(JSON.stringify({ query: '{ __typename }' }), accept ? { accept } : {});
        expect(answer.status, String(accept)).to.equal(200);
        expect(answer.type, String(accept)).to.equal('application/json; charset=utf-8');
      }
      expect((await post(JSON.stringify({ query: '{ __typename }' }), { accept: 'application/xml' })).status).to.equal(406);
    });

    it('refuses a POST that is not application/json with 415, before reading it', async () => {
      const bodies: Array<[string | undefined, string]> = [
        ['text/plain', JSON.stringify({ query: '{ __typename }' })],
        ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
        ['multipart/form-data; boundary=x', '--x--'],
        ['application/graphql', '{ __typename }'],
        [undefined, JSON.stringify({ query: '{ __typename }' })],
      ];
      for (const [type, body] of bodies) {
        const answer = await request({ method: 'POST', headers: type ? { 'content-type': type, 'apollo-require-preflight': 'true' } : {}, body });
        expect(answer.status, String(type)).to.equal(415);
        expect(answer.body.errors?.[0]?.message).to.equal('a GraphQL POST must have the content type application/json');
      }
    });

    it('accepts application/json with charset utf-8 and refuses another charset with 415', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      expect((await post(body, { 'content-type': 'application/json; charset=utf-8' })).status).to.equal(200);
      const latin1 = await post(body, { 'content-type': 'application/json; charset=iso-8859-1' });
      expect(latin1.status).to.equal(415);
      expect(latin1.body.errors?.[0]?.message).to.equal('the request body must be JSON in UTF-8');
    });

    it('answers other methods with 405 and Allow: GET, POST', async () => {
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const answer = await request({ method, headers: { 'content-type': 'application/json' }, body: method === 'OPTIONS' ? null : '{}' });
        expect(answer.status, method).to.equal(405);
        expect(answer.headers.get('allow'), method).to.equal('GET, POST');
      }
    });
  });

  describe('malformed requests', () => {
    it('answers malformed JSON with 400, without quoting the body', async () => {
      const answer = await post('{"query": "{ __typename }", "secret": "hemligt');
      expect(answer.status).to.equal(400);
      expect(answer.body).to.deep.equal({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      expect(answer.text).not.to.include('hemligt');
    });

    it('answers a JSON body that is not an object with 400', async () => {
      for (const body of ['"hemligt"', 'null', '42', 'true']) {
        const answer = await post(body);
        expect(answer.status, body).to.equal(400);
        expect(answer.body.errors?.[0]?.message, body).to.equal('the request body must be a JSON object');
        expect(answer.text).not.to.include('hemligt');
      }
      const list = await post('[{"query": "{ __typename }"}]');
      expect(list.status).to.equal(400);
      expect(list.body.errors?.[0]?.message).to.equal('Operation batching disabled.');
      for (const body of ['', '{}']) {
        const empty = await post(body);
        expect(empty.status, JSON.stringify(body)).to.equal(400);
      }
    });

    it('answers a parameter of the wrong type with 400', async () => {
      for (const body of [{ query: 1 }, { query: '{ __typename }', variables: '[]' }, { query: '{ __typename }', operationName: {} }, { query: '{ __typename }', extensions: 'x' }]) {
        const answer = await post(JSON.stringify(body));
        expect(answer.status, JSON.stringify(body)).to.equal(400);
        expect(answer.body.data, JSON.stringify(body)).to.equal(undefined);
      }
    });

    it('refuses a body over 100 kB with 413, compressed or not', async () => {
      const big = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(110_000) });
      const plain = await post(big);
      expect(plain.status).to.equal(413);
      expect(plain.body.errors?.[0]?.message).to.equal('the request body is larger than 100 kB');
      // 1 kB on the wire, 110 kB once inflated: the limit is on what the server would have to hold.
      const zipped = await request({ method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(big) });
      expect(zipped.status).to.equal(413);
      const unknownEncoding = await request({ method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'compress' }, body: '{}' });
      expect(unknownEncoding.status).to.equal(415);
    });

    it('answers a path it does not serve with 404 in JSON', async () => {
      const answer = await request({ path: '/nowhere' });
      expect(answer.status).to.equal(404);
      expect(answer.body).to.deep.equal({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
    });
  });

  describe('query depth and size limits', () => {
    const DEPTH_RULE = new RegExp(`^query depth ${MAX_DEPTH + 1} exceeds the limit of ${MAX_DEPTH}$`);
    // __schema's type references nest as deep as a query cares to go: 11 levels below the root.
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }';
    const atLimit = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }';

    it(`refuses a query deeper than ${MAX_DEPTH} levels, by POST or GET, naming the depth rule`, async () => {
      expect((await post(JSON.stringify({ query: atLimit }))).status).to.equal(200);
      for (const answer of [await post(JSON.stringify({ query: deep }), { accept: GRAPHQL_RESPONSE }), await get(deep)]) {
        expect(answer.status).to.equal(400);
        expect(answer.body.errors?.[0]?.message).to.match(DEPTH_RULE);
        expect(answer.body.errors?.[0]?.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
        expect(answer.body.data).to.equal(undefined);
      }
    });

    it(`refuses more than ${MAX_FIELDS} field selections made by aliases, and lets half as many through`, async () => {
      const aliases = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => `a${i}: steeringFigures { jointPasses }`).join(' ');
      const byAliases = await post(JSON.stringify({ query: `{ ${aliases} }` }), { accept: GRAPHQL_RESPONSE });
      expect(byAliases.status).to.equal(400);
      expect(byAliases.body.errors?.[0]?.message).to.equal(`query selects ${2 * (MAX_FIELDS + 1)} fields, more than the limit of ${MAX_FIELDS}`);
      const within = Array.from({ length: MAX_FIELDS / 2 }, (_, i) => `a${i}: steeringFigures { jointPasses }`).join(' ');
      expect((await post(JSON.stringify({ query: `{ ${within} }` }))).status).to.equal(200);
    });

    it('measures a small document whose fragments double at every level quickly (2^40 fields, refused)', async () => {
      // Expanding the fragments would take hours; each is measured once instead.
      const levels = 40;
      const fragments = Array.from({ length: levels }, (_, i) => (i === levels - 1 ? `fragment F${i} on Query { __typename }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`));
      const started = performance.now();
      const answer = await post(JSON.stringify({ query: `{ ...F0 } ${fragments.join(' ')}` }));
      expect(performance.now() - started).to.be.below(2_000);
      expect(answer.status).to.equal(400);
      expect(answer.body.errors?.map((error) => error.message)).to.include(`query selects ${2 ** (levels - 1)} fields, more than the limit of ${MAX_FIELDS}`);
    });
  });
});
