import { expect } from 'chai';
import { getIntrospectionQuery } from 'graphql';
import { MAX_DEPTH, MAX_FIELDS } from '../../src/api/query-limits.js';

const DEPTH_ERROR = new RegExp(`query depth \\d+ exceeds the limit of ${MAX_DEPTH}`);
import { startServer, type RunningServer } from '../support/server.js';

describe('GraphQL query limits', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  it('refuses a query deeper than the limit, through fragments too, with status 400', async () => {
    const nested = 'types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }';
    const deep = `{ __schema { ${nested} } }`;
    const throughFragment = `{ __schema { ...Deep } } fragment Deep on __Schema { ${nested} }`;
    const viaFragment = await server.graphql(throughFragment);
    expect(viaFragment.status).to.equal(400);
    expect(viaFragment.body.errors?.[0]?.message).to.match(DEPTH_ERROR);
    const { status, body } = await server.graphql(deep);
    expect(status).to.equal(400);
    expect(body.errors?.[0]?.message).to.match(DEPTH_ERROR);
    expect(body.errors?.[0]?.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query selecting more fields than the limit, e.g. by aliases', async () => {
    const aliases = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => `a${i}: __typename`).join(' ');
    const { status, body } = await server.graphql(`{ ${aliases} }`);
    expect(status).to.equal(400);
    expect(body.errors?.[0]?.message).to.equal(`query selects ${MAX_FIELDS + 1} fields, more than the limit of ${MAX_FIELDS}`);
  });

  it("lets the explorer's own schema query through, and nothing a little different from it", async () => {
    // GraphiQL 5 asks with these options and this operation name (and retries without subscriptionType).
    const explorers = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
    for (const query of [explorers, getIntrospectionQuery(), explorers.replace('subscriptionType { name }', ''), explorers.replace('query IntrospectionQuery', 'query Schema')]) {
      const { status, body } = await server.graphql(query);
      expect(status, query.slice(0, 40)).to.equal(200);
      expect(body.errors).to.equal(undefined);
      expect((body.data as { __schema: { types: unknown[] } }).__schema.types.length).to.be.greaterThan(10);
    }
    // One more level in TypeRef, a second operation beside it, an alias: measured like any query.
    const deeper = explorers.replace(/ofType \{\s*name\s*kind\s*\}/, 'ofType { name kind ofType { name } }');
    expect(deeper).not.to.equal(explorers);
    const aliased = explorers.replace('__schema {', 'schema: __schema {');
    for (const query of [deeper, aliased]) {
      const { status, body } = await server.graphql(query);
      expect(status).to.equal(400);
      expect(body.errors?.[0]?.message).to.match(DEPTH_ERROR);
    }
    const withSecond = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await server.authorization()) },
      body: JSON.stringify({ query: `${explorers}\nquery Other { __schema { types { name } } }`, operationName: 'IntrospectionQuery' }),
    });
    expect(withSecond.status).to.equal(400);
    expect(JSON.stringify(await withSecond.json())).to.match(DEPTH_ERROR);
  });

  it('lets an ordinary report query through', async () => {
    const { status, body } = await server.graphql(`{ tertialSummary(tertial: "2022-T2") { current { jointPasses } previous { jointPasses } cumulative { jointPasses } } }`);
    expect(status).to.equal(200);
    expect(body.errors).to.equal(undefined);
  });

  it('refuses a request body over 100 kB with 413', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await server.authorization()) },
      body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(110_000) }),
    });
    expect(response.status).to.equal(413);
    const text = await response.text();
    expect(JSON.parse(text)).to.deep.equal({ errors: [{ message: 'the request body is larger than 100 kB', extensions: { code: 'BAD_REQUEST' } }] });
    expect(text).not.to.match(/\bat \S+ \(/);
  });
});
