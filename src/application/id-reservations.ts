import type { Command } from '../domain/commands.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { WrongExpectedRevisionError } from '../store/errors.js';
import { categoryOf, type AppendRequest, type EventStore, type NewEvent } from '../store/port.js';
import type { Actor } from './actor.js';
import { parseRecord } from './record-schemas.js';
import { reservationEventIdFor } from './command-identity.js';

/**
 * Pass, raid, encounter, platform account and outreach session ids are unique across the whole log,
 * not only inside their own stream: the register indexes them log-wide, and a second encounter with another pass's id would have every
 * later fact about the first land on it. A pass stream cannot see the others, so each id gets a
 * stream of its own, `id-<uuid>`, claimed with the expected revision "no stream" in the same batch as
 * the command that introduces it. Both stores refuse a second claim, SQLite in one transaction and
 * EventStoreDB stream by stream, so the rule holds through the store port alone.
 */
const ID_RESERVED = 'IdReserved';

interface IdReservedData {
  readonly id: string;
  /** The command field that introduced it: passId, raidId, encounterId, accountId or sessionId. */
  readonly field: string;
  /** The stream the command that claimed it was for. */
  readonly streamId: string;
}

export const idStreamId = (id: string) => `id-${id.toLowerCase()}`;

/** The ids a command brings into the log, with the field that names each. */
export function idsIntroducedBy(command: Command): Array<{ field: string; id: string }> {
  switch (command.type) {
    case 'RecordPass':
      return [{ field: 'passId', id: command.passId }];
    case 'RecordRaid':
      return [{ field: 'raidId', id: command.raidId }];
    case 'RecordEncounter':
      return [{ field: 'encounterId', id: command.encounterId }];
    // An account and a session are streams of two categories: the claim keeps one id from naming both.
    case 'RegisterAccount':
      return [{ field: 'accountId', id: command.accountId }];
    case 'RecordOutreachSession':
      return [{ field: 'sessionId', id: command.sessionId }];
    default:
      return [];
  }
}

/** Who holds an id: the command (and the fingerprint of it) that claimed it, for which stream. */
export interface Claim {
  readonly commandId: string;
  readonly commandHash: string;
  readonly streamId: string;
}

export async function readClaim(store: EventStore, id: string): Promise<Claim | undefined> {
  const [first] = await store.readStream(idStreamId(id));
  if (!first) return undefined;
  const { commandId, commandHash } = first.metadata as { commandId?: string; commandHash?: string };
  // A claim that cannot be read holds the id for no stream: every command is refused it (fails closed).
  return { commandId: commandId ?? '', commandHash: commandHash ?? '', streamId: parseRecord('IdReserved', first.data)?.streamId ?? '' };
}

type ClaimDecision = { readonly claim: 'new' } | { readonly claim: 'own' } | { readonly claim: 'refused'; readonly error: DomainError };

/**
 * Whether a command may claim an id that `existing` may already hold. The same command (same commandId,
 * same stream) holding it is the first half of its own batch, written before a crash on a store
 * without multi-stream transactions: the retry completes the batch and claims nothing twice.
 */
export function decideClaim(existing: Claim | undefined, field: string, command: { commandId: string; streamId: string }, sameCommand: (hash: string) => boolean): ClaimDecision {
  if (existing === undefined) return { claim: 'new' };
  if (existing.commandId === command.commandId && existing.streamId === command.streamId) {
    if (!sameCommand(existing.commandHash)) {
      return { claim: 'refused', error: domainError('CONFLICT', 'commandId', 'is already recorded for a different command; a retry must repeat the command unchanged') };
    }
    return { claim: 'own' };
  }
  return { claim: 'refused', error: domainError('CONFLICT', field, 'is already used in the log (by a pass, raid, encounter, account or outreach session, maybe of another pass); every id is recorded once') };
}

export function reservationEvent(eventId: string, id: string, field: string, streamId: string, metadata: Readonly<Record<string, unknown>>): NewEvent {
  const data: IdReservedData = { id: id.toLowerCase(), field, streamId };
  return { id: eventId, type: ID_RESERVED, data, metadata };
}

export interface ClaimReport {
  /** Distinct pass, raid, encounter, account and session ids in the log. */
  readonly ids: number;
  /** Of those, claimed by this run (the rest were claimed already). */
  readonly claimed: number;
  /** Ids recorded again after their first use (before ids were claimed): the first keeps the id. */
  readonly reused: number;
}

/** The events that brought an id into the log, with its field and the categories of the streams they are in. */
const INTRODUCED_BY: Readonly<Record<string, { readonly field: string; readonly categories: readonly string[] }>> = {
  PassRecorded: { field: 'passId', categories: ['pass'] },
  RaidRecorded: { field: 'raidId', categories: ['pass'] },
  PersonEncountered: { field: 'encounterId', categories: ['pass'] },
  AccountRegistered: { field: 'accountId', categories: ['outreach'] },
  // Sessions were recorded in outreach-<sessionId> before they had streams of their own.
  OutreachSessionHeld: { field: 'sessionId', categories: ['outreach', 'outreach_session'] },
};
const CLAIM_BATCH = 500;

/**
 * Claims the ids of a log written before ids were claimed (run once, `samlogg claim-ids`): every pass,
 * raid, encounter, account and outreach session id gets the claim of the command that used it first in
 * the log, the one the register keeps. A claim already there is left alone, so the run can be repeated or interrupted.
 */
export async function claimRecordedIds(store: EventStore, context: { actor: Actor; correlationId: string }): Promise<ClaimReport> {
  const first = new Map<string, { field: string; streamId: string; commandId: string; commandHash: string }>();
  let reused = 0;
  for await (const page of store.readAll()) {
    for (const event of page) {
      const introduced = INTRODUCED_BY[event.type];
      if (!introduced || !introduced.categories.includes(categoryOf(event.streamId))) continue;
      const { field } = introduced;
      const id = (event.data as Record<string, unknown>)[field];
      if (typeof id !== 'string') continue;
      const key = id.toLowerCase();
      if (first.has(key)) {
        reused += 1;
        continue;
      }
      const { commandId, commandHash } = event.metadata as { commandId?: string; commandHash?: string };
      first.set(key, { field, streamId: event.streamId, commandId: commandId ?? event.id, commandHash: commandHash ?? '' });
    }
  }
  let claimed = 0;
  let batch: AppendRequest[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await store.appendBatch(batch);
      claimed += batch.length;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Someone claimed one of these meanwhile: the others one by one.
      for (const request of batch) {
        try {
          await store.append(request.streamId, request.events, request.expectedRevision);
          claimed += 1;
        } catch (single) {
          if (!(single instanceof WrongExpectedRevisionError)) throw single;
        }
      }
    }
    batch = [];
  };
  for (const [id, use] of first) {
    if ((await store.readStream(idStreamId(id))).length > 0) continue;
    const metadata = { schemaVersion: 1, commandId: use.commandId, commandHash: use.commandHash, correlationId: context.correlationId, actor: context.actor, claimedLater: true };
    batch.push({ streamId: idStreamId(id), expectedRevision: 'no_stream', events: [reservationEvent(reservationEventIdFor(use.commandId, id), id, use.field, use.streamId, metadata)] });
    if (batch.length >= CLAIM_BATCH) await flush();
  }
  await flush();
  return { ids: first.size, claimed, reused };
}
