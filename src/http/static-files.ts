import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { BundleFiles } from './bundle-cache.js';

/** Serving pages and bundle files: same-origin CSP, no sniffing, no framing, ETags for revalidation. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const etagOf = (contents: Buffer | string) => `"${createHash('sha256').update(contents).digest('base64url').slice(0, 27)}"`;

function securityHeaders(res: Response, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/** Sends text or bytes with an ETag; a browser that has them hears 304. Pages and assets alike revalidate (names do not change between builds). */
export function sendFresh(req: Request, res: Response, contents: Buffer | string, type: string, csp: string): void {
  securityHeaders(res, csp);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('etag', etagOf(contents));
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type(type).send(contents);
}

/** One file of a bundle by name: 404 for what it does not hold, 503 when the bundle cannot be built. */
export async function sendBundleFile(req: Request, res: Response, files: () => Promise<BundleFiles>, name: string, csp: string, log: Logger): Promise<void> {
  const type = CONTENT_TYPES[extname(name)];
  let contents: Buffer | undefined;
  try {
    contents = type ? (await files()).get(name) : undefined;
  } catch (error) {
    log.error({ err: error }, 'bundle build failed');
    res.status(503).json({ errors: [{ message: 'this page is not available', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    return;
  }
  if (!contents || !type) {
    res.status(404).json({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
    return;
  }
  sendFresh(req, res, contents, type, csp);
}
