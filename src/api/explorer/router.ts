import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import express, { type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { loadExplorer, type ExplorerFiles } from './build.js';

/**
 * The API explorer (GraphiQL) at /explorer/, every file from this server: the page and its assets
 * under /explorer/assets/. Its Content-Security-Policy lets the page load and connect to this origin
 * only, so a machine with no internet runs it as well as any, and nothing leaves for a CDN.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  // Monaco and GraphiQL set element styles as they run.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const page = (devSignIn: boolean) => `<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <meta name="samlogg-sign-in" content="${devSignIn ? 'development' : 'token'}">
    <title>Samlogg – API</title>
    <link rel="stylesheet" href="assets/explorer.css">
    <script type="module" src="assets/explorer.js"></script>
  </head>
  <body>
    <div id="root">Laddar … / Loading …</div>
    <noscript>The API explorer needs JavaScript. GraphQL itself is at ../graphql (POST application/json).</noscript>
  </body>
</html>
`;

/** One build per process, shared by every app in it; a failed build is tried again on the next request. */
let shared: Promise<ExplorerFiles> | undefined;
function explorerFiles(log: Logger): Promise<ExplorerFiles> {
  shared ??= loadExplorer((error) => log.warn({ err: error }, 'API explorer: could not cache the build; serving it from memory')).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

function securityHeaders(res: Response): void {
  res.setHeader('content-security-policy', EXPLORER_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/** A URL's path and its query string with the '?', or ''. */
function splitUrl(url: string): [string, string] {
  const at = url.indexOf('?');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}

const etagOf = (contents: Buffer | string) => `"${createHash('sha256').update(contents).digest('base64url').slice(0, 27)}"`;

export interface ExplorerOptions {
  /** The page signs in by itself with a development token (never where OIDC is configured). */
  readonly devSignIn: boolean;
}

export function explorerRouter(log: Logger, options: ExplorerOptions): Router {
  const router = express.Router({ strict: true });
  const PAGE = page(options.devSignIn);
  const pageEtag = etagOf(PAGE);

  router.get('/', (req, res) => {
    // /explorer → /explorer/, so the page's relative paths (assets/…, ../graphql) resolve under it.
    const [path, search] = splitUrl(req.originalUrl);
    if (!path.endsWith('/')) {
      res.redirect(301, `${path}/${search}`);
      return;
    }
    securityHeaders(res);
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('etag', pageEtag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('html').send(PAGE);
  });

  router.get('/assets/:name', async (req, res) => {
    const name = req.params.name;
    const type = CONTENT_TYPES[extname(name)];
    let contents: Buffer | undefined;
    try {
      contents = type ? (await explorerFiles(log)).get(name) : undefined;
    } catch (error) {
      log.error({ err: error }, 'API explorer: build failed');
      res.status(503).json({ errors: [{ message: 'the API explorer is not available', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    if (!contents || !type) {
      res.status(404).json({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    securityHeaders(res);
    // Names stay the same from one build to the next: the browser asks again, and the ETag answers 304.
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('etag', etagOf(contents));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type(type).send(contents);
  });

  return router;
}

/**
 * A browser that opens /graphql (it asks for text/html first) is sent to the explorer, with any
 * query string, so a link to /graphql?query=… opens that query there. GraphQL clients ask for JSON
 * (or anything, or say nothing) and go on to GraphQL.
 */
export function explorerRedirect(explorerPath: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html') {
      res.redirect(302, `${explorerPath}${splitUrl(req.originalUrl)[1]}`);
      return;
    }
    next();
  };
}
