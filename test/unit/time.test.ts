import { expect } from 'chai';
import { DateTime } from 'luxon';
import { resolvePeriod } from '../../src/domain/period.js';
import {
  AGREEMENT_START,
  formatTertial,
  isLocalDate,
  parseInstant,
  parseTertial,
  previousTertial,
  stockholmDate,
  stockholmDateTime,
  tertialOfDate,
  tertialRange,
} from '../../src/domain/time.js';

/** Time in Europe/Stockholm: tertials, calendar dates of instants, instants from text, and periods. */

const NOW = new Date('2022-09-15T10:00:00Z');

describe('time (Europe/Stockholm)', () => {
  describe('tertialRange', () => {
    it('2022-T1 is 2022-01-01..2022-04-30', () => {
      expect(tertialRange({ year: 2022, number: 1 })).to.deep.equal({ from: '2022-01-01', to: '2022-04-30' });
    });

    it('2022-T2 is 2022-05-01..2022-08-31', () => {
      expect(tertialRange({ year: 2022, number: 2 })).to.deep.equal({ from: '2022-05-01', to: '2022-08-31' });
    });

    it('2022-T3 is 2022-09-01..2022-12-31', () => {
      expect(tertialRange({ year: 2022, number: 3 })).to.deep.equal({ from: '2022-09-01', to: '2022-12-31' });
    });

    it('a leap year T1 still ends 04-30', () => {
      expect(tertialRange({ year: 2024, number: 1 })).to.deep.equal({ from: '2024-01-01', to: '2024-04-30' });
    });

    it('gives luxon’s dates in Stockholm for every tertial of years 0–9999 sampled, leap and common, and beyond', () => {
      const years = [0, 1, 99, 999, 1000, 1582, 1900, 1999, 2000, 2100, 2400, 9999, 10_000, 12_345];
      for (let year = 2015; year <= 2035; year += 1) years.push(year);
      for (let year = 7; year < 9999; year += 97) years.push(year);
      for (const year of years) {
        for (const number of [1, 2, 3] as const) {
          const from = DateTime.fromObject({ year, month: (number - 1) * 4 + 1, day: 1 }, { zone: 'Europe/Stockholm' });
          const expected = { from: from.toISODate(), to: from.plus({ months: 4 }).minus({ days: 1 }).toISODate() };
          expect(tertialRange({ year, number }), `${year}-T${number}`).to.deep.equal(expected);
        }
      }
    });
  });

  describe('tertialOfDate at both edges', () => {
    for (const [date, expected] of [
      ['2022-01-01', '2022-T1'],
      ['2022-04-30', '2022-T1'],
      ['2022-05-01', '2022-T2'],
      ['2022-08-31', '2022-T2'],
      ['2022-09-01', '2022-T3'],
      ['2022-12-31', '2022-T3'],
    ] as const) {
      it(`${date} → ${expected}`, () => {
        expect(formatTertial(tertialOfDate(date))).to.equal(expected);
      });
    }

    it('every date of a tertial range maps back to that tertial', () => {
      for (const number of [1, 2, 3] as const) {
        const { from, to } = tertialRange({ year: 2022, number });
        expect(tertialOfDate(from)).to.deep.equal({ year: 2022, number });
        expect(tertialOfDate(to)).to.deep.equal({ year: 2022, number });
      }
    });
  });

  describe('previousTertial', () => {
    it('2023-T1 → 2022-T3 (across a year)', () => {
      expect(previousTertial({ year: 2023, number: 1 })).to.deep.equal({ year: 2022, number: 3 });
    });

    it('2022-T3 → 2022-T2, 2022-T2 → 2022-T1', () => {
      expect(previousTertial({ year: 2022, number: 3 })).to.deep.equal({ year: 2022, number: 2 });
      expect(previousTertial({ year: 2022, number: 2 })).to.deep.equal({ year: 2022, number: 1 });
    });
  });

  describe('parseTertial', () => {
    it('parses 2022-T2 and formats it back', () => {
      expect(parseTertial('2022-T2')).to.deep.equal({ year: 2022, number: 2 });
      expect(formatTertial({ year: 2022, number: 2 })).to.equal('2022-T2');
    });

    for (const text of ['2022-T4', '2022-T0', '22-T1', '2022T1', '2022-t1', ' 2022-T1', '2022-T1 ', '']) {
      it(`refuses ${JSON.stringify(text)}`, () => {
        expect(parseTertial(text)).to.equal(undefined);
      });
    }
  });

  describe('stockholmDate: the calendar date of an instant in Stockholm', () => {
    it('2022-03-26T23:30Z (winter, +01:00) → 2022-03-27', () => {
      expect(stockholmDate(new Date('2022-03-26T23:30:00Z'))).to.equal('2022-03-27');
    });

    it('2022-03-26T22:30Z → still 2022-03-26', () => {
      expect(stockholmDate(new Date('2022-03-26T22:30:00Z'))).to.equal('2022-03-26');
    });

    it('2022-10-29T22:30Z (the night summer time ends, +02:00) → 2022-10-30', () => {
      expect(stockholmDate(new Date('2022-10-29T22:30:00Z'))).to.equal('2022-10-30');
    });

    it('2022-10-29T21:59Z → still 2022-10-29', () => {
      expect(stockholmDate(new Date('2022-10-29T21:59:00Z'))).to.equal('2022-10-29');
    });

    it('2022-04-30T22:30Z → 2022-05-01: the tertial edge falls in T2 in Stockholm, though UTC is still in T1', () => {
      const instant = new Date('2022-04-30T22:30:00Z');
      expect(instant.toISOString().slice(0, 10)).to.equal('2022-04-30');
      expect(stockholmDate(instant)).to.equal('2022-05-01');
      expect(formatTertial(tertialOfDate(stockholmDate(instant)))).to.equal('2022-T2');
    });

    it('keeps each day its own length when asked in turn: the 25-hour 2022-10-30 and the 23-hour 2022-03-27', () => {
      expect(stockholmDate(new Date('2022-10-30T10:00:00Z'))).to.equal('2022-10-30');
      expect(stockholmDate(new Date('2022-10-30T22:59:59Z'))).to.equal('2022-10-30');
      expect(stockholmDate(new Date('2022-10-30T23:00:00Z'))).to.equal('2022-10-31');
      expect(stockholmDate(new Date('2022-10-29T21:59:59Z'))).to.equal('2022-10-29');
      expect(stockholmDate(new Date('2022-03-27T10:00:00Z'))).to.equal('2022-03-27');
      expect(stockholmDate(new Date('2022-03-27T21:59:59Z'))).to.equal('2022-03-27');
      expect(stockholmDate(new Date('2022-03-27T22:00:00Z'))).to.equal('2022-03-28');
      expect(stockholmDate(new Date('2022-03-26T22:59:59Z'))).to.equal('2022-03-26');
    });

    it('2022-12-31T23:30Z → 2023-01-01 (new year in Stockholm first)', () => {
      expect(stockholmDate(new Date('2022-12-31T23:30:00Z'))).to.equal('2023-01-01');
    });
  });

  describe('parseInstant', () => {
    it('with Z: taken as is', () => {
      expect(parseInstant('2022-05-01T00:30:00Z')?.toISOString()).to.equal('2022-05-01T00:30:00.000Z');
    });

    it('with an offset: taken as is', () => {
      expect(parseInstant('2022-05-01T00:30:00+02:00')?.toISOString()).to.equal('2022-04-30T22:30:00.000Z');
      expect(parseInstant('2022-05-01T00:30-05:00')?.toISOString()).to.equal('2022-05-01T05:30:00.000Z');
    });

    it('without an offset: Stockholm local time ("2022-05-01T00:30" → 2022-04-30T22:30:00.000Z)', () => {
      expect(parseInstant('2022-05-01T00:30')?.toISOString()).to.equal('2022-04-30T22:30:00.000Z');
    });

    it('without an offset in winter: +01:00', () => {
      expect(parseInstant('2022-01-15T12:00')?.toISOString()).to.equal('2022-01-15T11:00:00.000Z');
    });

    for (const text of ['yesterday', '2022-13-01T00:00', '2022-02-30', '', '15/01/2022 12:00']) {
      it(`invalid text ${JSON.stringify(text)} → undefined`, () => {
        expect(parseInstant(text)).to.equal(undefined);
      });
    }
  });

  describe('stockholmDateTime and isLocalDate', () => {
    it('gives ISO-8601 with the Stockholm offset for the season', () => {
      expect(stockholmDateTime('2022-07-01', '21:00')).to.equal('2022-07-01T21:00:00+02:00');
      expect(stockholmDateTime('2022-01-15', '21:00')).to.equal('2022-01-15T21:00:00+01:00');
      expect(stockholmDateTime('2022-07-01')).to.equal('2022-07-01T00:00:00+02:00');
    });

    it('moves a local time that does not exist (2022-03-27 02:30) forward to 03:30+02:00', () => {
      expect(stockholmDateTime('2022-03-27', '02:30')).to.equal('2022-03-27T03:30:00+02:00');
    });

    it('isLocalDate accepts real dates and refuses others', () => {
      expect(isLocalDate('2022-03-27')).to.equal(true);
      expect(isLocalDate('2024-02-29')).to.equal(true);
      expect(isLocalDate('2022-02-30')).to.equal(false);
      expect(isLocalDate('2022-2-3')).to.equal(false);
      expect(isLocalDate('2022-03-27T00:00')).to.equal(false);
    });

    it('isLocalDate answers as luxon does in Stockholm for every day number 00–32 of every month 00–13 of leap and common years', () => {
      const pad = (n: number, width: number) => String(n).padStart(width, '0');
      let checked = 0;
      for (const year of [0, 1, 4, 1582, 1900, 1996, 2000, 2021, 2023, 2024, 2100, 2400, 9999]) {
        for (let month = 0; month <= 13; month += 1) {
          for (let day = 0; day <= 32; day += 1) {
            const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
            expect(isLocalDate(text), text).to.equal(DateTime.fromISO(text, { zone: 'Europe/Stockholm' }).isValid);
            checked += 1;
          }
        }
      }
      expect(checked).to.equal(13 * 14 * 33);
    });

    it('stockholmDateTime answers the same when asked again, and for the skipped hour too', () => {
      for (let i = 0; i < 2; i += 1) {
        expect(stockholmDateTime('2022-03-27', '02:30')).to.equal('2022-03-27T03:30:00+02:00');
        expect(stockholmDateTime('2022-10-30', '03:30')).to.equal('2022-10-30T03:30:00+01:00');
        for (const [date, time] of [['2022-10-30', '02:30'], ['2024-02-29', '23:59'], ['2022-07-01', '00:00']] as const) {
          expect(stockholmDateTime(date, time)).to.equal(DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Stockholm' }).toISO({ suppressMilliseconds: true }));
        }
      }
    });
  });
});

describe('resolvePeriod', () => {
  it('a tertial alone → its range, with the tertial', () => {
    expect(resolvePeriod({ tertial: '2022-T2' }, NOW)).to.deep.equal({ ok: true, period: { from: '2022-05-01', to: '2022-08-31', tertial: '2022-T2' } });
  });

  it('from and to → that range, both ends as given', () => {
    expect(resolvePeriod({ from: '2022-01-01', to: '2022-06-30' }, NOW)).to.deep.equal({ ok: true, period: { from: '2022-01-01', to: '2022-06-30' } });
  });

  it('from equal to to → a one-day period', () => {
    expect(resolvePeriod({ from: '2022-06-30', to: '2022-06-30' }, NOW)).to.deep.equal({ ok: true, period: { from: '2022-06-30', to: '2022-06-30' } });
  });

  it('nothing → from the agreement (2021-04-01) to today in Stockholm', () => {
    expect(AGREEMENT_START).to.equal('2021-04-01');
    expect(resolvePeriod({}, NOW)).to.deep.equal({ ok: true, period: { from: '2021-04-01', to: '2022-09-15' } });
  });

  it('"today" is the Stockholm date: now = 2022-04-30T22:30Z → to 2022-05-01', () => {
    expect(resolvePeriod({}, new Date('2022-04-30T22:30:00Z'))).to.deep.equal({ ok: true, period: { from: '2021-04-01', to: '2022-05-01' } });
  });

  it('only from → to defaults to today; only to → from defaults to the agreement', () => {
    expect(resolvePeriod({ from: '2022-01-01' }, NOW)).to.deep.equal({ ok: true, period: { from: '2022-01-01', to: '2022-09-15' } });
    expect(resolvePeriod({ to: '2021-12-31' }, NOW)).to.deep.equal({ ok: true, period: { from: '2021-04-01', to: '2021-12-31' } });
  });

  it('undefined fields count as not given', () => {
    expect(resolvePeriod({ tertial: '2022-T3', from: undefined, to: undefined }, NOW)).to.deep.equal({
      ok: true,
      period: { from: '2022-09-01', to: '2022-12-31', tertial: '2022-T3' },
    });
  });

  function expectPeriodError(result: ReturnType<typeof resolvePeriod>, field: string, rule: RegExp): void {
    expect(result.ok, JSON.stringify(result)).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal('BAD_USER_INPUT');
    expect(result.error.field).to.equal(field);
    expect(result.error.rule).to.match(rule);
  }

  it('a tertial combined with from → refused, field tertial', () => {
    expectPeriodError(resolvePeriod({ tertial: '2022-T2', from: '2022-05-01' }, NOW), 'tertial', /cannot be combined with from\/to/);
  });

  it('a tertial combined with to → refused, field tertial', () => {
    expectPeriodError(resolvePeriod({ tertial: '2022-T2', to: '2022-08-31' }, NOW), 'tertial', /cannot be combined/);
  });

  it('a malformed tertial → refused, field tertial, says how to write it', () => {
    expectPeriodError(resolvePeriod({ tertial: '2022-T4' }, NOW), 'tertial', /YYYY-Tn/);
    expectPeriodError(resolvePeriod({ tertial: '22-T1' }, NOW), 'tertial', /YYYY-Tn/);
  });

  it('from after to → refused, field to', () => {
    expectPeriodError(resolvePeriod({ from: '2022-08-31', to: '2022-05-01' }, NOW), 'to', /must not be before from/);
  });

  it('a bad from date → refused, field from', () => {
    expectPeriodError(resolvePeriod({ from: '2022-02-30', to: '2022-05-01' }, NOW), 'from', /real date written YYYY-MM-DD/);
  });

  it('a bad to date → refused, field to', () => {
    expectPeriodError(resolvePeriod({ from: '2022-01-01', to: '31/12/2022' }, NOW), 'to', /real date written YYYY-MM-DD/);
  });

  it('a bad date never echoes the value', () => {
    const result = resolvePeriod({ from: 'Anna Andersson' }, NOW);
    expectPeriodError(result, 'from', /YYYY-MM-DD/);
    expect(JSON.stringify(result)).to.not.include('Anna');
  });
});

describe('periods: a lone future from', () => {
  it('blames from, the field the caller gave, not to', async () => {
    const { resolvePeriod } = await import('../../src/domain/period.js');
    const result = resolvePeriod({ from: '2022-10-01' }, new Date('2022-09-15T10:00:00Z'));
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.error).to.deep.include({ field: 'from', rule: 'must not be after today (2022-09-15 in Stockholm)' });
  });
});
