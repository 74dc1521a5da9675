import { expect } from 'chai';
import { get } from 'node:http';
import { startServer, type RunningServer } from '../support/server.js';

/** Hosts an explorer page commonly loads itself from; none may appear in anything the page loads. */
const EXTERNAL = ['cdn.', 'unpkg', 'jsdelivr', 'embeddable-sandbox', 'esm.sh', 'fonts.googleapis', 'fonts.gstatic'];
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('API explorer (GraphiQL served from this server, no CDN)', function () {
  // The first request may build the bundle (about two seconds) when `npm ci` has not.
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  const fetchFrom = (path: string, init: RequestInit = {}) => fetch(new URL(path, server.url), { redirect: 'manual', ...init });

  it('sends a browser that opens /graphql to /explorer/, keeping the query string; GraphQL clients are not sent', async () => {
    const browser = await fetchFrom('/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(browser.status).to.equal(302);
    expect(browser.headers.get('location')).to.equal('/explorer/');
    const link = await fetchFrom('/graphql?query=%7B__typename%7D', { headers: { accept: BROWSER_ACCEPT } });
    expect(link.headers.get('location')).to.equal('/explorer/?query=%7B__typename%7D');
    for (const accept of ['application/json', 'application/graphql-response+json', '*/*']) {
      const client = await fetchFrom('/graphql?query=%7B__typename%7D', { headers: { accept, 'apollo-require-preflight': 'true', ...(await server.authorization()) } });
      expect(client.status, accept).to.equal(200);
    }
    const slashless = await fetchFrom('/explorer?query=x');
    expect(slashless.status).to.equal(301);
    expect(slashless.headers.get('location')).to.equal('/explorer/?query=x');
  });

  it('serves a page and assets that load nothing from another host, every asset from this server', async () => {
    const page = await fetchFrom('/explorer/');
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("default-src 'none'");
    expect(csp).to.include("script-src 'self'");
    expect(csp).to.include("connect-src 'self'");
    expect(csp).not.to.match(/https?:|\*/);
    const html = await page.text();
    expect(html).not.to.match(/https?:\/\//);
    for (const host of EXTERNAL) expect(html).not.to.include(host);

    // Everything the page names, and everything those files name in turn (workers, fonts).
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => new URL(match[1] as string, `${server.url}/explorer/`).href);
    expect(referenced.map((url) => new URL(url).pathname)).to.include.members(['/explorer/assets/explorer.js', '/explorer/assets/explorer.css']);
    const seen = new Set<string>();
    const types: Record<string, string> = {};
    while (referenced.length > 0) {
      const url = referenced.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      expect(new URL(url).origin, url).to.equal(server.url);
      const asset = await fetch(url);
      expect(asset.status, url).to.equal(200);
      const type = asset.headers.get('content-type') ?? '';
      types[new URL(url).pathname] = type;
      if (!/javascript|css/.test(type)) continue;
      const text = await asset.text();
      for (const host of EXTERNAL) expect(text.includes(host), `${url} names ${host}`).to.equal(false);
      const nested = [...text.matchAll(/new URL\("(\.\/[^"]+)",import\.meta\.url\)|url\((?:"|')?(\.\/[^)"']+)/g)];
      for (const match of nested) referenced.push(new URL((match[1] ?? match[2]) as string, url).href);
    }
    expect(types).to.deep.include({
      '/explorer/assets/explorer.js': 'text/javascript; charset=utf-8',
      '/explorer/assets/explorer.css': 'text/css; charset=utf-8',
      '/explorer/assets/editor.worker.js': 'text/javascript; charset=utf-8',
      '/explorer/assets/json.worker.js': 'text/javascript; charset=utf-8',
      '/explorer/assets/graphql.worker.js': 'text/javascript; charset=utf-8',
    });
    expect(Object.values(types)).to.include('font/ttf');
  });

  it('answers an asset it does not have with 404, and an unchanged one with 304', async () => {
    expect((await fetchFrom('/explorer/assets/nothing.js')).status).to.equal(404);
    expect((await fetchFrom('/explorer/assets/..%2F..%2Fpackage.json')).status).to.equal(404);
    const first = await fetchFrom('/explorer/assets/explorer.css');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).to.match(/^".+"$/);
    // node:http, as fetch adds Cache-Control: no-cache to a conditional request and so asks for the whole file.
    const revalidated = await new Promise<number | undefined>((resolve, reject) => {
      get(new URL('/explorer/assets/explorer.css', server.url), { headers: { 'if-none-match': etag } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on('error', reject);
    });
    expect(revalidated).to.equal(304);
  });

  it('answers the request the explorer sends (POST, JSON, accepting graphql-response+json) from the same origin', async () => {
    const response = await fetchFrom('/graphql', {
      method: 'POST',
      headers: { accept: 'application/graphql-response+json, application/json', 'content-type': 'application/json', ...(await server.authorization()) },
      body: JSON.stringify({ query: '{ steeringFigures(tertial: "2022-T2") { jointPasses } }', operationName: null, variables: {} }),
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/graphql-response+json; charset=utf-8');
    expect(await response.json()).to.deep.equal({ data: { steeringFigures: { jointPasses: 0 } } });
  });
});
