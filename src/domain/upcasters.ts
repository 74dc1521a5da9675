import type { AccountRegisteredData, DomainEventType } from './events.js';

/**
 * The log is never rewritten, so an event keeps the shape its version wrote (the version is in its
 * metadata, `schemaVersion`). When an event type's data changes shape, its schema version goes up by
 * one and an upcaster here turns data of the version before into the new shape; readers apply them
 * in order (event-decoding.ts), so every fold sees the current shape only.
 */
export interface Upcaster {
  readonly type: DomainEventType;
  /** The version this upcaster reads; it writes `from + 1`. */
  readonly from: number;
  up(data: Record<string, unknown>): Record<string, unknown>;
}

/** AccountRegistered, version 1: the day the account was registered was named `registeredOn`. */
interface AccountRegisteredV1 extends Omit<AccountRegisteredData, 'on'> {
  readonly registeredOn: string;
}

export const UPCASTERS: readonly Upcaster[] = [
  {
    type: 'AccountRegistered',
    from: 1,
    up(data) {
      const { registeredOn, ...rest } = data as unknown as AccountRegisteredV1;
      return { ...rest, on: registeredOn } satisfies AccountRegisteredData;
    },
  },
];

/** Each type's upcasters, in version order; checked once, so a gap or a repeat in the list fails at start. */
export function upcasterChains(upcasters: readonly Upcaster[]): ReadonlyMap<string, readonly Upcaster[]> {
  const chains = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) {
    const chain = chains.get(upcaster.type) ?? [];
    if (upcaster.from !== chain.length + 1) throw new Error(`the upcasters of ${upcaster.type} must go 1, 2, 3… in order; ${upcaster.from} comes after ${chain.length}`);
    chain.push(upcaster);
    chains.set(upcaster.type, chain);
  }
  return chains;
}

const CHAINS = upcasterChains(UPCASTERS);

/** The version this code writes an event type's data in: 1, and one more for each upcaster. */
export function schemaVersionOf(type: string): number {
  return 1 + (CHAINS.get(type)?.length ?? 0);
}

/** The upcasters that take data of `version` to the current one (empty when it is current). */
export function upcastersFrom(type: string, version: number): readonly Upcaster[] {
  return (CHAINS.get(type) ?? []).slice(version - 1);
}
