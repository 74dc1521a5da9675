import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startServer } from '../support/server.js';

describe('GraphQL internal errors', function () {
  this.timeout(30_000);

  it('answers INTERNAL_SERVER_ERROR without internals or a stack trace when the store fails', async () => {
    const server = await startServer();
    try {
      // The log goes away under the running server: the next read of a stream fails inside the store.
      await server.store.close();
      const { status, body } = await server.graphql(`{ passHistory(id: "${randomUUID()}") { type } }`, undefined, { role: 'field', org: 'MIKA' });
      expect(status).to.equal(200);
      const error = body.errors?.[0];
      expect(error?.extensions?.code).to.equal('INTERNAL_SERVER_ERROR');
      expect(error?.message).to.equal('Internt fel / internal server error');
      expect(JSON.stringify(body)).not.to.match(/database|sqlite|stacktrace|\.ts:/i);
    } finally {
      await server.stop().catch(() => {});
    }
  });

  it('logs the internal error with the request id the caller heard, and the error only, never the query', async () => {
    const lines: Array<{ msg?: string; requestId?: string; err?: { message?: string } }> = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const server = await startServer(undefined, { log });
    try {
      await server.store.close();
      const passId = randomUUID();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: (await server.authorization({ role: 'field', org: 'MIKA' })).authorization as string, 'x-request-id': 'failing-request-0001' },
        body: JSON.stringify({ query: `{ passHistory(id: "${passId}") { type } }` }),
      });
      expect(((await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code).to.equal('INTERNAL_SERVER_ERROR');
      const logged = lines.filter((line) => line.msg === 'internal error');
      expect(logged.map((line) => line.requestId)).to.deep.equal(['failing-request-0001']);
      expect(logged[0]?.err?.message).to.be.a('string');
      expect(JSON.stringify(lines)).not.to.include(passId);
    } finally {
      await server.stop().catch(() => {});
    }
  });
});
