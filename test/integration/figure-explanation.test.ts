import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import { readsBetween } from '../../src/application/read-audit.js';
import { recordDemo } from '../support/demo.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lastJson, runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const FIGURES = ['JOINT_PASSES', 'EXPOSED', 'EXPOSED_UNDER_18', 'SUSPECTED_BUYERS', 'SUSPECTED_BUYERS_UNDER_18', 'OFFERED_SUPPORT'] as const;
const FIELD_OF = { JOINT_PASSES: 'jointPasses', EXPOSED: 'exposed', EXPOSED_UNDER_18: 'exposedUnder18', SUSPECTED_BUYERS: 'suspectedBuyers', SUSPECTED_BUYERS_UNDER_18: 'suspectedBuyersUnder18', OFFERED_SUPPORT: 'offeredSupport' } as const;
const SCOPES = { CURRENT: 'current', PREVIOUS: 'previous', SAME_TERTIAL_LAST_YEAR: 'sameTertialLastYear', CUMULATIVE: 'cumulative' } as const;
const NOW = new Date('2026-11-15T12:00:00+01:00');

interface Member {
  passId: string;
  encounterId: string | null;
  counted: boolean;
  reason: string | null;
  events: Array<{ position: number; type: string }>;
}
interface Explanation {
  count: number;
  totalMembers: number;
  members: Member[];
  endCursor: string | null;
  hasNextPage: boolean;
  restricted: boolean;
}

const EXPLANATION = 'count totalMembers endCursor hasNextPage restricted members { passId encounterId counted reason events { position type } }';

/** Every page of an explanation, followed by its cursors. */
async function allMembers(server: RunningServer, call: (after: string | null) => Promise<Explanation>): Promise<{ count: number; members: Member[]; pages: number }> {
  const members: Member[] = [];
  let after: string | null = null;
  let pages = 0;
  let count = -1;
  for (;;) {
    const page = await call(after);
    pages += 1;
    count = page.count;
    members.push(...page.members);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return { count, members, pages };
}

describe('Figures you can prove: what a figure counts (explainFigure, explainStatistics)', function () {
  this.timeout(120_000);
  let server: RunningServer;

  before(async () => {
    server = await startServer(recordDemo, { now: NOW });
  });
  after(async () => server.stop());

  const explainFigure = async (args: string, caller?: Caller) => {
    const { body } = await server.graphql(`{ explainFigure(${args}) { ${EXPLANATION} } }`, undefined, caller);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data?.explainFigure as Explanation;
  };

  it('lists exactly as many counted passes or encounters as every figure of every part of the 2022-T2 summary, each with its events', async () => {
    const { body } = await server.graphql('{ tertialSummary(tertial: "2022-T2") { current { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } previous { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } sameTertialLastYear { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } cumulative { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } } }');
    const summary = body.data?.tertialSummary as Record<string, Record<string, number>>;
    expect(summary.cumulative).to.deep.include({ jointPasses: 201, exposed: 364, exposedUnder18: 18, suspectedBuyers: 306, suspectedBuyersUnder18: 3 });
    for (const [scope, part] of Object.entries(SCOPES)) {
      for (const figure of FIGURES) {
        const explained = await allMembers(server, (after) => explainFigure(`figure: ${figure}, tertial: "2022-T2", scope: ${scope}, first: 1000${after ? `, after: "${after}"` : ''}`));
        const expected = summary[part]?.[FIELD_OF[figure]];
        expect(explained.count, `${scope} ${figure}`).to.equal(expected);
        expect(explained.members.filter((m) => m.counted), `${scope} ${figure}`).to.have.length(expected as number);
        for (const member of explained.members) {
          expect(member.events.map((e) => e.type)).to.include('PassRecorded');
          if (figure !== 'JOINT_PASSES') expect(member.events.map((e) => e.type)).to.include('PersonEncountered');
          if (figure === 'OFFERED_SUPPORT') expect(member.events.map((e) => e.type)).to.include('SupportOffered');
          expect(member.events.map((e) => e.position)).to.deep.equal([...member.events.map((e) => e.position)].sort((a, b) => a - b));
        }
        const keys = explained.members.map((m) => `${m.passId}/${m.encounterId}`);
        expect(new Set(keys).size, 'no member listed twice across pages').to.equal(keys.length);
      }
    }
  });

  it('pages with cursors and names why the excluded ones are excluded, with the retraction or correction that excludes them', async () => {
    const explained = await allMembers(server, (after) => explainFigure(`figure: EXPOSED, from: "2021-04-01", to: "2022-08-31", includeExcluded: true, first: 50${after ? `, after: "${after}"` : ''}`));
    expect(explained.pages).to.be.greaterThan(5);
    expect(explained.members.filter((m) => m.counted)).to.have.length(364);
    const reasons = new Set(explained.members.filter((m) => !m.counted).map((m) => m.reason));
    expect([...reasons]).to.include.members(['ROLE_NOT_COUNTED', 'ENCOUNTER_RETRACTED']);
    for (const member of explained.members.filter((m) => m.reason === 'ENCOUNTER_RETRACTED')) expect(member.events.map((e) => e.type)).to.include('EncounterRetracted');
    for (const member of explained.members) expect(member.counted).to.equal(member.reason === null);
  });

  it('explains any statistics cell: every row of a two-dimension grouping and the total, for each measure', async () => {
    const { body } = await server.graphql('{ statistics(filter: { tertial: "2022-T2", jointOnly: true }, groupBy: [UNIT, AGE_BAND]) { rows { key { dimension value } passes encounters exposed suspectedBuyers under18 offeredSupport } total { passes encounters exposed } } }');
    const stats = body.data?.statistics as { rows: Array<Record<string, number> & { key: Array<{ dimension: string; value: string }> }>; total: Record<string, number> };
    expect(stats.rows.length).to.be.greaterThan(3);
    const measures = { PASSES: 'passes', ENCOUNTERS: 'encounters', EXPOSED: 'exposed', SUSPECTED_BUYERS: 'suspectedBuyers', UNDER_18: 'under18', OFFERED_SUPPORT: 'offeredSupport' } as const;
    for (const row of stats.rows.slice(0, 6)) {
      for (const [measure, field] of Object.entries(measures)) {
        const { body: explainedBody } = await server.graphql(
          `query ($key: [StatisticsKeyInput!]) { explainStatistics(filter: { tertial: "2022-T2", jointOnly: true }, groupBy: [UNIT, AGE_BAND], key: $key, measure: ${measure}, first: 1000) { count members { counted } } }`,
          { key: row.key },
        );
        const explained = explainedBody.data?.explainStatistics as { count: number; members: Array<{ counted: boolean }> };
        expect(explained.count, `${JSON.stringify(row.key)} ${measure}`).to.equal(row[field]);
        expect(explained.members.filter((m) => m.counted)).to.have.length(row[field] as number);
      }
    }
    const total = (await server.graphql('{ explainStatistics(filter: { tertial: "2022-T2", jointOnly: true }, groupBy: [UNIT, AGE_BAND], measure: PASSES, first: 1000) { count } }')).body.data?.explainStatistics as { count: number };
    expect(total.count).to.equal(stats.total.passes);
  });

  it('refuses a key that does not fit the grouping and a forged cursor, naming the field', async () => {
    const wrong = await server.graphql('{ explainStatistics(groupBy: [UNIT], key: [{ dimension: ROLE, value: "EXPOSED" }], measure: ENCOUNTERS) { count } }');
    expect(wrong.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'key' });
    const forged = await server.graphql('{ explainFigure(figure: EXPOSED, after: "bm90LWEtY3Vyc29y") { count } }');
    expect(forged.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'after' });
    const huge = await server.graphql('{ explainFigure(figure: EXPOSED, first: 100000) { count } }');
    expect(huge.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('follows the rules of pass-level data: field users see their own unit’s passes, the police never support, every read audited', async () => {
    const passId = randomUUID();
    const recorded = await recordCommands(
      server.store,
      [recordPass({ passId, date: '2022-06-01', units: ['POLIS', 'UNGDOMSJOUREN'] }), recordEncounter(passId, { role: 'EXPOSED' })],
      { actor: { userId: 't', org: 'UNGDOMSJOUREN', role: 'field' }, correlationId: 't', now: NOW },
    );
    expect(recorded.ok).to.equal(true);
    await server.samlogg.engine.waitFor(await server.store.headPosition());
    const kast: Caller = { role: 'field', org: 'KAST', sub: 'kast-user-1' };
    const asKast = await allMembers(server, (after) => explainFigure(`figure: EXPOSED, tertial: "2022-T2", first: 1000${after ? `, after: "${after}"` : ''}`, kast));
    expect(asKast.members.map((m) => m.passId)).not.to.include(passId);
    const ujour = await explainFigure('figure: EXPOSED, tertial: "2022-T2", first: 1000', { role: 'field', org: 'UNGDOMSJOUREN' });
    expect(ujour.restricted).to.equal(true);
    expect(ujour.members.map((m) => m.passId)).to.include(passId);

    const police: Caller = { role: 'field', org: 'POLIS', sub: 'polis-user-1' };
    const refused = await server.graphql('{ explainFigure(figure: OFFERED_SUPPORT, tertial: "2022-T2") { count } }', undefined, police);
    expect(refused.body.errors?.[0]?.extensions?.code).to.equal('FORBIDDEN');
    const policeView = await explainFigure('figure: EXPOSED, tertial: "2022-T2", first: 1000', police);
    expect(policeView.members.flatMap((m) => m.events.map((e) => e.type))).not.to.include('SupportOffered');
    const cellRefused = await server.graphql('{ explainStatistics(measure: OFFERED_SUPPORT) { count } }', undefined, police);
    expect(cellRefused.body.errors?.[0]?.extensions?.code).to.equal('FORBIDDEN');

    const reads = await readsBetween(server.store, '2026-11-15', '2026-11-15');
    const kastRead = reads.find((r) => r.sub === 'kast-user-1' && r.operation === 'explainFigure');
    expect(kastRead?.passIds.length).to.be.greaterThan(0);
    expect(reads.some((r) => r.sub === 'polis-user-1' && r.operation === 'explainFigure')).to.equal(true);
  });
});

describe('samlogg figures --explain', function () {
  this.timeout(60_000);
  const temp = tempDir();
  const env = { SAMLOGG_STORE: `sqlite:${join(temp.dir, 'log.db')}`, SAMLOGG_NOW: NOW.toISOString() };
  before(async () => {
    const store = openSqliteStore(join(temp.dir, 'log.db'));
    await recordDemo(store);
    await store.close();
  });
  after(() => temp.remove());

  it('prints as its last line one JSON object whose list has exactly as many counted entries as the figure', async () => {
    for (const [figure, expected, list] of [['exposed', 364, 'encounters'], ['suspectedBuyersUnder18', 3, 'encounters'], ['jointPasses', 201, 'passes']] as const) {
      const run = await runCli(['figures', '--from', '2021-04-01', '--to', '2022-08-31', '--explain', figure, '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      const out = lastJson<Record<string, unknown> & { count: number }>(run.stdout);
      const entries = out[list] as Array<{ counted: boolean; events: Array<{ position: number }> }>;
      expect(out.count).to.equal(expected);
      expect(entries.filter((e) => e.counted)).to.have.length(expected);
      expect(entries.every((e) => e.events.length > 0)).to.equal(true);
    }
    const tertial = await runCli(['figures', '--tertial', '2022-T2', '--explain', 'exposed', '--include-excluded', '--json'], env);
    const out = lastJson<{ count: number; encounters: Array<{ counted: boolean; reason: string | null }> }>(tertial.stdout);
    expect(out.encounters.filter((e) => e.counted)).to.have.length(out.count);
    expect(out.encounters.some((e) => e.reason === 'ROLE_NOT_COUNTED')).to.equal(true);
  });

  it('refuses a figure it does not know, naming the option and the figures it knows, exit 2', async () => {
    const run = await runCli(['figures', '--explain', 'everything'], env);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('--explain: must be one of jointPasses');
    const alone = await runCli(['figures', '--include-excluded'], env);
    expect(alone.code).to.equal(2);
    expect(alone.stderr).to.include('--include-excluded');
  });
});

describe('explainFigure decides a field user’s rows from the pass stream, not the lagging register', function () {
  this.timeout(60_000);

  it('leaves off a pass another writer took the caller’s unit off, before the register has seen it', async () => {
    const server = await startServer(undefined, { now: NOW, pollIntervalMs: 3_600_000 });
    try {
      const pass = recordPass({ date: '2022-06-10', units: ['POLIS', 'KAST'] });
      const actor = { actor: { userId: 't', org: 'KAST', role: 'field' }, correlationId: 't', now: NOW };
      expect((await recordCommands(server.store, [pass, recordEncounter(pass.passId)], actor)).ok).to.equal(true);
      await server.samlogg.engine.waitFor(await server.store.headPosition());
      const kast: Caller = { role: 'field', org: 'KAST' };
      const before = (await server.graphql('{ explainFigure(figure: EXPOSED, tertial: "2022-T2") { members { passId } } }', undefined, kast)).body.data?.explainFigure as { members: Array<{ passId: string }> };
      expect(before.members.map((m) => m.passId)).to.include(pass.passId);

      // Another process's handle on the same file: the server's register does not hear of it for an hour.
      const other = openSqliteStore(server.store.path);
      const moved = await recordCommands(other, [{ type: 'CorrectPass', commandId: randomUUID(), passId: pass.passId, units: ['POLIS', 'MIKA'] }], { ...actor, actor: { userId: 'u', org: 'MIKA', role: 'field' } });
      await other.close();
      expect(moved.ok).to.equal(true);
      expect(server.samlogg.engine.position).to.be.lessThan(await server.store.headPosition());
      const after = (await server.graphql('{ explainFigure(figure: EXPOSED, tertial: "2022-T2") { members { passId } } }', undefined, kast)).body.data?.explainFigure as { members: Array<{ passId: string }> };
      expect(after.members.map((m) => m.passId)).not.to.include(pass.passId);
    } finally {
      await server.stop();
    }
  });
});
