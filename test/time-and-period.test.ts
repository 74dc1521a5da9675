import { expect } from 'chai';
import { resolvePeriod } from '../src/domain/period.js';
import { parseInstant, parseTertial, previousTertial, stockholmDate, tertialOfDate, tertialRange, formatTertial } from '../src/domain/time.js';

describe('time in Europe/Stockholm', () => {
  it('splits a year into tertials T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec', () => {
    expect(tertialRange({ year: 2022, number: 1 })).to.deep.equal({ from: '2022-01-01', to: '2022-04-30' });
    expect(tertialRange({ year: 2022, number: 2 })).to.deep.equal({ from: '2022-05-01', to: '2022-08-31' });
    expect(tertialRange({ year: 2024, number: 3 })).to.deep.equal({ from: '2024-09-01', to: '2024-12-31' });
  });

  it('puts the dates at both edges of T2 in the right tertial', () => {
    const cases: Array<[string, string]> = [
      ['2022-04-30', '2022-T1'],
      ['2022-05-01', '2022-T2'],
      ['2022-08-31', '2022-T2'],
      ['2022-09-01', '2022-T3'],
      ['2022-12-31', '2022-T3'],
      ['2023-01-01', '2023-T1'],
    ];
    for (const [date, tertial] of cases) expect(formatTertial(tertialOfDate(date)), date).to.equal(tertial);
  });

  it('steps back across a year and refuses malformed tertials', () => {
    expect(previousTertial({ year: 2023, number: 1 })).to.deep.equal({ year: 2022, number: 3 });
    expect(previousTertial({ year: 2022, number: 3 })).to.deep.equal({ year: 2022, number: 2 });
    for (const bad of ['2022-T4', '2022-T0', '22-T1', '2022T1', '2022-t1']) expect(parseTertial(bad), bad).to.equal(undefined);
  });

  it('dates an instant by the Stockholm calendar, across midnight, DST and the tertial edge', () => {
    expect(stockholmDate(new Date('2022-03-26T23:30:00Z'))).to.equal('2022-03-27');
    expect(stockholmDate(new Date('2022-10-29T22:30:00Z'))).to.equal('2022-10-30');
    expect(stockholmDate(new Date('2022-04-30T22:30:00Z'))).to.equal('2022-05-01');
    expect(stockholmDate(new Date('2022-01-31T22:59:00Z'))).to.equal('2022-01-31');
  });

  it('parses instants with Z, with an offset, and without one as Stockholm time', () => {
    expect(parseInstant('2022-05-01T00:30:00Z')?.toISOString()).to.equal('2022-05-01T00:30:00.000Z');
    expect(parseInstant('2022-05-01T00:30:00+02:00')?.toISOString()).to.equal('2022-04-30T22:30:00.000Z');
    expect(parseInstant('2022-05-01T00:30')?.toISOString()).to.equal('2022-04-30T22:30:00.000Z');
    expect(parseInstant('2022-01-15T12:00')?.toISOString()).to.equal('2022-01-15T11:00:00.000Z');
    expect(parseInstant('yesterday')).to.equal(undefined);
  });
});

describe('periods', () => {
  const now = new Date('2022-09-15T10:00:00Z');

  it('takes a tertial alone, dates, or the defaults (the agreement to today)', () => {
    expect(resolvePeriod({ tertial: '2022-T2' }, now)).to.deep.equal({ ok: true, period: { from: '2022-05-01', to: '2022-08-31', tertial: '2022-T2' } });
    expect(resolvePeriod({ from: '2022-01-01', to: '2022-01-31' }, now)).to.deep.equal({ ok: true, period: { from: '2022-01-01', to: '2022-01-31' } });
    expect(resolvePeriod({}, now)).to.deep.equal({ ok: true, period: { from: '2021-04-01', to: '2022-09-15' } });
  });

  it('refuses mixtures, reversed and malformed periods, naming the field', () => {
    const refused = (input: Parameters<typeof resolvePeriod>[0]) => {
      const result = resolvePeriod(input, now);
      return result.ok ? undefined : result.error;
    };
    expect(refused({ tertial: '2022-T2', from: '2022-01-01' })).to.deep.include({ field: 'tertial', code: 'BAD_USER_INPUT' });
    expect(refused({ tertial: '2022-T9' })).to.deep.include({ field: 'tertial' });
    expect(refused({ from: '2022-02-30' })).to.deep.include({ field: 'from' });
    expect(refused({ from: '2022-09-01', to: '2022-08-31' })).to.deep.include({ field: 'to', rule: 'must not be before from' });
  });
});
