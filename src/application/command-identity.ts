import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Command } from '../domain/commands.js';

/** Namespace for event ids derived from command ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '0d4c6f2e-93a1-4c55-8f7b-2b8e5d1a7c90';

/**
 * The id of the n-th event a command produces. Deriving it from the commandId makes a retry append the
 * same ids, which the store recognises as the same append.
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`${commandId}/${index}`, EVENT_ID_NAMESPACE);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Fingerprint of a command's content: a commandId reused for a different command is refused, not taken as a retry. */
export function commandHash(command: Command): string {
  return createHash('sha256').update(canonical(command)).digest('hex').slice(0, 16);
}
