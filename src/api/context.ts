import type { Logger } from 'pino';
import type { Clock } from '../application/clock.js';
import type { Principal } from '../auth/principal.js';
import type { ProjectionEngine } from '../projections/engine.js';
import type { DataKeyStore } from '../store/data-keys.js';
import type { EventStore } from '../store/port.js';

/** What every resolver gets: the log, the projections kept from it, the caller, and a logger bound to the request. */
export interface ApiContext {
  readonly store: EventStore;
  readonly engine: ProjectionEngine;
  /** Opens sealed free text for reading, seals it when recording. */
  readonly dataKeys: DataKeyStore;
  readonly log: Logger;
  /** Today and now for defaults, rules and audit records: injected, never the host's date directly. */
  readonly clock: Clock;
  readonly requestId: string;
  /** Who signed in: every request to /graphql has one, or it is refused before GraphQL runs. */
  readonly principal: Principal;
  /** Called when the answer depends only on the log and the request, so it may be served again at this position. */
  readonly markCacheable?: () => void;
}
