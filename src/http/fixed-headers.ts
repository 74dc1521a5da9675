import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
type HeaderStep = readonly ['set', string, OutgoingHttpHeader] | readonly ['remove', string];

/**
 * A middleware that only sets and removes headers, the same ones whatever the request (helmet with
 * fixed directives), run once here and replayed on every answer: helmet's twelve middlewares, each
 * called in turn with its own `next`, were a part of every mutation's CPU. Only for such a
 * middleware: one that reads the request or ends the answer is refused here.
 */
export function fixedHeaders(middleware: HeaderMiddleware): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const steps: HeaderStep[] = [];
  const refuse = (what: string) => () => {
    throw new Error(`fixedHeaders: the middleware ${what}; its headers are not the same for every request`);
  };
  const request = new Proxy({}, { get: refuse('reads the request') }) as IncomingMessage;
  const recorder = {
    setHeader: (name: string, value: OutgoingHttpHeader) => steps.push(['set', name, value]),
    removeHeader: (name: string) => steps.push(['remove', name]),
  };
  const response = new Proxy(recorder, { get: (target, name) => (name in target ? target[name as keyof typeof target] : refuse(`uses the response's ${String(name)}`)()) }) as unknown as ServerResponse;
  let passedOn = false;
  middleware(request, response, (error) => {
    if (error) throw error;
    passedOn = true;
  });
  if (!passedOn) throw new Error('fixedHeaders: the middleware did not pass the request on');
  return (_req, res, next) => {
    for (const step of steps) {
      if (step[0] === 'set') res.setHeader(step[1], step[2]);
      else res.removeHeader(step[1]);
    }
    next();
  };
}
