import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { BrowserSignIn } from '../auth/token-verifier.js';
import { sharedBundle, type BundleFiles } from '../http/bundle-cache.js';
import { loadWeb } from './build.js';
import { sendBundleFile, sendFresh } from '../http/static-files.js';

/**
 * The pages: the field app at /, the sign-in page, and the files they load, all from this server.
 * Scripts and connections to this origin only; no inline script, so an injected one cannot run.
 */
const pageCsp = (connect: readonly string[] = []) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // The identity provider's origin, where the sign-in page fetches its configuration and tokens.
    `connect-src 'self'${connect.map((origin) => ` ${origin}`).join('')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
export const PAGE_CSP = pageCsp();

interface PageOptions {
  readonly title: string;
  /** assets/<script>.js and assets/<script>.css */
  readonly script: string;
  /** Data for the page's script, as <meta name="samlogg-…"> (no inline script under the CSP). */
  readonly meta?: Readonly<Record<string, string>>;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An HTML shell: the page's script draws the rest; without JavaScript it says so. */
export function pageShell(options: PageOptions): string {
  const meta = Object.entries(options.meta ?? {})
    .map(([name, content]) => `    <meta name="samlogg-${name}" content="${escapeAttribute(content)}">\n`)
    .join('');
  return `<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <meta name="theme-color" content="#1d3557">
${meta}    <title>${escapeAttribute(options.title)}</title>
    <link rel="manifest" href="/manifest.webmanifest">
    <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/assets/${options.script}.css">
    <script type="module" src="/assets/${options.script}.js"></script>
  </head>
  <body>
    <main id="app"><p>Laddar … / Loading …</p></main>
    <noscript><p>Samlogg behöver JavaScript. / Samlogg needs JavaScript.</p></noscript>
  </body>
</html>
`;
}

const MANIFEST = JSON.stringify({
  name: 'Samlogg – gemensam insatslogg',
  short_name: 'Samlogg',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  lang: 'sv',
  background_color: '#ffffff',
  theme_color: '#1d3557',
  icons: [{ src: '/assets/icon.svg', sizes: 'any', type: 'image/svg+xml' }],
});

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#1d3557"/><path d="M18 22h28M18 32h28M18 42h18" stroke="#fff" stroke-width="5" stroke-linecap="round"/></svg>`;

let webFiles: (() => Promise<BundleFiles>) | undefined;

interface WebOptions {
  /** Development sign-in: the sign-in page offers a choice of dev users. */
  readonly devSignIn: boolean;
  /** Sign-in with the identity provider, when it has a client for the pages. */
  readonly oidc?: BrowserSignIn;
}

export function webRouter(log: Logger, options: WebOptions): Router {
  const router = express.Router({ strict: true });
  webFiles ??= sharedBundle(() => loadWeb((error) => log.warn({ err: error }, 'pages: could not cache the build; serving it from memory')));
  const files = webFiles;
  const oidc = options.oidc;
  const signInMeta: Record<string, string> = oidc ? { 'sign-in': 'oidc', 'oidc-issuer': oidc.issuer, 'oidc-client-id': oidc.clientId, 'oidc-scope': oidc.scope } : { 'sign-in': options.devSignIn ? 'development' : 'none' };
  const signIn = pageShell({ title: 'Logga in – Samlogg', script: 'sign-in', meta: signInMeta });
  const signInCsp = pageCsp(oidc ? [new URL(oidc.issuer).origin] : []);
  const fieldApp = pageShell({ title: 'Samlogg', script: 'field-app' });

  router.get('/', (req, res) => sendFresh(req, res, fieldApp, 'html', PAGE_CSP));
  router.get('/sign-in', (req, res) => sendFresh(req, res, signIn, 'html', signInCsp));
  router.get('/manifest.webmanifest', (req, res) => sendFresh(req, res, MANIFEST, 'application/manifest+json', PAGE_CSP));
  // The service worker must come from the root to control every page under it.
  router.get('/sw.js', (req, res) => sendBundleFile(req, res, files, 'service-worker.js', PAGE_CSP, log));
  router.get('/assets/icon.svg', (req, res) => sendFresh(req, res, ICON, 'image/svg+xml', PAGE_CSP));
  // Browsers ask for /favicon.ico whatever the page says; the same icon, not a 404 on every page.
  router.get('/favicon.ico', (req, res) => sendFresh(req, res, ICON, 'image/svg+xml', PAGE_CSP));
  router.get('/assets/:name', (req, res) => sendBundleFile(req, res, files, req.params.name, PAGE_CSP, log));
  return router;
}
