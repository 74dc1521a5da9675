import type { Logger } from 'pino';
import type { ProjectionEngine } from '../projections/engine.js';
import type { EventStore } from '../store/port.js';

/** What every resolver gets: the log, the projections kept from it, and a logger bound to the request. */
export interface ApiContext {
  readonly store: EventStore;
  readonly engine: ProjectionEngine;
  readonly log: Logger;
  readonly requestId: string;
}
