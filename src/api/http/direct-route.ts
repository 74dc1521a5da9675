import { IncomingMessage, ServerResponse, type RequestListener, type ServerOptions } from 'node:http';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';

/**
 * One route's handlers run for a request without Express's router. The front door (cached-answers.ts)
 * has already read a GraphQL POST's body and verified its token; walking the app's every layer to
 * reach /graphql (matching each path, trimming and restoring the URL) was as much of the server's
 * CPU per mutation as the recorder's decision. The handlers are the app's own — the same arrays are
 * mounted there — run in order as Express runs them: the request and response get Express's
 * prototypes as `app.handle` gives them, an error or a rejected promise skips to the error handler,
 * and a request no handler answers is `notFound`'s.
 */
export function directRoute(app: Express, handlers: readonly RequestHandler[], onError: ErrorRequestHandler, notFound: RequestHandler): RequestListener {
  return (incoming, outgoing) => {
    const { req, res } = asExpress(app, incoming, outgoing);
    // As Express's final handler: an error once the answer has begun can only end the connection.
    const last = (error?: unknown) => {
      if (error === undefined) notFound(req, res, last);
      else if (!res.headersSent) onError(error, req, res, () => res.destroy());
      else req.socket.destroy();
    };
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return last(error);
      failed = true;
      onError(error, req, res, last);
    };
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined && error !== null) return fail(error);
      const handler = handlers[index];
      index += 1;
      if (handler === undefined) return last();
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch((rejected: unknown) => next(rejected ?? new Error('Rejected promise')));
      } catch (thrown) {
        fail(thrown);
      }
    };
    next();
  };
}

/** What `app.handle` does before its router: the circular references, Express's prototypes, `res.locals`. */
function asExpress(app: Express, incoming: IncomingMessage, outgoing: ServerResponse): { req: Request; res: Response } {
  const req = incoming as Request;
  const res = outgoing as Response;
  req.res = res;
  res.req = req;
  // Born with them on a server made with `expressMessages`: changing a live object's prototype was a
  // per-request cost of its own and left every later property access on it slower.
  if (Object.getPrototypeOf(req) !== app.request) Object.setPrototypeOf(req, app.request);
  if (Object.getPrototypeOf(res) !== app.response) Object.setPrototypeOf(res, app.response);
  if (!res.locals) res.locals = Object.create(null) as Response['locals'];
  req.originalUrl ??= req.url;
  req.baseUrl = '';
  return { req, res };
}

/**
 * The server's request and response classes, made with Express's prototypes in their chain, so a
 * request reaches the front door and the direct route already shaped as Express shapes it.
 */
export function expressMessages(app: Express): Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'> {
  // Constructors whose prototype is Express's own object, so that `app.handle` (the router's way)
  // finds the prototype it sets already in place too.
  function ExpressRequest(this: IncomingMessage, ...args: ConstructorParameters<typeof IncomingMessage>): void {
    IncomingMessage.apply(this, args);
  }
  function ExpressResponse(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>): void {
    ServerResponse.apply(this, args);
  }
  ExpressRequest.prototype = app.request;
  ExpressResponse.prototype = app.response;
  return { IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage, ServerResponse: ExpressResponse as unknown as typeof ServerResponse };
}
