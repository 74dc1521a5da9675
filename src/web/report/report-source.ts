import { agreementRegister, encounterAgreementStatus } from '../../../projections/agreements.js';
import type { Disclosure } from '../../../projections/disclosure.js';
import { passRegister } from '../../../projections/pass-register.js';
import { FIGURE_FIELDS } from '../../../projections/tertial-summary.js';
import { domainError, type DomainError } from '../../domain/errors.js';
import { parseTertial } from '../../domain/time.js';
import { foldAsOf, type ProjectionEngine } from '../../projections/engine.js';
import type { EventStore } from '../../store/port.js';
import type { Clock } from '../../application/clock.js';
import { tertialReport, type TertialReport } from './tertial-report.js';

export interface ReportSources {
  readonly store: EventStore;
  readonly engine: ProjectionEngine;
  readonly clock: Clock;
}

/** A figure that differs between the report as presented then and as the log stands now. */
export interface ChangedSince {
  readonly scope: 'current' | 'cumulative';
  readonly measure: string;
  readonly then: number | null;
  readonly now: number | null;
}

export type LoadedReport = TertialReport & { readonly asOf: Date | null; readonly changedSince: ChangedSince[] };

async function reportAt(sources: ReportSources, tertialText: string, asOf: Date | null, disclosure: Disclosure, threshold: number): Promise<TertialReport | DomainError> {
  const tertial = parseTertial(tertialText);
  if (!tertial) return domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2');
  const register = asOf ? await foldAsOf(sources.store, passRegister, asOf) : sources.engine.state(passRegister);
  const agreements = asOf ? await foldAsOf(sources.store, agreementRegister, asOf) : sources.engine.state(agreementRegister);
  return tertialReport(register, { agreementStatus: (kommun, date) => encounterAgreementStatus(agreements, kommun, date) }, tertial, tertialText, disclosure, threshold);
}

/** The report as the log stands, or as it stood at `asOf` with what has changed since. */
export async function loadTertialReport(sources: ReportSources, tertialText: string, asOf: Date | null, disclosure: Disclosure, threshold: number): Promise<LoadedReport | DomainError> {
  const then = await reportAt(sources, tertialText, asOf, disclosure, threshold);
  if ('code' in then) return then;
  const changedSince: ChangedSince[] = [];
  if (asOf) {
    const now = (await reportAt(sources, tertialText, null, disclosure, threshold)) as TertialReport;
    for (const scope of ['current', 'cumulative'] as const) {
      for (const measure of FIGURE_FIELDS) {
        const [a, b] = [then.summary[scope][measure], now.summary[scope][measure]];
        if (a !== b) changedSince.push({ scope, measure, then: a, now: b });
      }
    }
  }
  return { ...then, asOf, changedSince };
}
