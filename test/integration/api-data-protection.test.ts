import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordDemo } from '../support/demo.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

const MIKA: Caller = { role: 'field', org: 'MIKA' };
// Skatteverket's published test number: synthetic, valid check digit.
const TEST_PERSONNUMMER = '121212-1212';

type Row = Record<string, number | null> & { masked: Array<{ measure: string; reason: string }>; key: Array<{ value: string }> };
const MEASURES = ['passes', 'encounters', 'exposed', 'suspectedBuyers', 'under18', 'offeredSupport'];

describe('Data protection over GraphQL: small-cell suppression and the identity guard', function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer(recordDemo);
  });
  after(async () => server.stop());

  const stats = async (groupBy: string, disclosure: string) =>
    (await server.graphql(`{ statistics(filter: { tertial: "2022-T2", jointOnly: true }, groupBy: [${groupBy}], disclosure: ${disclosure}) { disclosure threshold rows { key { value } ${MEASURES.join(' ')} masked { measure reason } } total { ${MEASURES.join(' ')} masked { measure reason } } } }`)).body
      .data?.statistics as { disclosure: string; threshold: number; rows: Row[]; total: Row };

  it('masks every count from 1 to 4 under PUBLIC, and enough others that none can be worked out from the total', async () => {
    const internal = await stats('HOME_KOMMUN', 'INTERNAL');
    const shown = await stats('HOME_KOMMUN', 'PUBLIC');
    expect(shown).to.deep.include({ disclosure: 'PUBLIC', threshold: 4 });
    expect(internal.rows.every((row) => row.masked.length === 0)).to.equal(true);
    let masked = 0;
    for (const measure of MEASURES) {
      const line = [...shown.rows, shown.total];
      const truth = [...internal.rows, internal.total];
      line.forEach((row, n) => {
        const value = row[measure] as number | null;
        const real = truth[n]?.[measure] as number;
        if (value === null) {
          masked += 1;
          expect(row.masked.map((m) => m.measure), `${measure} flagged`).to.include(measure);
        } else {
          expect(value, `${measure} shown as it is`).to.equal(real);
          expect(value >= 1 && value <= 4, `${measure} = ${value} is small yet shown`).to.equal(false);
        }
      });
      // One masked entry in a line whose other entries are shown could be recovered by subtraction.
      expect(line.filter((row) => row[measure] === null).length, measure).not.to.equal(1);
    }
    expect(masked, 'the demo has small cells to mask').to.be.greaterThan(0);
  });

  it('masks small figures in a PUBLIC tertial summary, and every change that would give one away', async () => {
    const query = (disclosure: string) => `{ tertialSummary(tertial: "2022-T2", disclosure: ${disclosure}) { disclosure current { suspectedBuyersUnder18 exposedUnder18 masked { measure reason } } previous { suspectedBuyersUnder18 } changeFromPrevious { suspectedBuyersUnder18 masked { measure reason } } cumulative { jointPasses exposed } } }`;
    const internal = (await server.graphql(query('INTERNAL'))).body.data?.tertialSummary as { current: Record<string, number>; previous: Record<string, number> };
    const shown = (await server.graphql(query('PUBLIC'))).body.data?.tertialSummary as { current: Row; changeFromPrevious: Row; cumulative: Row };
    for (const measure of ['suspectedBuyersUnder18', 'exposedUnder18']) {
      const real = internal.current[measure] as number;
      const small = real >= 1 && real <= 4;
      expect(shown.current[measure], measure).to.equal(small ? null : real);
      if (small) expect(shown.current.masked).to.deep.include({ measure, reason: 'SMALL' });
    }
    const either = [internal.current.suspectedBuyersUnder18, internal.previous.suspectedBuyersUnder18].some((v) => (v as number) >= 1 && (v as number) <= 4);
    expect(shown.changeFromPrevious.suspectedBuyersUnder18 === null).to.equal(either);
    expect(shown.cumulative).to.deep.include({ jointPasses: 201, exposed: 364 });
  });

  it('refuses a pass whose area holds a personal identity number, naming the field and the kind, never the number, appending nothing', async () => {
    const head = await server.store.headPosition();
    const { body } = await server.graphql(
      'mutation ($input: RecordPassInput!) { recordPass(input: $input) { revision } }',
      { input: { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'], area: `Träffade ${TEST_PERSONNUMMER} vid stationen` } },
      MIKA,
    );
    expect(body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.area' });
    expect(body.errors?.[0]?.message).to.match(/^input\.area: .*personnummer/);
    expect(JSON.stringify(body)).not.to.include('1212');
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('refuses a retraction whose reason holds a phone number', async () => {
    const passId = randomUUID();
    await server.graphql('mutation ($input: RecordPassInput!) { recordPass(input: $input) { revision } }', { input: { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['MIKA'] } }, MIKA);
    const head = await server.store.headPosition();
    const { body } = await server.graphql('mutation ($input: RetractPassInput!) { retractPass(input: $input) { revision } }', { input: { commandId: randomUUID(), passId, reason: 'ring 070-123 45 67' } }, MIKA);
    expect(body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(JSON.stringify(body)).not.to.include('45 67');
    expect(await server.store.headPosition()).to.equal(head);
  });
});
