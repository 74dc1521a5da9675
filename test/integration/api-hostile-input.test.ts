import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER } from '../../src/auth/dev-signing-key.js';
import { devTokenIssuer } from '../../src/auth/token-verifier.js';
import { runCli } from '../support/cli.js';
import { passWithEncounters, recordPass, toJsonl } from '../support/commands.js';
import { startServer, type GraphQLBody, type RunningServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

/**
 * Hostile input at the entry points: huge texts refused as too long at once, values never echoed
 * (inline in the document or in variables), every refusal coded with the field path and the rule.
 * The identity number below is synthetic: Skatteverket's published test number.
 */
const PNR = '19121212-1212';
const MIKA = { role: 'field' as const, org: 'MIKA' };

function theError(body: GraphQLBody) {
  expect(body.errors, JSON.stringify(body)).to.have.length(1);
  return body.errors?.[0] as { message: string; extensions?: Record<string, unknown> };
}

describe('GraphQL: hostile input (real HTTP)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  const RECORD_PASS = 'mutation ($i: RecordPassInput!) { recordPass(input: $i) { revision } }';
  const passInput = (over: Record<string, unknown> = {}) => ({ commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'], ...over });

  it('refuses a 98,000-character area as too long and appends nothing, while the server keeps answering', async () => {
    const head = await server.store.headPosition();
    // What once froze the server for 65 s: text a backtracking street pattern reads from every position.
    const area = 'A'.repeat(98_000);
    const [refused, health] = await Promise.all([server.graphql(RECORD_PASS, { i: passInput({ area }) }, MIKA), fetch(`${server.url}/healthz`)]);
    expect(health.status).to.equal(200);
    const error = theError(refused.body);
    expect(error.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.area', rule: 'must be at most 120 characters' });
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('refuses the validation gaps by field and rule, appending nothing', async () => {
    const head = await server.store.headPosition();
    const nil = '00000000-0000-0000-0000-000000000000';
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [passInput({ date: '0001-01-01' }), 'input.date', 'must be on or after 2000-01-01'],
      [passInput({ area: '\u200B\u200B\u2060' }), 'input.area', 'must not be empty (zero-width and other invisible characters do not count)'],
      [passInput({ area: 'City \u202Eevil' }), 'input.area', 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)'],
      [passInput({ area: 'City\u0000' }), 'input.area', 'must not contain control characters (NUL and the like)'],
      [passInput({ commandId: nil }), 'input.commandId', 'must not be the nil or max UUID; generate a random one'],
      [passInput({ area: `Lägenhet ${PNR.slice(0, 8)}\u2013${PNR.slice(9)}` }), 'input.area', 'contains a personal identity number (personnummer); no personal data may be recorded'],
    ];
    for (const [input, field, rule] of cases) {
      const { body } = await server.graphql(RECORD_PASS, { i: input }, MIKA);
      expect(theError(body).extensions, field).to.deep.equal({ code: 'BAD_USER_INPUT', field, rule });
    }
    expect(await server.store.headPosition()).to.equal(head);

    const pass = passInput();
    const encounterId = randomUUID();
    await server.graphql(RECORD_PASS, { i: pass }, MIKA);
    await server.graphql('mutation ($i: RecordEncounterInput!) { recordEncounter(input: $i) { revision } }', { i: { commandId: randomUUID(), passId: pass.passId, encounterId, role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: '0180' } }, MIKA);
    const recorded = await server.store.headPosition();
    const offer = (unit: string) => server.graphql('mutation ($i: OfferSupportInput!) { offerSupport(input: $i) { revision } }', { i: { commandId: randomUUID(), passId: pass.passId, encounterId, unit } }, MIKA);
    expect(theError((await offer('POLIS')).body).extensions).to.deep.equal({ code: 'BAD_USER_INPUT', field: 'input.unit', rule: 'must be a social-services unit: the police do not offer support' });
    expect(theError((await offer('KAST')).body).extensions).to.deep.equal({ code: 'BAD_USER_INPUT', field: 'input.unit', rule: 'must be a unit that takes part in the pass' });
    expect(await server.store.headPosition()).to.equal(recorded);
    expect((await offer('MIKA')).body.errors).to.equal(undefined);
  });

  it('never echoes a value written inline in the document, and names the field path and the rule', async () => {
    const inline = (fields: string) => `mutation { recordPass(input: { commandId: "${randomUUID()}", passId: "${randomUUID()}", units: [MIKA], ${fields} }) { revision } }`;
    const cases: Array<[string, string, string]> = [
      [`date: "${PNR}", kind: RAID`, 'input.date', 'must be a real date written YYYY-MM-DD'],
      [`date: "2022-05-10", kind: "${PNR}"`, 'input.kind', 'must be one of SURVEILLANCE, RAID'],
      [`date: "2022-05-10", kind: P${PNR.replace('-', '_')}`, 'input.kind', 'must be one of SURVEILLANCE, RAID'],
      [`date: "2022-05-10", kind: RAID, area: ${PNR.replace('-', '')}`, 'input.area', 'must be a String'],
      [`date: "2022-05-10", kind: RAID, startTime: ["${PNR}"]`, 'input.startTime', 'must be a String'],
      [`date: "2022-05-10"`, 'input.kind', 'is required'],
      [`date: "2022-05-10", kind: RAID, note: "${PNR}"`, 'input.note', 'is not a field of RecordPassInput'],
    ];
    for (const [fields, field, rule] of cases) {
      const { status, body } = await server.graphql(inline(fields), undefined, MIKA);
      expect(status, fields).to.equal(400);
      const error = theError(body);
      expect(error.extensions, fields).to.deep.equal({ code: 'BAD_USER_INPUT', field, rule });
      expect(error.message).to.equal(`${field}: ${rule}`);
      expect(JSON.stringify(body), fields).not.to.match(/19121212|1212_1212|121212/);
    }
    const asOf = await server.graphql(`{ steeringFigures(from: "2022-01-01", to: "2022-12-31", asOf: "${PNR}") { jointPasses } }`);
    expect(theError(asOf.body).extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(JSON.stringify(asOf.body)).not.to.include('19121212');
    const units = await server.graphql(inline(`date: "2022-05-10", kind: RAID, units: [MIKA, "${PNR}"]`).replace('units: [MIKA], ', ''), undefined, MIKA);
    expect(theError(units.body).extensions).to.deep.include({ field: 'input.units[1]' });
  });

  it('names the field and the rule of a bad variable (enum, unknown field, missing, wrong type), never the value', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [passInput({ kind: PNR }), 'input.kind', 'must be one of SURVEILLANCE, RAID'],
      [{ ...passInput(), note: PNR }, 'input.note', 'is not a field of RecordPassInput'],
      [{ ...passInput(), [PNR]: 1 }, 'input.(unknown field)', 'is not a field of RecordPassInput'],
      [passInput({ kind: undefined }), 'input.kind', 'is required'],
      [passInput({ area: 191212121212 }), 'input.area', 'must be a String'],
      [passInput({ units: ['MIKA', PNR] }), 'input.units[1]', 'must be one of MIKA, KAST, REGIONKOORDINATOR, UNGDOMSJOUREN, POLIS'],
      [passInput({ date: PNR }), 'input.date', 'must be a real date written YYYY-MM-DD'],
    ];
    for (const [input, field, rule] of cases) {
      const { status, body } = await server.graphql(RECORD_PASS, { i: input }, MIKA);
      expect(status, field).to.equal(400);
      expect(theError(body).extensions, field).to.deep.equal({ code: 'BAD_USER_INPUT', field, rule });
      expect(JSON.stringify(body), field).not.to.match(/19121212|121212/);
    }
    const notAnObject = await server.graphql(RECORD_PASS, { i: PNR }, MIKA);
    expect(theError(notAnObject.body).extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(JSON.stringify(notAnObject.body)).not.to.include('19121212');
  });

  it('answers a syntax error with its place and without the token it quotes', async () => {
    const { status, body } = await server.graphql(`mutation { recordPass(input: { date: ${PNR} }) { revision } }`, undefined, MIKA);
    expect(status).to.equal(400);
    const error = theError(body);
    expect(error.extensions).to.deep.include({ code: 'GRAPHQL_PARSE_FAILED', field: '(document)' });
    expect(JSON.stringify(body)).not.to.match(/1212/);
  });

  it('refuses a subscription with OPERATION_NOT_SUPPORTED (400), not an internal error', async () => {
    const { status, body } = await server.graphql(`subscription { passHistory(id: "${randomUUID()}") { type } }`, undefined, MIKA);
    expect(status).to.equal(400);
    expect(theError(body).extensions).to.deep.equal({ code: 'OPERATION_NOT_SUPPORTED', field: '(operation)', rule: 'must be a query or a mutation; subscriptions are not served (poll a query instead)' });
  });

  it('refuses a persisted query whose hash does not match, or of another version, naming the field (400)', async () => {
    const headers = { 'content-type': 'application/json', ...(await server.authorization(MIKA)) };
    const query = '{ __typename }';
    const post = async (persistedQuery: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, extensions: { persistedQuery } }) });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    };
    const mismatch = await post({ version: 1, sha256Hash: 'a'.repeat(64) });
    expect(mismatch.status).to.equal(400);
    expect(theError(mismatch.body).extensions).to.deep.equal({ code: 'PERSISTED_QUERY_REFUSED', field: 'extensions.persistedQuery.sha256Hash', rule: 'must be the SHA-256 (hex) of the query sent with it' });
    const version = await post({ version: 2, sha256Hash: createHash('sha256').update(query).digest('hex') });
    expect(version.status).to.equal(400);
    expect(theError(version.body).extensions).to.deep.include({ code: 'PERSISTED_QUERY_REFUSED', field: 'extensions.persistedQuery.version' });
    const matching = await post({ version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') });
    expect(matching.body).to.deep.equal({ data: { __typename: 'Query' } });
  });

  it('refuses a token whose sub is a personal identity number at sign-in, so it reaches no audit record', async () => {
    // Signed with the server's own key, as a misconfigured identity provider would: the dev issuer refuses to mint it.
    const signed = (sub: string) =>
      new SignJWT({ role: 'beredningsgrupp', org: 'BEREDNINGSGRUPPEN' })
        .setProtectedHeader({ alg: DEV_ALGORITHM, kid: server.signingKey.kid })
        .setSubject(sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(server.signingKey.privateKey);
    for (const sub of [PNR, PNR.replace('-', ''), PNR.slice(2)]) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await signed(sub)}` },
        body: JSON.stringify({ query: '{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses } }' }),
      });
      const { status } = response;
      const body = await response.json();
      expect(status, sub).to.equal(401);
      expect(JSON.stringify(body)).to.include('sub');
      expect(JSON.stringify(body)).to.include('must be a pseudonymous user id, not a personal identity number');
      expect(JSON.stringify(body)).not.to.include('19121212');
    }
    // A UUID subject is what providers send, and is never read as a number.
    const ok = await server.graphql('{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses } }', undefined, { role: 'beredningsgrupp', org: 'BEREDNINGSGRUPPEN', sub: '19121212-1212-4a7e-9a55-1d2b3c4d5e6f' });
    expect(ok.status).to.equal(200);
  });
});

describe('samlogg import: hostile input (real CLI)', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let dbPath: string;
  beforeEach(() => {
    temp = tempDir();
    dbPath = join(temp.dir, 'samlogg.db');
    env = { SAMLOGG_STORE: `sqlite:${dbPath}` };
  });
  afterEach(() => temp.remove());

  const events = () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('refuses a line with a 200 kB area as too long at once, naming line, field and rule, and appends nothing', async () => {
    await runCli(['import', writeLines('seed.jsonl', toJsonl(passWithEncounters(1, 0)))], env);
    const before = events();
    const area = 'Drottninggatan'.repeat(15_000);
    const run = await runCli(['import', writeLines('huge.jsonl', toJsonl([...passWithEncounters(1, 1), recordPass({ area })]))], env);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('huge.jsonl:6: area: must be at most 120 characters');
    expect(run.stderr.length).to.be.below(2000);
    expect(events()).to.equal(before);
  });

  it('reads a file that starts with a UTF-8 byte order mark', async () => {
    const run = await runCli(['import', writeLines('bom.jsonl', `\uFEFF${toJsonl(passWithEncounters(1, 1))}`), '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('"applied":5');
  });

  function writeLines(name: string, text: string): string {
    const file = join(temp.dir, name);
    writeFileSync(file, text);
    return file;
  }
});

describe('development tokens', () => {
  it('are not minted for a personal identity number as sub', async () => {
    const { loadOrCreateDevSigningKey } = await import('../../src/auth/dev-signing-key.js');
    const temp = tempDir();
    try {
      const issuer = devTokenIssuer(await loadOrCreateDevSigningKey(join(temp.dir, 'key.json')));
      let refused: unknown;
      await issuer.issue({ role: 'field', org: 'MIKA', sub: PNR }).catch((error: unknown) => (refused = error));
      expect(String(refused)).to.match(/sub: must be a pseudonymous user id/);
    } finally {
      temp.remove();
    }
  });
});
