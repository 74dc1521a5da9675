import { expect } from 'chai';
import { passPage, type PassPageQuery } from '../../projections/pass-pages.js';
import { passView } from '../../projections/pass-views.js';
import { dateNumber, type PassRegister } from '../../projections/pass-register-rows.js';
import { UNITS } from '../../src/domain/vocabulary.js';
import { growLog, newLogState, random, randomDate } from '../support/random-log.js';
import { passRegister } from '../../projections/pass-register.js';

/** The page as the resolver first computed it: every pass filtered, all sorted, then sliced. */
function referencePage(register: PassRegister, q: PassPageQuery) {
  const c = register.passes.cols;
  const rows: number[] = [];
  for (let row = 0; row < register.passes.count; row += 1) {
    const date = c.date[row] as number;
    if (date < q.from || date > q.to || (c.retracted[row] && !q.includeRetracted)) continue;
    if (q.kind >= 0 && c.kind[row] !== q.kind) continue;
    if (q.units !== 0 && ((c.units[row] as number) & q.units) === 0) continue;
    if (((c.units[row] as number) & q.own) === 0) continue;
    rows.push(row);
  }
  const idOf = (row: number) => register.passIds[row] as string;
  rows.sort((a, b) => (c.date[b] as number) - (c.date[a] as number) || (idOf(a) < idOf(b) ? -1 : 1));
  let start = 0;
  if (q.after) {
    const [date, id] = q.after;
    start = rows.findIndex((row) => (c.date[row] as number) < date || ((c.date[row] as number) === date && idOf(row) > id));
    if (start < 0) start = rows.length;
  }
  return { rows: rows.slice(start, start + q.first), totalCount: rows.length, hasNextPage: start + q.first < rows.length };
}

/** passView as first written: a scan of every raid and encounter of the register. */
function referenceView(register: PassRegister, passId: string) {
  const row = register.passIndex.get(passId) as number;
  const raids: string[] = [];
  for (let i = 0; i < register.raids.count; i += 1) if (register.raids.cols.pass[i] === row) raids.push(register.raidIds[i] as string);
  const encounters: string[] = [];
  for (let i = 0; i < register.encounters.count; i += 1) if (register.encounters.cols.pass[i] === row) encounters.push(register.encounterIds[i] as string);
  return { raids, encounters };
}

describe('pass pages and pass views from the per-pass index', () => {
  it('lists the same pages, counts and cursors as a full sort, on 2,000 seeded random pages', () => {
    for (let seed = 1; seed <= 10; seed += 1) {
      const rnd = random(seed * 31);
      let register = passRegister.init();
      const state = newLogState();
      for (let round = 0; round < 4; round += 1) {
        register = growLog(register, rnd, 60 + rnd.int(100), state);
        for (let n = 0; n < 50; n += 1) {
          let from = dateNumber(randomDate(rnd));
          let to = dateNumber(randomDate(rnd));
          if (from > to) [from, to] = [to, from];
          if (rnd.chance(0.3)) [from, to] = [10101, 99991231];
          const base: PassPageQuery = {
            from,
            to,
            kind: rnd.chance(0.3) ? rnd.int(2) : -1,
            units: rnd.chance(0.3) ? 1 << rnd.int(UNITS.length) : 0,
            own: 1 << rnd.int(UNITS.length),
            includeRetracted: rnd.chance(0.3),
            first: 1 + rnd.int(rnd.chance(0.5) ? 5 : 100),
          };
          // Walk every page by its cursor, as a client does.
          let after: readonly [number, string] | undefined;
          for (let pageNumber = 0; pageNumber < 50; pageNumber += 1) {
            const query = after ? { ...base, after } : base;
            const expected = referencePage(register, query);
            expect(passPage(register, query), `seed ${seed} ${JSON.stringify(query)}`).to.deep.equal(expected);
            const last = expected.rows[expected.rows.length - 1];
            if (!expected.hasNextPage || last === undefined) break;
            after = [register.passes.cols.date[last] as number, register.passIds[last] as string];
          }
        }
      }
    }
  });

  it('reads each pass’s raids and encounters, in log order, from its own rows', () => {
    const register = growLog(passRegister.init(), random(5), 300, newLogState());
    for (const passId of register.passIds) {
      const view = passView(register, passId);
      const expected = referenceView(register, passId);
      expect(view?.raids.map((r) => r.id)).to.deep.equal(expected.raids);
      expect(view?.encounters.map((e) => e.id)).to.deep.equal(expected.encounters);
    }
  });
});
