import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { DISCLOSURE_RULE, isDisclosure, type Disclosure } from '../../../queries/disclosure.js';
import { mayCall } from '../../auth/access-policy.js';
import { Unauthenticated, type TokenVerifier } from '../../auth/token-verifier.js';
import { parseInstant } from '../../domain/time.js';
import { bearerOf } from '../../http/bearer.js';
import { refuse } from '../../http/refuse.js';
import { SMALL_CELL_THRESHOLD } from '../../reports/small-cells.js';
import { pageShell, PAGE_CSP } from '../router.js';
import { sendFresh } from '../../http/static-files.js';
import { reportCsv, reportXlsx } from './exports.js';
import { publishedKeySet } from '../../application/report-key.js';
import { signReport } from '../../application/signed-report.js';

const REPORT_KEYS_PATH = '/.well-known/samlogg-report-keys.json';
import { currentPeriod, parseReportPeriod, type PeriodKind } from '../../reports/report-period.js';
import { loadReport, type LoadedReport, type ReportSources } from '../../reports/report-source.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A period that is not one, answered as a page in the app's own style (a person typed or followed
 * the address), with the way on: never raw JSON in a browser. The name itself is not echoed.
 */
function notAPeriodPage(kind: PeriodKind, now: Date): string {
  const current = currentPeriod(kind, now).name;
  const example = kind === 'tertial' ? '2022-T2' : '2022';
  const form = kind === 'tertial' ? 'ÅÅÅÅ-Tn (T1 januari–april, T2 maj–augusti, T3 september–december)' : 'ÅÅÅÅ';
  const formEn = kind === 'tertial' ? 'YYYY-Tn (T1 January–April, T2 May–August, T3 September–December)' : 'YYYY';
  return `<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>Perioden finns inte – Samlogg</title>
    <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/assets/report.css">
  </head>
  <body>
    <header class="bar"><div class="inner"><span class="title">Samlogg</span></div></header>
    <main id="app" class="report">
      <h1>Perioden finns inte</h1>
      <p>En rapport gäller en ${kind === 'tertial' ? 'tertial' : 'år'} skriven ${escapeHtml(form)}, till exempel <a href="/reports/${kind}/${example}">${example}</a>.</p>
      <p><a class="button" href="/reports/${kind}/${current}">Visa ${escapeHtml(current)}</a></p>
      <p lang="en">No such period. A report is for a ${kind === 'tertial' ? 'tertial' : 'year'} written ${escapeHtml(formEn)}, e.g. <a href="/reports/${kind}/${example}">${example}</a>.</p>
    </main>
  </body>
</html>
`;
}

/**
 * /reports/tertial/<tertial>: the page (drawn by its script from the tertialReport query), and the
 * same report as .csv and .xlsx for whoever may read it, signed in by bearer token as /graphql is.
 */
export function reportRouter(sources: ReportSources, verifier: TokenVerifier, log: Logger): Router {
  const router = express.Router();
  const page = pageShell({ title: 'Rapport – Samlogg', script: 'report' });

  const reportKey = sources.reportKey;
  if (reportKey) {
    // Public keys, open to anyone: what a signed report is checked with, without access to the server.
    router.get(REPORT_KEYS_PATH, (_req, res) => {
      res.setHeader('cache-control', 'public, max-age=300');
      res.json(publishedKeySet(reportKey));
    });
  }
  for (const kind of ['tertial', 'year'] as const) {
    router.get(`/reports/${kind}/current`, (_req, res) => {
      res.redirect(302, `/reports/${kind}/${currentPeriod(kind, sources.clock()).name}`);
    });
    router.get(`/reports/${kind}/:name`, (req, res) => report(sources, verifier, log, page, kind, req, res));
  }

  return router;
}

type Principal = Awaited<ReturnType<TokenVerifier['verify']>>;

async function report(sources: ReportSources, verifier: TokenVerifier, log: Logger, page: string, kind: PeriodKind, req: express.Request, res: express.Response): Promise<void> {
  const match = /^(.*?)(?:\.(csv|xlsx|json))?$/.exec(String(req.params.name));
  const [, name, format] = (match ?? []) as unknown as [string, string, 'csv' | 'xlsx' | 'json' | undefined];
  if (!name || !parseReportPeriod(kind, name)) {
    noSuchPeriod(kind, format, sources.clock(), req, res);
    return;
  }
  if (!format) {
    sendFresh(req, res, page, 'html', PAGE_CSP);
    return;
  }
  const principal = await mayExport(verifier, req, res);
  if (!principal) return;
  const asked = exportQuery(req, res);
  if (!asked) return;
  const loaded = await loadReport(sources, kind, name, asked.asOf ?? null, asked.disclosure, SMALL_CELL_THRESHOLD);
  if ('code' in loaded) {
    res.status(400).json({ errors: [{ message: `${loaded.field}: ${loaded.rule}`, extensions: { code: loaded.code, field: loaded.field, rule: loaded.rule } }] });
    return;
  }
  res.setHeader('cache-control', 'no-store');
  if (format === 'json' && req.query.view === 'page') {
    // What the report page draws: the same loaded report the files are made from.
    const { body: _body, ...shown } = loaded;
    res.json(shown);
    return;
  }
  const file = `samlogg-${kind === 'tertial' ? 'tertialrapport' : 'arsrapport'}-${name}-${asked.disclosure.toLowerCase()}.${format}`;
  log.info({ requestId: res.locals.requestId, report: name, format, disclosure: asked.disclosure, role: principal.role, position: loaded.position, fingerprint: loaded.proof.fingerprint }, 'report exported');
  await sendExport(sources, loaded, format, file, res);
}

/** A name that is no period: a page with the way on for a person, JSON for a program. */
function noSuchPeriod(kind: PeriodKind, format: string | undefined, now: Date, req: express.Request, res: express.Response): void {
  if (!format && req.accepts(['html', 'json']) === 'html') {
    res.status(404);
    sendFresh(req, res, notAPeriodPage(kind, now), 'html', PAGE_CSP);
    return;
  }
  refuse(res, 404, kind === 'tertial' ? 'not found: a report is /reports/tertial/YYYY-Tn, e.g. 2022-T2' : 'not found: a report is /reports/year/YYYY, e.g. 2022');
}

/** The caller, signed in and allowed the tertial report; otherwise answered 401 or 403 and undefined. */
async function mayExport(verifier: TokenVerifier, req: express.Request, res: express.Response): Promise<Principal | undefined> {
  let principal;
  try {
    principal = await verifier.verify(bearerOf(req.headers.authorization));
  } catch (error) {
    if (!(error instanceof Unauthenticated)) throw error;
    res.setHeader('www-authenticate', 'Bearer realm="samlogg"');
    res.status(401).json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    return undefined;
  }
  const access = mayCall(principal, 'Query', 'tertialReport');
  if (!access.ok) {
    res.status(403).json({ errors: [{ message: `tertialReport: ${access.rule}`, extensions: { code: 'FORBIDDEN', field: 'tertialReport', rule: access.rule } }] });
    return undefined;
  }
  return principal;
}

/** The disclosure and instant a download asks for; otherwise answered 400 and undefined. */
function exportQuery(req: express.Request, res: express.Response): { disclosure: Disclosure; asOf: Date | undefined } | undefined {
  const disclosure = (req.query.disclosure ?? 'INTERNAL') as string;
  if (!isDisclosure(disclosure)) {
    res.status(400).json({ errors: [{ message: `disclosure: ${DISCLOSURE_RULE}`, extensions: { code: 'BAD_USER_INPUT', field: 'disclosure', rule: DISCLOSURE_RULE } }] });
    return undefined;
  }
  const asOfText = typeof req.query.asOf === 'string' ? req.query.asOf : undefined;
  const asOf = asOfText ? parseInstant(asOfText) : undefined;
  if (asOfText && !asOf) {
    res.status(400).json({ errors: [{ message: 'asOf: must be an instant with an offset, e.g. 2022-09-15T12:00:00+02:00', extensions: { code: 'BAD_USER_INPUT', field: 'asOf' } }] });
    return undefined;
  }
  return { disclosure: disclosure as Disclosure, asOf: asOf ?? undefined };
}

/** The report as a file: signed JSON, CSV or XLSX. */
async function sendExport(sources: ReportSources, loaded: LoadedReport, format: 'csv' | 'xlsx' | 'json', file: string, res: express.Response): Promise<void> {
  if (format === 'json') {
    // The report that proves itself: its content and log prefix, signed (src/application/signed-report.ts).
    if (!sources.reportKey) {
      refuse(res, 503, 'signed reports are not served here: the server has no report signing key');
      return;
    }
    res.setHeader('content-disposition', `attachment; filename="${file}"`);
    res.type('application/json').send(`${JSON.stringify(signReport(loaded.body, sources.reportKey), null, 2)}\n`);
    return;
  }
  res.setHeader('content-disposition', `attachment; filename="${file}"`);
  if (format === 'csv') res.type('text/csv; charset=utf-8').send(reportCsv(loaded));
  else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(loaded));
}
