import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import type { Command } from '../../src/domain/commands.js';
import { DEMO_FIGURES, demoCommands } from '../../src/demo/demo-log.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { startServer, type RunningServer } from '../support/server.js';

const context = () => ({ actor: { userId: 'u1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date() });

describe('GraphQL queries: statistics and passes', function () {
  this.timeout(30_000);
  let server: RunningServer;
  const known = recordPass({ date: '2023-02-14', units: ['POLIS', 'KAST'], area: 'Testområde' });
  const buyer = recordEncounter(known.passId, { role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0117', gender: 'MAN' });

  before(async () => {
    server = await startServer(async (store) => {
      const commands: Command[] = [...demoCommands(), known, buyer, { type: 'OfferSupport', commandId: randomUUID(), passId: known.passId, encounterId: buyer.encounterId, unit: 'KAST' }];
      const result = await recordCommands(store, commands, context());
      if (!result.ok) throw new Error(JSON.stringify(result.failures[0]));
    });
  });
  after(async () => server.stop());

  const stats = async (args: string) =>
    (await server.graphql(`{ statistics(${args}) { from to groupBy rows { key { dimension value label } passes encounters exposed suspectedBuyers under18 offeredSupport } total { passes encounters exposed suspectedBuyers under18 offeredSupport } } }`)).body;

  it('totals agree with the steering figures for the joint passes of the report period', async () => {
    const body = await stats('filter: { from: "2021-04-01", to: "2022-08-31", jointOnly: true }');
    const total = (body.data?.statistics as { total: Record<string, number> }).total;
    expect(total).to.deep.include({
      encounters: DEMO_FIGURES.exposed + DEMO_FIGURES.suspectedBuyers,
      exposed: DEMO_FIGURES.exposed,
      suspectedBuyers: DEMO_FIGURES.suspectedBuyers,
      under18: DEMO_FIGURES.exposedUnder18 + DEMO_FIGURES.suspectedBuyersUnder18,
      offeredSupport: DEMO_FIGURES.offeredSupport,
    });
    // Passes with at least one encounter: at most the 201 joint passes.
    expect(total.passes).to.be.at.most(201);
    const passesOnly = await stats('filter: { from: "2021-04-01", to: "2022-08-31", jointOnly: true }, groupBy: [PASS_KIND]');
    const rows = (passesOnly.data?.statistics as { rows: Array<{ passes: number }> }).rows;
    expect(rows.reduce((n, r) => n + r.passes, 0)).to.equal(201);
  });

  it('groups by two dimensions, and the rows add up to the total', async () => {
    const body = await stats('filter: { tertial: "2022-T2", jointOnly: true }, groupBy: [ROLE, UNDER_18]');
    const result = body.data?.statistics as { rows: Array<{ key: Array<{ dimension: string; value: string }>; encounters: number; exposed: number }>; total: { encounters: number } };
    expect(result.rows.map((r) => r.key.map((k) => `${k.dimension}=${k.value}`).join(','))).to.deep.equal([
      'ROLE=BUYER,UNDER_18=false',
      'ROLE=BUYER,UNDER_18=true',
      'ROLE=EXPOSED,UNDER_18=false',
      'ROLE=EXPOSED,UNDER_18=true',
    ]);
    expect(result.rows.reduce((n, r) => n + r.encounters, 0)).to.equal(result.total.encounters);
  });

  it('counts a pass under each of its units, but once in the total', async () => {
    const body = await stats('filter: { from: "2023-01-01", to: "2023-12-31" }, groupBy: [UNIT, HOME_KOMMUN]');
    const result = body.data?.statistics as { rows: Array<{ key: Array<{ value: string; label: string | null }>; passes: number }>; total: { passes: number; encounters: number } };
    expect(result.rows.map((r) => r.key.map((k) => k.value))).to.deep.equal([
      ['KAST', '0117'],
      ['POLIS', '0117'],
    ]);
    expect(result.rows[0]?.key[1]?.label).to.equal('Österåker');
    expect(result.total).to.deep.include({ passes: 1, encounters: 1 });
  });

  it('filters by encounter facts: only passes with a matching encounter count', async () => {
    const body = await stats('filter: { from: "2023-01-01", to: "2023-12-31", roles: [EXPOSED] }');
    expect((body.data?.statistics as { total: { passes: number } }).total.passes).to.equal(0);
    const kommun = await stats('filter: { homeKommuner: ["0117"], genders: [MAN], under18: false }');
    expect((kommun.data?.statistics as { total: { encounters: number } }).total.encounters).to.be.at.least(1);
  });

  it('refuses a repeated dimension and a bad period with BAD_USER_INPUT naming the field', async () => {
    const twice = await stats('groupBy: [ROLE, ROLE]');
    expect(twice.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    const reversed = await stats('filter: { from: "2022-09-01", to: "2022-01-01" }');
    expect(reversed.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });

  it('reads one pass as it stands, and its history with who recorded each event', async () => {
    const kast = { role: 'field', org: 'KAST' } as const;
    const { body } = await server.graphql(`{ pass(id: "${known.passId}") { id date kind units joint area retracted revision encounters { id role ageBand under18 gender homeKommun supportOfferedBy retracted } } }`, undefined, kast);
    expect(body.data?.pass).to.deep.equal({
      id: known.passId,
      date: '2023-02-14',
      kind: 'RAID',
      units: ['KAST', 'POLIS'],
      joint: true,
      area: 'Testområde',
      retracted: false,
      revision: 2,
      encounters: [{ id: buyer.encounterId, role: 'BUYER', ageBand: 'AGE_36_45', under18: false, gender: 'MAN', homeKommun: '0117', supportOfferedBy: ['KAST'], retracted: false }],
    });
    const missing = await server.graphql(`{ pass(id: "${randomUUID()}") { id } }`, undefined, kast);
    expect(missing.body.data?.pass).to.equal(null);
    expect(missing.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'pass' });
    const history = await server.graphql(`{ passHistory(id: "${known.passId}") { revision type occurredAt recordedAt commandId actor { userId org role } } }`, undefined, kast);
    const entries = history.body.data?.passHistory as Array<Record<string, unknown>>;
    expect(entries.map((e) => e.type)).to.deep.equal(['PassRecorded', 'PersonEncountered', 'SupportOffered']);
    expect(entries[0]).to.deep.include({ revision: 0, commandId: known.commandId, actor: { userId: 'u1', org: 'MIKA', role: 'field' } });
    const none = await server.graphql(`{ passHistory(id: "${randomUUID()}") { type } }`, undefined, kast);
    // An unknown pass is answered as another unit's is: the answer tells nothing of passes the caller may not see.
    expect(none.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'passHistory' });
  });

  it('pages through passes newest first with stable cursors', async () => {
    // The police take part in every joint pass: enough of them for several pages.
    const police = { role: 'field', org: 'POLIS' } as const;
    const page = async (after?: string) =>
      (await server.graphql(`query ($after: String) { passes(filter: { tertial: "2022-T2" }, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id date } } } }`, after ? { after } : undefined, police)).body
        .data?.passes as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string; date: string } }> };
    const seen: string[] = [];
    const dates: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    for (;;) {
      const result = await page(cursor);
      total = result.totalCount;
      seen.push(...result.edges.map((e) => e.node.id));
      dates.push(...result.edges.map((e) => e.node.date));
      if (!result.pageInfo.hasNextPage) break;
      cursor = result.pageInfo.endCursor;
    }
    expect(seen.length).to.equal(total);
    expect(new Set(seen).size).to.equal(total);
    expect([...dates].sort().reverse()).to.deep.equal(dates);
    expect(dates.every((d) => d >= '2022-05-01' && d <= '2022-08-31')).to.equal(true);
    expect(total).to.be.greaterThan(40);
    const bad = await server.graphql('{ passes(first: 1000) { totalCount } }', undefined, police);
    expect(bad.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await server.graphql('{ passes(after: "nonsense") { totalCount } }', undefined, police);
    expect(badCursor.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('filters passes by kind: each kind lists only its own passes, and the kinds together list them all', async () => {
    const police = { role: 'field', org: 'POLIS' } as const;
    const kinds = async (kind?: string) =>
      ((await server.graphql(`{ passes(filter: { tertial: "2022-T2"${kind ? `, kind: ${kind}` : ''} }, first: 100) { totalCount edges { node { kind } } } }`, undefined, police)).body.data?.passes as { totalCount: number; edges: Array<{ node: { kind: string } }> });
    const [all, raids, surveillance] = [await kinds(), await kinds('RAID'), await kinds('SURVEILLANCE')];
    expect(raids.edges.map((e) => e.node.kind)).to.satisfy((listed: string[]) => listed.length > 0 && listed.every((kind) => kind === 'RAID'));
    expect(surveillance.edges.map((e) => e.node.kind)).to.satisfy((listed: string[]) => listed.length > 0 && listed.every((kind) => kind === 'SURVEILLANCE'));
    expect(raids.totalCount + surveillance.totalCount).to.equal(all.totalCount);
  });
});
