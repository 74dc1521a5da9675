/// <reference lib="webworker" />
/**
 * The field app's offline shell: the pages and their files are kept so the app opens with no
 * network after its first load. Only the shell: answers from /graphql (pass data) are never
 * stored here, and neither is anything under /auth.
 */
const sw = globalThis as unknown as ServiceWorkerGlobalScope;

const CACHE = 'samlogg-shell-v1';
const SHELL = ['/', '/sign-in', '/assets/field-app.js', '/assets/field-app.css', '/assets/sign-in.js', '/assets/sign-in.css', '/assets/kommuner.json', '/assets/icon.svg', '/manifest.webmanifest'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  const shell = SHELL.includes(url.pathname) || event.request.mode === 'navigate';
  if (!shell || url.pathname.startsWith('/graphql') || url.pathname.startsWith('/auth')) return;
  // Network first, so a new version arrives when there is a network; the kept copy when there is not.
  event.respondWith(
    fetch(event.request)
      .then(async (response) => {
        if (response.ok && SHELL.includes(url.pathname)) await (await caches.open(CACHE)).put(url.pathname, response.clone());
        return response;
      })
      .catch(async () => (await caches.match(url.pathname)) ?? (await caches.match('/')) ?? Response.error()),
  );
});
