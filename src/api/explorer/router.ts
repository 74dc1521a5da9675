import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { sharedBundle } from '../../http/bundle-cache.js';
import { sendBundleFile, sendFresh } from '../../http/static-files.js';
import { loadExplorer, type ExplorerFiles } from './build.js';

/**
 * The API explorer (GraphiQL) at /explorer/, every file from this server: the page and its assets
 * under /explorer/assets/. Its Content-Security-Policy lets the page load and connect to this origin
 * only, so a machine with no internet runs it as well as any, and nothing leaves for a CDN.
 */

const EXPLORER_CSP = [
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

let explorerFiles: (() => Promise<ExplorerFiles>) | undefined;

/** A URL's path and its query string with the '?', or ''. */
function splitUrl(url: string): [string, string] {
  const at = url.indexOf('?');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}

interface ExplorerOptions {
  /** The page signs in by itself with a development token (never where OIDC is configured). */
  readonly devSignIn: boolean;
}

export function explorerRouter(log: Logger, options: ExplorerOptions): Router {
  const router = express.Router({ strict: true });
  const PAGE = page(options.devSignIn);

  router.get('/', (req, res) => {
    // /explorer → /explorer/, so the page's relative paths (assets/…, ../graphql) resolve under it.
    const [path, search] = splitUrl(req.originalUrl);
    if (!path.endsWith('/')) {
      res.redirect(301, `${path}/${search}`);
      return;
    }
    sendFresh(req, res, PAGE, 'html', EXPLORER_CSP);
  });

  router.get('/assets/:name', async (req, res) => {
    explorerFiles ??= sharedBundle(() => loadExplorer((error) => log.warn({ err: error }, 'API explorer: could not cache the build; serving it from memory')));
    await sendBundleFile(req, res, explorerFiles, req.params.name, EXPLORER_CSP, log);
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
