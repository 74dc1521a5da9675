import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { DISCLOSURES, type Disclosure } from '../../../projections/disclosure.js';
import { publishedKeySet } from '../../application/report-key.js';
import { reportFingerprint } from '../../application/signed-report.js';
import { mayCall } from '../../auth/access-policy.js';
import { Unauthenticated, type TokenVerifier } from '../../auth/token-verifier.js';
import { parseInstant } from '../../domain/time.js';
import { bearerOf } from '../../api/http/authentication.js';
import { SMALL_CELL_THRESHOLD } from '../../api/small-cells.js';
import { signedTertialReport, type ProofSources } from './proven-report.js';

export const REPORT_KEYS_PATH = '/.well-known/samlogg-report-keys.json';

type Refusal = { status: number; code: string; field?: string; rule: string };

function refuse(res: express.Response, r: Refusal): void {
  res.status(r.status).json({ errors: [{ message: r.field ? `${r.field}: ${r.rule}` : r.rule, extensions: { code: r.code, ...(r.field ? { field: r.field } : {}), rule: r.rule } }] });
}

/**
 * /reports/tertial/<tertial>.json: the report signed by the server, for whoever may read the report
 * (bearer token, as the CSV and XLSX); and the public keys that check it, open to anyone.
 */
export function signedReportRouter(sources: ProofSources, verifier: TokenVerifier, log: Logger): Router {
  const router = express.Router();
  router.get(REPORT_KEYS_PATH, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(publishedKeySet(sources.reportKey));
  });
  router.get(/^\/reports\/tertial\/(\d{4}-T[123])\.json$/, async (req, res) => {
    const tertial = (req.params as Record<string, string>)[0] as string;
    let principal;
    try {
      principal = await verifier.verify(bearerOf(req.headers.authorization));
    } catch (error) {
      if (!(error instanceof Unauthenticated)) throw error;
      res.setHeader('www-authenticate', 'Bearer realm="samlogg"');
      refuse(res, { status: 401, code: 'UNAUTHENTICATED', rule: error.message });
      return;
    }
    const access = mayCall(principal, 'Query', 'tertialReport');
    if (!access.ok) return refuse(res, { status: 403, code: 'FORBIDDEN', field: 'tertialReport', rule: access.rule });
    const disclosure = (req.query.disclosure ?? 'INTERNAL') as string;
    if (!(DISCLOSURES as readonly string[]).includes(disclosure)) return refuse(res, { status: 400, code: 'BAD_USER_INPUT', field: 'disclosure', rule: 'must be INTERNAL or PUBLIC' });
    const asOfText = typeof req.query.asOf === 'string' ? req.query.asOf : undefined;
    const asOf = asOfText ? parseInstant(asOfText) : undefined;
    if (asOfText && !asOf) return refuse(res, { status: 400, code: 'BAD_USER_INPUT', field: 'asOf', rule: 'must be an ISO-8601 instant, e.g. 2022-09-15T12:00:00+02:00' });
    const signed = await signedTertialReport(sources, tertial, { asOf: asOf ?? null, disclosure: disclosure as Disclosure, threshold: SMALL_CELL_THRESHOLD });
    if ('code' in signed) return refuse(res, { status: 400, code: signed.code, field: signed.field, rule: signed.rule });
    res.setHeader('content-disposition', `attachment; filename="samlogg-tertialrapport-${tertial}-${disclosure.toLowerCase()}.json"`);
    res.setHeader('cache-control', 'no-store');
    log.info({ requestId: res.locals.requestId, report: tertial, format: 'json', disclosure, role: principal.role, position: signed.position, fingerprint: reportFingerprint(signed) }, 'report exported');
    res.type('application/json').send(`${JSON.stringify(signed, null, 2)}\n`);
  });
  return router;
}
