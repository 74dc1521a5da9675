import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { DISCLOSURES, type Disclosure } from '../../../projections/disclosure.js';
import { mayCall } from '../../auth/access-policy.js';
import { Unauthenticated, type TokenVerifier } from '../../auth/token-verifier.js';
import { formatTertial, parseInstant, tertialOfDate, stockholmDate } from '../../domain/time.js';
import { bearerOf } from '../../api/http/authentication.js';
import { refuse } from '../../api/http/graphql-http.js';
import { SMALL_CELL_THRESHOLD } from '../../api/small-cells.js';
import { pageShell, PAGE_CSP } from '../router.js';
import { sendFresh } from '../static-files.js';
import { reportCsv, reportXlsx } from './exports.js';
import { loadTertialReport, type ReportSources } from './report-source.js';

const TERTIAL = /^\d{4}-T[123]$/;

/**
 * /reports/tertial/<tertial>: the page (drawn by its script from the tertialReport query), and the
 * same report as .csv and .xlsx for whoever may read it, signed in by bearer token as /graphql is.
 */
export function reportRouter(sources: ReportSources, verifier: TokenVerifier, log: Logger): Router {
  const router = express.Router();
  const page = pageShell({ title: 'Tertialrapport – Samlogg', script: 'report' });

  router.get('/reports/tertial/current', (_req, res) => {
    res.redirect(302, `/reports/tertial/${formatTertial(tertialOfDate(stockholmDate(sources.clock())))}`);
  });

  router.get('/reports/tertial/:name', async (req, res) => {
    const match = /^(\d{4}-T[123])(?:\.(csv|xlsx))?$/.exec(req.params.name);
    if (!match || !TERTIAL.test(match[1] as string)) {
      refuse(res, 404, 'not found: a report is /reports/tertial/YYYY-Tn, e.g. 2022-T2');
      return;
    }
    const [, tertial, format] = match as unknown as [string, string, 'csv' | 'xlsx' | undefined];
    if (!format) {
      sendFresh(req, res, page, 'html', PAGE_CSP);
      return;
    }
    let principal;
    try {
      principal = await verifier.verify(bearerOf(req.headers.authorization));
    } catch (error) {
      if (!(error instanceof Unauthenticated)) throw error;
      res.setHeader('www-authenticate', 'Bearer realm="samlogg"');
      res.status(401).json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    const access = mayCall(principal, 'Query', 'tertialReport');
    if (!access.ok) {
      res.status(403).json({ errors: [{ message: `tertialReport: ${access.rule}`, extensions: { code: 'FORBIDDEN', field: 'tertialReport', rule: access.rule } }] });
      return;
    }
    const disclosure = (req.query.disclosure ?? 'INTERNAL') as string;
    if (!(DISCLOSURES as readonly string[]).includes(disclosure)) {
      res.status(400).json({ errors: [{ message: 'disclosure: must be INTERNAL or PUBLIC', extensions: { code: 'BAD_USER_INPUT', field: 'disclosure', rule: 'must be INTERNAL or PUBLIC' } }] });
      return;
    }
    const asOfText = typeof req.query.asOf === 'string' ? req.query.asOf : undefined;
    const asOf = asOfText ? parseInstant(asOfText) : undefined;
    if (asOfText && !asOf) {
      res.status(400).json({ errors: [{ message: 'asOf: must be an instant with an offset, e.g. 2022-09-15T12:00:00+02:00', extensions: { code: 'BAD_USER_INPUT', field: 'asOf' } }] });
      return;
    }
    const report = await loadTertialReport(sources, tertial, asOf ?? null, disclosure as Disclosure, SMALL_CELL_THRESHOLD);
    if ('code' in report) {
      res.status(400).json({ errors: [{ message: `${report.field}: ${report.rule}`, extensions: { code: report.code, field: report.field, rule: report.rule } }] });
      return;
    }
    const name = `samlogg-tertialrapport-${tertial}-${disclosure.toLowerCase()}.${format}`;
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    res.setHeader('cache-control', 'no-store');
    log.info({ requestId: res.locals.requestId, report: tertial, format, disclosure, role: principal.role }, 'report exported');
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(reportCsv(report));
    else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(report));
  });
  return router;
}
