import { encounterAgreementStatus } from '../../projections/agreements.js';
import { turns } from '../application/event-loop-turns.js';
import type { Disclosure } from '../../queries/disclosure.js';
import { FIGURE_FIELDS } from '../../queries/tertial-summary.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { parseTertial, type Tertial } from '../domain/time.js';
import type { ProjectionEngine } from '../projections/engine.js';
import { REPORT_FORMAT, reportFingerprint, type ReportBody } from '../application/signed-report.js';
import { logProofOf } from '../store/log-proof.js';
import { liveState, stateAsOf, type PrefixState } from './log-prefix.js';
import type { EventStore } from '../store/port.js';
import type { Clock } from '../application/clock.js';
import type { ReportSigningKey } from '../application/report-key.js';
import { neighbours, parseReportPeriod, periodChoices, periodSummary, type PeriodKind, type ReportPeriod } from './report-period.js';
import { periodReportInSteps, planTertialOf, type TertialReport } from './tertial-report.js';
import { drain, inSlices } from '../projections/steps.js';
import { livePlan, planOf } from './disclosure-plans.js';
import type { DisclosurePlan } from '../../queries/report-disclosure.js';

export interface ReportSources {
  readonly store: EventStore;
  readonly engine: ProjectionEngine;
  readonly clock: Clock;
  /** The key reports are signed with; without one, no signed report is served. */
  readonly reportKey?: ReportSigningKey;
}

/** A figure that differs between the report as presented then and as the log stands now. */
export interface ChangedSince {
  readonly scope: 'current' | 'cumulative';
  readonly measure: string;
  readonly then: number | null;
  readonly now: number | null;
}

export type LoadedReport = TertialReport & {
  readonly asOf: Date | null;
  readonly changedSince: ChangedSince[];
  readonly kind: PeriodKind;
  /** When the figures were taken from the log (the server's clock), and the log position they reflect. */
  readonly extractedAt: Date;
  readonly position: number;
  /** True when the log is the synthetic demo log: every page and file says so. */
  readonly synthetic: boolean;
  /** Passes the log held at `asOf` (or now), any date: 0 says plainly that nothing was recorded by then. */
  readonly passesRecorded: number;
  readonly navigation: { readonly previous: string | null; readonly next: string | null; readonly choices: readonly string[] };
  /** What ties a copy of this report to the log and to its signed JSON (the same on paper, CSV, XLSX and JSON). */
  readonly proof: { readonly chainHead: string | null; readonly fingerprint: string; readonly rules: number };
  /** The content the signed JSON carries: the report and which log prefix it is derived from. */
  readonly body: ReportBody;
};

/** Raise when what a report shows for the same log changes (which counts are masked, the summary's wording, the tables). */
export const REPORT_RULES_VERSION = 1;

/**
 * The report a state of the log gives: the one function a report is made by, and derived again by.
 * `plan` is the state's PUBLIC disclosure plan where the caller has it (disclosure-plans.ts).
 */
export function reportOf(state: PrefixState, period: ReportPeriod, disclosure: Disclosure, threshold: number, plan?: DisclosurePlan): TertialReport {
  return drain(reportInSteps(state, period, disclosure, threshold, plan));
}

function* reportInSteps(state: PrefixState, period: ReportPeriod, disclosure: Disclosure, threshold: number, plan?: DisclosurePlan): Generator<void, TertialReport> {
  const { register, agreements } = state;
  const summary = periodSummary(register, period);
  yield;
  return yield* periodReportInSteps(register, { agreementStatus: (kommun, date) => encounterAgreementStatus(agreements, kommun, date) }, period, summary, disclosure, threshold, plan);
}

/**
 * The registers as the log stands (or stood at `asOf`) and the PUBLIC disclosure plan of `tertial` for
 * them: kept per log prefix, computed in slices between other requests.
 */
export async function tertialPlan(sources: Pick<ReportSources, 'store' | 'engine'>, tertial: Tertial, asOf: Date | null, threshold: number): Promise<{ state: PrefixState; plan: DisclosurePlan }> {
  if (!asOf) return livePlan(sources.store, sources.engine, REPORT_RULES_VERSION, tertial, threshold);
  const state = await stateAsOf(sources.store, asOf);
  return { state, plan: await planOf(sources.store, state, REPORT_RULES_VERSION, tertial, threshold) };
}

/** The state a report is drawn from and, for PUBLIC, its plan. */
async function stateAndPlan(sources: ReportSources, period: ReportPeriod, asOf: Date | null, disclosure: Disclosure, threshold: number): Promise<{ state: PrefixState; plan?: DisclosurePlan }> {
  if (disclosure !== 'PUBLIC') return { state: asOf ? await stateAsOf(sources.store, asOf) : liveState(sources.engine) };
  return tertialPlan(sources, planTertialOf(period), asOf, threshold);
}

async function reportAt(sources: ReportSources, period: ReportPeriod, asOf: Date | null, disclosure: Disclosure, threshold: number): Promise<{ report: TertialReport; passesRecorded: number; position: number }> {
  const { state, plan } = await stateAndPlan(sources, period, asOf, disclosure, threshold);
  // The report is made between other requests. An as-of fold's registers do not change; the live ones
  // change in place as the log grows, so a live report made while the log moved is made again at once.
  const sliced = await inSlices(reportInSteps(state, period, disclosure, threshold, plan)).catch(() => undefined);
  if (asOf || (sliced && sources.engine.position === state.position)) return { report: sliced ?? reportOf(state, period, disclosure, threshold, plan), passesRecorded: state.register.passIds.length, position: state.position };
  const now = liveState(sources.engine);
  return { report: reportOf(now, period, disclosure, threshold), passesRecorded: now.register.passIds.length, position: now.position };
}

/** The demo log is appended to an empty store, so its first event says whether the log is synthetic. */
const syntheticLogs = new WeakMap<EventStore, boolean>();
async function isSynthetic(store: EventStore): Promise<boolean> {
  const known = syntheticLogs.get(store);
  if (known !== undefined) return known;
  let synthetic = false;
  let seen = false;
  for await (const page of store.readAll({ pageSize: 1 })) {
    seen = page.length > 0;
    synthetic = page[0]?.metadata.synthetic === true;
    break;
  }
  // An empty log may yet become either: decide again next time.
  if (seen) syntheticLogs.set(store, synthetic);
  return synthetic;
}

/** The styrgrupp's tertial report (the GraphQL `tertialReport`). */
export async function loadTertialReport(sources: ReportSources, tertialText: string, asOf: Date | null, disclosure: Disclosure, threshold: number): Promise<LoadedReport | DomainError> {
  if (!parseTertial(tertialText)) return domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2');
  return loadReport(sources, 'tertial', tertialText, asOf, disclosure, threshold);
}

/** The report for a tertial or a year, as the log stands, or as it stood at `asOf` with what has changed since. */
export async function loadReport(sources: ReportSources, kind: PeriodKind, name: string, asOf: Date | null, disclosure: Disclosure, threshold: number): Promise<LoadedReport | DomainError> {
  const period = parseReportPeriod(kind, name);
  if (!period) return domainError('BAD_USER_INPUT', kind, kind === 'tertial' ? 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2' : 'must be a year written YYYY, e.g. 2022');
  const extractedAt = sources.clock();
  const { report: then, passesRecorded, position } = await reportAt(sources, period, asOf, disclosure, threshold);
  const changedSince: ChangedSince[] = [];
  if (asOf) {
    // Two reports' work in one request: let other requests in between them.
    await turns.slice();
    const { report: now } = await reportAt(sources, period, null, disclosure, threshold);
    for (const scope of ['current', 'cumulative'] as const) {
      for (const measure of FIGURE_FIELDS) {
        const [a, b] = [then.summary[scope][measure], now.summary[scope][measure]];
        if (a !== b) changedSince.push({ scope, measure, then: a, now: b });
      }
    }
  }
  const chainHead = logProofOf(sources.store).headAt(position);
  const body: ReportBody = {
    format: REPORT_FORMAT,
    kind,
    period: name,
    disclosure,
    threshold,
    asOf: (asOf ?? extractedAt).toISOString(),
    extractedAt: extractedAt.toISOString(),
    position,
    chainHead,
    store: sources.store.kind,
    rules: REPORT_RULES_VERSION,
    report: then,
  };
  return {
    ...then,
    asOf,
    changedSince,
    kind,
    extractedAt,
    position,
    proof: { chainHead, fingerprint: reportFingerprint(body), rules: REPORT_RULES_VERSION },
    body,
    synthetic: await isSynthetic(sources.store),
    passesRecorded,
    navigation: { ...neighbours(period, extractedAt), choices: periodChoices(kind, extractedAt) },
  };
}
