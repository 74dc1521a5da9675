// The API explorer in the browser: GraphiQL, bundled by esbuild (see build.ts) and served by our own
// server beside this file's bundle. Nothing here may load from another host: the explorer must work
// on a machine with no internet, and the page's Content-Security-Policy refuses other origins.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './client.css';

// Monaco's workers are bundles of their own, fetched from beside this one (never a CDN).
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'json') return new Worker(new URL('./json.worker.js', import.meta.url));
    if (label === 'graphql') return new Worker(new URL('./graphql.worker.js', import.meta.url));
    return new Worker(new URL('./editor.worker.js', import.meta.url));
  },
};

// The page is /explorer/ and GraphQL is /graphql beside it, under whatever prefix a proxy adds.
const endpoint = new URL('../graphql', window.location.href).href;

async function fetcher(params, options) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json, application/json', ...options?.headers, 'content-type': 'application/json' },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return { errors: [{ message: `HTTP ${response.status} ${response.statusText}` }] };
  return response.json();
}

// A link to /graphql?query=… opened in a browser lands here with the query filled in.
const params = new URLSearchParams(window.location.search);

// In development the page signs in as a dev user (default beredningsgrupp; ?role=field&org=MIKA for
// another), so a newcomer can query at once. With an identity provider, paste a token under Headers.
const devSignIn = document.querySelector('meta[name="samlogg-sign-in"]')?.getAttribute('content') === 'development';
const devUser = { role: params.get('role') ?? 'beredningsgrupp', org: params.get('org') ?? 'DEV' };
async function devToken() {
  const response = await fetch(new URL('../auth/dev-token', window.location.href).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(devUser),
    credentials: 'same-origin',
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.token;
}
const initialHeaders = devSignIn ? JSON.stringify({ authorization: `Bearer ${await devToken()}` }, null, 2) : JSON.stringify({ authorization: 'Bearer <token>' }, null, 2);
const initial = {};
if (params.get('query')) initial.initialQuery = params.get('query');
if (params.get('variables')) initial.initialVariables = params.get('variables');

const signedInAs = devSignIn ? `# Utvecklarläge: inloggad som ${devUser.role} (${devUser.org}). Annan roll: /explorer/?role=field&org=MIKA
` : `# Logga in: klistra in din token under Headers (Authorization: Bearer …).
`;
const defaultQuery = `# Samlogg: den gemensamma insatsloggen. Ctrl-Enter kör frågan.
${signedInAs}
# Styrgruppens nyckeltal för en tertial:
{
  steeringFigures(tertial: "2022-T2") {
    from
    to
    jointPasses
    exposed
    exposedUnder18
    suspectedBuyers
    suspectedBuyersUnder18
    offeredSupport
  }
}
`;

createRoot(document.getElementById('root')).render(
  createElement(GraphiQL, { fetcher, defaultQuery, initialHeaders, defaultHeaders: initialHeaders, shouldPersistHeaders: false, ...initial }),
);
