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
const initial = {};
if (params.get('query')) initial.initialQuery = params.get('query');
if (params.get('variables')) initial.initialVariables = params.get('variables');

const defaultQuery = `# Samlogg: den gemensamma insatsloggen. Ctrl-Enter kör frågan.
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

createRoot(document.getElementById('root')).render(createElement(GraphiQL, { fetcher, defaultQuery, ...initial }));
