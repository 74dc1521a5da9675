import { expect } from 'chai';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { fixedHeaders } from '../../src/http/fixed-headers.js';

/** A response on a socket that is never connected: headers only, nothing sent. */
function response(): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('X-Powered-By', 'Express');
  return res;
}

describe('fixedHeaders: a header-only middleware run once and replayed', () => {
  const options = { contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } };

  it('sets and removes exactly the headers helmet does, in every answer', () => {
    const byHelmet = response();
    let next = 0;
    helmet(options)(byHelmet.req, byHelmet, () => (next += 1));
    const replay = fixedHeaders(helmet(options));
    for (let n = 0; n < 3; n += 1) {
      const replayed = response();
      replay(replayed.req, replayed, () => (next += 1));
      expect(replayed.getHeaders()).to.deep.equal(byHelmet.getHeaders());
    }
    expect(byHelmet.getHeader('x-powered-by')).to.equal(undefined);
    expect(byHelmet.getHeader('content-security-policy')).to.equal("default-src 'none';frame-ancestors 'none'");
    expect(next).to.equal(4);
  });

  it('refuses a middleware whose headers depend on the request, or that does not pass it on', () => {
    expect(() => fixedHeaders((req, res, next) => (res.setHeader('x-url', String(req.url)), next()))).to.throw(/reads the request/);
    expect(() => fixedHeaders(() => {})).to.throw(/did not pass the request on/);
    expect(() => fixedHeaders((_req, res, next) => (res.end(), next()))).to.throw(/uses the response's end/);
  });
});
