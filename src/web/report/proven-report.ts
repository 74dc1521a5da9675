import { agreementRegister, encounterAgreementStatus, type AgreementRegister } from '../../../projections/agreements.js';
import type { Disclosure } from '../../../projections/disclosure.js';
import { passRegister, type PassRegister } from '../../../projections/pass-register.js';
import type { Clock } from '../../application/clock.js';
import type { ReportSigningKey } from '../../application/report-key.js';
import { REPORT_FORMAT, signReport, type ReportBody, type SignedReport } from '../../application/signed-report.js';
import { domainError, type DomainError } from '../../domain/errors.js';
import { parseTertial } from '../../domain/time.js';
import type { ProjectionEngine } from '../../projections/engine.js';
import { logProofOf } from '../../store/log-proof.js';
import type { EventStore } from '../../store/port.js';
import { tertialReport, type TertialReport } from './tertial-report.js';

/**
 * The tertial report as a signed document, and the same report derived again from the log's prefix
 * up to the document's position: the two halves of proving a presented figure years later.
 */

export interface ProofSources {
  readonly store: EventStore;
  readonly engine: ProjectionEngine;
  readonly clock: Clock;
  readonly reportKey: ReportSigningKey;
}

/** Raise when what a report shows for the same log changes (which counts are masked, the summary's wording, the tables). */
export const REPORT_RULES_VERSION = 1;

interface PrefixState {
  readonly register: PassRegister;
  readonly agreements: AgreementRegister;
  /** The last position folded (0 for none). */
  readonly position: number;
}

/**
 * The registers over the log's prefix: every event up to `position`, or every event recorded at or
 * before `asOf` (recorded times never go backwards in log order, so that too is a prefix).
 */
export async function foldPrefix(store: EventStore, bound: { readonly position?: number; readonly asOf?: Date }): Promise<PrefixState> {
  const until = bound.asOf?.toISOString();
  let register = passRegister.init();
  let agreements = agreementRegister.init();
  let position = 0;
  for await (const page of store.readAll({ metadata: false })) {
    for (const event of page) {
      if ((bound.position !== undefined && event.position > bound.position) || (until !== undefined && event.recordedAt > until)) return { register, agreements, position };
      if (passRegister.eventTypes.has(event.type)) register = passRegister.apply(register, event);
      if (agreementRegister.eventTypes.has(event.type)) agreements = agreementRegister.apply(agreements, event);
      position = event.position;
    }
  }
  return { register, agreements, position };
}

function reportOf(state: PrefixState, tertialText: string, disclosure: Disclosure, threshold: number): TertialReport | DomainError {
  const tertial = parseTertial(tertialText);
  if (!tertial) return domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2');
  return tertialReport(state.register, { agreementStatus: (kommun, date) => encounterAgreementStatus(state.agreements, kommun, date) }, tertial, tertialText, disclosure, threshold);
}

/** The report as the log stands (the projections' state at their position), or as it stood at `asOf`, signed. */
export async function signedTertialReport(sources: ProofSources, tertialText: string, options: { asOf: Date | null; disclosure: Disclosure; threshold: number }): Promise<SignedReport | DomainError> {
  const extractedAt = sources.clock();
  const state: PrefixState = options.asOf
    ? await foldPrefix(sources.store, { asOf: options.asOf })
    : { register: sources.engine.state(passRegister), agreements: sources.engine.state(agreementRegister), position: sources.engine.position };
  const report = reportOf(state, tertialText, options.disclosure, options.threshold);
  if ('code' in report) return report;
  const body: ReportBody = {
    format: REPORT_FORMAT,
    kind: 'tertial',
    period: tertialText,
    disclosure: options.disclosure,
    threshold: options.threshold,
    asOf: (options.asOf ?? extractedAt).toISOString(),
    extractedAt: extractedAt.toISOString(),
    position: state.position,
    chainHead: logProofOf(sources.store).headAt(state.position),
    store: sources.store.kind,
    rules: REPORT_RULES_VERSION,
    report,
  };
  return signReport(body, sources.reportKey);
}

/** The report a document claims, derived afresh from the log's prefix up to its position. */
export async function rederiveReport(store: EventStore, body: ReportBody): Promise<{ report: unknown; position: number } | DomainError> {
  if (body.kind !== 'tertial') return domainError('BAD_USER_INPUT', 'kind', 'must be tertial: other reports cannot be derived again by this version');
  if (body.disclosure !== 'INTERNAL' && body.disclosure !== 'PUBLIC') return domainError('BAD_USER_INPUT', 'disclosure', 'must be INTERNAL or PUBLIC');
  const state = await foldPrefix(store, { position: body.position });
  const report = reportOf(state, body.period, body.disclosure, body.threshold);
  if ('code' in report) return report;
  // JSON round trip: the signed report was read from a file, so compare like with like.
  return { report: JSON.parse(JSON.stringify(report)) as unknown, position: state.position };
}
