import { DISCLOSURE_RULE, isDisclosure, type Disclosure } from '../../queries/disclosure.js';
import type { ReportSigningKey } from '../application/report-key.js';
import { signReport, type ReportBody, type SignedReport } from '../application/signed-report.js';
import { domainError, type DomainError } from '../domain/errors.js';
import type { EventStore } from '../store/port.js';
import { foldPrefix } from './log-prefix.js';
import { parseReportPeriod, type PeriodKind } from './report-period.js';
import { loadReport, reportOf, type ReportSources } from './report-source.js';

/**
 * A report as a signed document, and the same report derived again from the log's prefix up to the
 * document's position: the two halves of proving a presented figure years later.
 */

/** A report's sources with the key to sign it. */
type ProofSources = ReportSources & { readonly reportKey: ReportSigningKey };

/** The report as the log stands, or as it stood at `asOf`, signed: the very content the page and the files show. */
export async function signedReport(sources: ProofSources, kind: PeriodKind, name: string, options: { asOf: Date | null; disclosure: Disclosure; threshold: number }): Promise<SignedReport | DomainError> {
  const loaded = await loadReport(sources, kind, name, options.asOf, options.disclosure, options.threshold);
  return 'code' in loaded ? loaded : signReport(loaded.body, sources.reportKey);
}

/** The report a document claims, derived afresh from the log's prefix up to its position. */
export async function rederiveReport(store: EventStore, body: ReportBody): Promise<{ report: unknown; position: number } | DomainError> {
  if (body.kind !== 'tertial' && body.kind !== 'year') return domainError('BAD_USER_INPUT', 'kind', 'must be tertial or year');
  const period = parseReportPeriod(body.kind, body.period);
  if (!period) return domainError('BAD_USER_INPUT', 'period', body.kind === 'tertial' ? 'must be written YYYY-Tn, e.g. 2022-T2' : 'must be a year written YYYY');
  if (!isDisclosure(body.disclosure)) return domainError('BAD_USER_INPUT', 'disclosure', DISCLOSURE_RULE);
  const state = await foldPrefix(store, body.position);
  // JSON round trip: the signed report was read from a file, so compare like with like.
  return { report: JSON.parse(JSON.stringify(reportOf(state, period, body.disclosure, body.threshold))) as unknown, position: state.position };
}
