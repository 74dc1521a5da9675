import type { ApolloServerPlugin } from '@apollo/server';
import { StoreBusyError } from '../store/errors.js';

/** Seconds a caller is told to wait before sending a refused write again. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A write that could not have the log's lock is not an internal error: nothing was appended and the
 * same request may be sent again. It answers 503 with Retry-After, and the error says so in its code
 * (`STORE_BUSY`) and `retryable: true`, so a client (the field app's outbox) knows to send it again.
 */
export function storeBusyAnswers<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          let busy = false;
          for (const error of errors) {
            if (!(error.originalError instanceof StoreBusyError)) continue;
            busy = true;
            Object.assign(error.extensions, { code: 'STORE_BUSY', retryable: true });
          }
          if (!busy) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
