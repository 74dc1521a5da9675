import type { EventStore } from './port.js';
import { storedHeadAt, verifyChainTo, type PrefixVerdict } from './sqlite/chain-prefix.js';

/**
 * What a store can prove about its own past. SQLite keeps a hash chain, so a position names one exact
 * log prefix; EventStoreDB keeps none here, so a report on it can only be re-derived, not tied to bytes.
 */
interface LogProof {
  /** 'sqlite-chain', or 'none' where the store keeps no chain. */
  readonly kind: 'sqlite-chain' | 'none';
  /** The chain head at a position ("P:hex"), null where there is no chain. */
  headAt(position: number): string | null;
  /** Recomputes the chain up to a position; undefined where there is no chain. */
  verifyTo(position: number): PrefixVerdict | undefined;
}

const NO_CHAIN: LogProof = { kind: 'none', headAt: () => null, verifyTo: () => undefined };

export function logProofOf(store: EventStore): LogProof {
  const path = (store as { path?: unknown }).path;
  if (store.kind !== 'sqlite' || typeof path !== 'string' || path === ':memory:') return NO_CHAIN;
  return {
    kind: 'sqlite-chain',
    headAt: (position) => (position === 0 ? '0:' : (storedHeadAt(path, position) ?? null)),
    verifyTo: (position) => (position === 0 ? { intact: true, head: '0:' } : verifyChainTo(path, position)),
  };
}
