import { createHash, sign, verify } from 'node:crypto';
import type { ReportPublicKey, ReportSigningKey } from './report-key.js';

/**
 * A report that proves itself: its figures with the period, the as-of instant, the log position and
 * the chain head at that position, signed with the server's Ed25519 key. The signature covers the
 * canonical JSON of everything but the signature (keys sorted, no whitespace), so the file can be
 * pretty-printed, re-indented or re-ordered and still verify; a changed number cannot.
 */

export const REPORT_FORMAT = 'samlogg-report/v1';

export interface ReportBody {
  readonly format: typeof REPORT_FORMAT;
  /** 'tertial' or 'year', and which one ('2022-T2', '2022'). */
  readonly kind: string;
  readonly period: string;
  readonly disclosure: string;
  readonly threshold: number;
  /** Events recorded at or before this instant count ("as presented"); for a report as the log stood when extracted, the extraction time. */
  readonly asOf: string;
  readonly extractedAt: string;
  /** The last log position the figures include: they are derived from the log's prefix up to it. */
  readonly position: number;
  /** The hash chain's head at `position` ("P:hex"); null on a store that keeps no chain (EventStoreDB). */
  readonly chainHead: string | null;
  readonly store: string;
  /**
   * The version of the rules that turn the log into the report (figures, masking, wording). Figures are
   * derived again by the rules of the program checking them; a report of other rules says so.
   */
  readonly rules: number;
  readonly report: unknown;
}

export interface SignedReport extends ReportBody {
  readonly signature: { readonly alg: 'EdDSA'; readonly kid: string; readonly value: string };
}

/** JSON with object keys sorted at every level: one byte string per value, whatever the writer's order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function bodyOf(report: ReportBody | SignedReport): ReportBody {
  const { signature: _signature, ...body } = report as SignedReport;
  return body;
}

export function signReport(body: ReportBody, key: ReportSigningKey): SignedReport {
  const value = sign(null, Buffer.from(canonicalJson(bodyOf(body)), 'utf8'), key.privateKey).toString('base64url');
  return { ...bodyOf(body), signature: { alg: 'EdDSA', kid: key.kid, value } };
}

type SignatureVerdict = { readonly valid: true; readonly kid: string } | { readonly valid: false; readonly reason: string };

export function verifyReportSignature(report: SignedReport, keys: readonly ReportPublicKey[]): SignatureVerdict {
  const key = keys.find((k) => k.kid === report.signature.kid);
  if (!key) return { valid: false, reason: `signed with key ${report.signature.kid}, which is not among the keys given (${keys.map((k) => k.kid).join(', ') || 'none'})` };
  const ok = verify(null, Buffer.from(canonicalJson(bodyOf(report)), 'utf8'), key.publicKey, Buffer.from(report.signature.value, 'base64url'));
  return ok ? { valid: true, kid: key.kid } : { valid: false, reason: 'the signature does not match the report: something in it was changed after signing' };
}

/**
 * A short fingerprint of what the report says and which log prefix says it, printed on paper and in
 * the exports so a copy can be matched to its JSON. The instants are left out: a page printed and a
 * JSON downloaded at the same log position show the same report, whenever each was fetched.
 */
export function reportFingerprint(report: ReportBody | SignedReport): string {
  const { asOf: _asOf, extractedAt: _extractedAt, ...content } = bodyOf(report);
  const hex = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

interface Difference {
  readonly path: string;
  readonly signed: unknown;
  readonly derived: unknown;
}

/** Every leaf where two JSON values differ, by path (e.g. report.summary.current.exposed). */
export function differences(signed: unknown, derived: unknown, path = ''): Difference[] {
  if (canonicalJson(signed) === canonicalJson(derived)) return [];
  const bothObjects = signed !== null && derived !== null && typeof signed === 'object' && typeof derived === 'object' && Array.isArray(signed) === Array.isArray(derived);
  if (!bothObjects) return [{ path: path || '(whole)', signed, derived }];
  const keys = new Set([...Object.keys(signed as object), ...Object.keys(derived as object)]);
  return [...keys].flatMap((k) => differences((signed as Record<string, unknown>)[k], (derived as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}
