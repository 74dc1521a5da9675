import { expect } from 'chai';
import { passRegister } from '../../projections/pass-register.js';
import { afterCursor, cursorOf, passList, type PassList, type PassListQuery } from '../../queries/pass-list.js';
import type { DomainError } from '../../src/domain/errors.js';
import { growLog, newLogState, random } from '../support/random-log.js';

function seededRegister(seed: number) {
  const state = newLogState();
  return growLog(passRegister.init(), random(seed), 300, state);
}

const listed = (answer: PassList | DomainError): PassList => {
  if ('code' in answer) throw new Error(`refused: ${answer.field} ${answer.rule}`);
  return answer;
};

describe('The pass list (queries/pass-list.ts): one page of the passes a caller may list', () => {
  const register = seededRegister(7);
  const base: PassListQuery = { units: [], ownUnit: 'MIKA', includeRetracted: false, first: 20 };

  it('walks every pass its unit took part in exactly once, newest first, page by page with cursors', () => {
    const first = listed(passList(register, base));
    const seen: string[] = [];
    let page = first;
    for (;;) {
      seen.push(...page.edges.map((e) => e.node.id));
      for (const edge of page.edges) expect(edge.node.units).to.include('MIKA');
      if (!page.pageInfo.hasNextPage) break;
      page = listed(passList(register, { ...base, after: page.pageInfo.endCursor as string }));
    }
    expect(first.totalCount).to.be.greaterThan(20);
    expect(seen).to.have.length(first.totalCount);
    expect(new Set(seen).size).to.equal(seen.length);
    const dates = seen.map((id) => register.passes.cols.date[register.passIndex.get(id) as number] as number);
    expect(dates).to.deep.equal([...dates].sort((a, b) => b - a));
  });

  it('lists only the kind, units and period asked, and says which passes it listed (for the read audit)', () => {
    const raids = listed(passList(register, { ...base, kind: 'RAID', units: ['KAST'], period: { from: '2022-01-01', to: '2022-12-31' }, first: 100 }));
    expect(raids.edges.length).to.be.greaterThan(0);
    for (const { node } of raids.edges) {
      expect(node.kind).to.equal('RAID');
      expect(node.units).to.include('KAST');
      expect(node.date >= '2022-01-01' && node.date <= '2022-12-31', node.date).to.equal(true);
    }
    expect(raids.passIds).to.deep.equal(raids.edges.map((e) => e.node.id));
  });

  it('refuses a page size out of 1–100 and a cursor no page gave out, naming the field and not echoing the value', () => {
    for (const first of [0, 101, 1.5]) {
      const refused = passList(register, { ...base, first }) as DomainError;
      expect(refused).to.include({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    const hostile = 'not-a-cursor-<script>';
    const refused = passList(register, { ...base, after: hostile }) as DomainError;
    expect(refused).to.include({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(refused.rule).not.to.include(hostile);
    expect(afterCursor(Buffer.from('[1,2]').toString('base64url'))).to.have.property('field', 'after');
    expect(afterCursor(cursorOf(20220301, 'p-1'))).to.deep.equal([20220301, 'p-1']);
  });
});
