import type { Disclosure } from '../../queries/disclosure.js';
import { discloseSummary, discloseYearSummary, sumMark } from '../../queries/disclosed-figures.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { planDisclosure, type DisclosurePlan, type Mark } from '../../queries/report-disclosure.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { statistics, type StatisticsContext } from '../../queries/statistics.js';
import { tertialSummary, type TertialSummary } from '../../queries/tertial-summary.js';
import { KOMMUNER } from '../domain/kommun.js';
import { drain } from '../projections/steps.js';
import { tertialOfDate, tertialRange, type Tertial } from '../domain/time.js';

/**
 * The styrgrupp's tertial report as data: the summary, three tables for the charts, and a short
 * text written from the numbers. Pure: the same register, agreements and tertial give the same
 * report, which the page, the CSV and the XLSX all show.
 */
export interface ReportCell {
  readonly value: number | null;
  readonly masked: boolean;
}

export interface TertialReport {
  readonly tertial: string;
  readonly from: string;
  readonly to: string;
  readonly disclosure: Disclosure;
  readonly threshold: number;
  readonly summary: ReturnType<typeof discloseSummary>;
  readonly passesByMonth: Array<{ month: string; passes: ReportCell }>;
  readonly encountersByRoleAndAgeBand: Array<{ role: string; ageBand: string; encounters: ReportCell }>;
  readonly encountersByHomeKommun: Array<{ code: string; name: string; agreementStatus: string; encounters: ReportCell }>;
  readonly plainSummary: { readonly sv: string; readonly en: string };
}

const SPECIAL_KOMMUN_NAMES: Readonly<Record<string, string>> = { ABROAD: 'Utlandet / abroad', UNKNOWN: 'Okänd / unknown' };

const cell = (value: number, mark: Mark | undefined): ReportCell => (mark ? { value: null, masked: true } : { value, masked: false });

export function tertialReport(register: PassRegister, agreements: StatisticsContext, tertial: Tertial, tertialText: string, disclosure: Disclosure, threshold: number): TertialReport {
  return periodReport(register, agreements, { name: tertialText, ...tertialRange(tertial), tertial }, tertialSummary(register, tertial), disclosure, threshold);
}

type PlannedPeriod = { name: string; from: string; to: string; tertial?: Tertial };

const tertialsOf = (period: PlannedPeriod): Tertial[] => (period.tertial ? [period.tertial] : [1, 2, 3].map((number) => ({ year: Number(period.from.slice(0, 4)), number: number as 1 | 2 | 3 })));

/** The tertial whose disclosure plan a PUBLIC report of the period is marked by: its last. */
export const planTertialOf = (period: PlannedPeriod): Tertial => tertialsOf(period).pop() as Tertial;

/**
 * The same report for any period of pass dates (a tertial, a year) with its summary beside others.
 * `planned` is the PUBLIC plan of `planTertialOf(period)` for this register, when the caller has it already.
 */
export function periodReport(register: PassRegister, agreements: StatisticsContext, period: PlannedPeriod, periodSummary: TertialSummary, disclosure: Disclosure, threshold: number, planned?: DisclosurePlan): TertialReport {
  return drain(periodReportInSteps(register, agreements, period, periodSummary, disclosure, threshold, planned));
}

/** The same report in steps (a table each), for registers that do not change meanwhile (an as-of fold's). */
export function* periodReportInSteps(register: PassRegister, agreements: StatisticsContext, period: PlannedPeriod, periodSummary: TertialSummary, disclosure: Disclosure, threshold: number, planned?: DisclosurePlan): Generator<void, TertialReport> {
  const { from, to } = period;
  const tertialText = period.name;
  // PUBLIC: one plan for every table and figure of every tertial's report (projections/report-disclosure.ts).
  // A period of several tertials (a year) shows a count only where the plan shows every tertial count
  // it sums, so it tells nothing the tertials' reports do not.
  const tertials = tertialsOf(period);
  const plan = disclosure === 'PUBLIC' ? (planned ?? planDisclosure(register, agreements, planTertialOf(period), threshold)) : null;
  const shown = (groupBy: Parameters<typeof statistics>[1]['groupBy'], range: { from: string; to: string } = { from, to }) => statistics(register, { ...range, jointOnly: true, groupBy }, agreements);
  const summary = !plan ? discloseSummary(periodSummary, null) : period.tertial ? discloseSummary(periodSummary, plan) : discloseYearSummary(periodSummary, plan, tertials[0]?.year as number, (t) => steeringFigures(register, tertialRange(t)));
  yield;
  const months = shown(['MONTH']);
  yield;
  const roleAge = shown(['ROLE', 'AGE_BAND']);
  yield;
  const kommun = shown(['HOME_KOMMUN', 'AGREEMENT_STATUS']);
  yield;
  // Each tertial's own counts of the two tables, for the marks of a count over several tertials.
  const byTertial = (groupBy: Parameters<typeof statistics>[1]['groupBy']) =>
    tertials.map((t) => ({ t, counts: new Map(shown(groupBy, tertialRange(t)).rows.map((row) => [row.key.map((k) => k.value).join('|'), row.encounters])) }));
  const roleAgeParts = plan ? byTertial(['ROLE', 'AGE_BAND']) : [];
  yield;
  const kommunParts = plan ? byTertial(['HOME_KOMMUN', 'AGREEMENT_STATUS']) : [];
  yield;
  const summed = (parts: typeof roleAgeParts, key: string, markOf: (t: Tertial, value: number) => Mark): Mark =>
    sumMark(parts.map(({ t, counts }) => { const value = counts.get(key) ?? 0; return { value, mark: markOf(t, value) }; }), threshold);
  const roleAgeMark = (role: string, band: string) => (plan ? summed(roleAgeParts, `${role}|${band}`, (t, v) => plan.roleAge(t, role, band, v)) : null);
  const kommunMark = (code: string, status: string) => (plan ? summed(kommunParts, `${code}|${status}`, (t, v) => plan.kommun(t, code, status, v)) : null);
  const monthMark = (month: string, value: number) => (plan ? plan.month(tertialOfDate(`${month}-01`), month, value) : null);
  return {
    tertial: tertialText,
    from,
    to,
    disclosure,
    threshold,
    summary,
    passesByMonth: months.rows.map((row) => ({ month: row.key[0]?.value ?? '', passes: cell(row.passes, monthMark(row.key[0]?.value ?? '', row.passes)) })),
    encountersByRoleAndAgeBand: roleAge.rows.map((row) => ({ role: row.key[0]?.value ?? '', ageBand: row.key[1]?.value ?? '', encounters: cell(row.encounters, roleAgeMark(row.key[0]?.value ?? '', row.key[1]?.value ?? '')) })),
    encountersByHomeKommun: kommun.rows
      .map((row) => {
        const code = row.key[0]?.value ?? '';
        const status = row.key[1]?.value ?? '';
        return { code, name: KOMMUNER.get(code)?.name ?? SPECIAL_KOMMUN_NAMES[code] ?? code, agreementStatus: status, encounters: cell(row.encounters, kommunMark(code, status)) };
      })
      .sort((a, b) => (b.encounters.value ?? 0) - (a.encounters.value ?? 0) || a.name.localeCompare(b.name, 'sv')),
    plainSummary: plainSummary(summary, tertialText, /^\d{4}$/.test(tertialText) ? BEFORE_YEAR : BEFORE_TERTIAL),
  };
}

type Shown = ReturnType<typeof discloseSummary>;

// Masked is not always small: PUBLIC also masks larger figures so that no small one can be worked out.
const number = (value: number | null, language: 'sv' | 'en') => (value === null ? (language === 'sv' ? 'ett dolt antal' : 'a masked number') : value.toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB'));

/** What the period is compared with, in words: the tertial before, or the year before. */
type Before = { readonly sv: string; readonly en: string };
const BEFORE_TERTIAL: Before = { sv: 'tertialen före', en: 'the tertial before' };
const BEFORE_YEAR: Before = { sv: 'året före', en: 'the year before' };

function direction(change: number | null, language: 'sv' | 'en', before: Before = BEFORE_TERTIAL): string {
  if (change === null) return '';
  if (change === 0) return language === 'sv' ? `, lika många som ${before.sv}` : `, as many as ${before.en}`;
  const more = change > 0;
  const amount = Math.abs(change).toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB');
  return language === 'sv' ? `, ${amount} ${more ? 'fler' : 'färre'} än ${before.sv}` : `, ${amount} ${more ? 'more' : 'fewer'} than ${before.en}`;
}

/** Says what the figures say, nothing more: counts and changes, masked ones as masked. */
export function plainSummary(summary: Shown, tertial: string, before: Before = BEFORE_TERTIAL): { sv: string; en: string } {
  const c = summary.current;
  const d = summary.changeFromPrevious;
  const k = summary.cumulative;
  return {
    sv:
      `Under ${tertial} genomfördes ${number(c.jointPasses, 'sv')} gemensamma arbetspass med polisen${direction(d.jointPasses, 'sv', before)}. ` +
      `Personal mötte ${number(c.exposed, 'sv')} personer utsatta för prostitution, varav ${number(c.exposedUnder18, 'sv')} under 18 år, ` +
      `och ${number(c.suspectedBuyers, 'sv')} misstänkta sexköpare, varav ${number(c.suspectedBuyersUnder18, 'sv')} under 18 år. ` +
      `${number(c.offeredSupport, 'sv')} erbjöds stöd. Sedan april 2021: ${number(k.jointPasses, 'sv')} pass, ${number(k.exposed, 'sv')} utsatta och ${number(k.suspectedBuyers, 'sv')} misstänkta sexköpare.`,
    en:
      `In ${tertial}, ${number(c.jointPasses, 'en')} joint work passes with the police were carried out${direction(d.jointPasses, 'en', before)}. ` +
      `Staff met ${number(c.exposed, 'en')} persons exposed to prostitution, ${number(c.exposedUnder18, 'en')} of them under 18, ` +
      `and ${number(c.suspectedBuyers, 'en')} suspected buyers, ${number(c.suspectedBuyersUnder18, 'en')} of them under 18. ` +
      `${number(c.offeredSupport, 'en')} were offered support. Since April 2021: ${number(k.jointPasses, 'en')} passes, ${number(k.exposed, 'en')} exposed and ${number(k.suspectedBuyers, 'en')} suspected buyers.`,
  };
}
