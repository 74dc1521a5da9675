import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { refuse } from '../../http/refuse.js';

/**
 * The HTTP side of GraphQL-over-HTTP that Apollo Server leaves to the framework: which methods and
 * request media types /graphql takes, and what a caller hears when the body cannot be read. Every
 * refusal is JSON in the shape of a GraphQL response, and says what was wrong with the request
 * without quoting it (a body may hold what must not be echoed) and without a stack trace.
 */

export const BODY_LIMIT_BYTES = 100 * 1024;
export const BODY_LIMIT = '100kb';

/** The media type of a request body without its parameters, lower case; '' when none is given. */
function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * GET and POST only (405 otherwise, with Allow), and a POST body must be application/json (415
 * otherwise, before the body is read). Apollo would answer a form or text/plain POST with a CSRF
 * refusal (400) and application/graphql with a vague 400; the media type is the clearer answer.
 */
export function graphqlRequestGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      refuse(res, 405, 'GraphQL is served over GET (queries) and POST', { allow: 'GET, POST' });
      return;
    }
    if (req.method === 'POST' && mediaType(req) !== 'application/json') {
      refuse(res, 415, 'a GraphQL POST must have the content type application/json', { accept: 'application/json' });
      return;
    }
    next();
  };
}

/** What each body-parser refusal (its `type`) tells the caller; raw messages quote the body. */
const BODY_REFUSALS: Readonly<Record<string, readonly [number, string]>> = {
  'entity.too.large': [413, `the request body is larger than ${BODY_LIMIT_BYTES / 1024} kB`],
  'entity.parse.failed': [400, 'the request body is not valid JSON'],
  'charset.unsupported': [415, 'the request body must be JSON in UTF-8'],
  'encoding.unsupported': [415, 'the request body has a content encoding the server does not read'],
  'request.aborted': [400, 'the request body ended before it was complete'],
  'request.size.invalid': [400, 'the request body is not as long as its Content-Length says'],
};

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  body?: unknown;
}

/** Status and caller-facing message for an error that reached Express's error handling. */
export function describeHttpError(error: HttpError): { status: number; message: string } {
  const status = error.status ?? error.statusCode ?? 500;
  const known = error.type ? BODY_REFUSALS[error.type] : undefined;
  if (known && known[0] === status) {
    // body-parser's strict mode refuses a JSON body that is valid but neither an object nor a list.
    if (error.type === 'entity.parse.failed' && typeof error.body === 'string') {
      const first = error.body.trimStart()[0];
      if (first !== undefined && first !== '{' && first !== '[' && isJson(error.body)) return { status, message: 'the request body must be a JSON object' };
    }
    return { status, message: known[1] };
  }
  if (status >= 400 && status < 500) return { status, message: (STATUS_CODES[status] ?? 'bad request').toLowerCase() };
  return { status: status >= 500 && status < 600 ? status : 500, message: 'internal server error' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last error handler: Express's own writes stack traces into an HTML page outside production.
 * 5xx go to the log with the request id; the caller hears only that something failed.
 */
export function jsonErrorHandler(log: Logger) {
  return (error: HttpError, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, message } = describeHttpError(error);
    if (status >= 500) log.error({ err: error, requestId: res.locals.requestId }, 'request failed');
    refuse(res, status, message);
  };
}

/** Paths the app does not serve: JSON like every other refusal, rather than Express's HTML page. */
export function jsonNotFound(): RequestHandler {
  return (_req, res) => refuse(res, 404, 'not found');
}
