import { isPassCommand, parseCommand, type Command } from '../domain/commands.js';
import type { PassState } from '../domain/pass-decider.js';
import type { Unit } from '../domain/vocabulary.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { SCHEMA_VERSION } from '../domain/events.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../store/errors.js';
import type { DataKeyStore } from '../store/data-keys.js';
import { categoryOf, type AppendRequest, type EventStore, type NewEvent } from '../store/port.js';
import { openFreeText, sealFreeText } from './free-text.js';
import { commandAccess } from './pass-access.js';
import { SOCIAL_SERVICES_ONLY_EVENT_TYPES } from '../auth/access-policy.js';
import type { RecordContext } from './actor.js';
import { commandHash, commandIdentity, eventIdFor, reservationEventIdFor } from './command-identity.js';
import { decideClaim, idStreamId, idsIntroducedBy, readClaim, reservationEvent, type Claim } from './id-reservations.js';
import { decideCommand, foldOf, readsOf, streamOf } from './catalogue.js';

/**
 * Records a batch of commands all or nothing: every command is validated and decided against the log
 * (and against the commands before it in the batch) before anything is appended; one bad command and
 * nothing is appended. A command whose commandId is already recorded is a retry and does nothing.
 */

export interface CommandFailure {
  /** 0-based index of the command in the batch (an import reports it as a line number). */
  readonly index: number;
  readonly errors: readonly DomainError[];
}

export type CommandStatus = 'applied' | 'already-recorded';

export interface CommandOutcome {
  readonly index: number;
  readonly commandId: string;
  readonly streamId: string;
  readonly status: CommandStatus;
  readonly eventIds: readonly string[];
  /**
   * The stream's revision after this command: what a client sends as expectedRevision next. For a
   * police user it is counted over the events the police may see, and so is their expectedRevision.
   */
  readonly revision: number;
  /** Global position of the command's last event, once recorded (0 for a dry run). */
  readonly position: number;
}

export type RecordResult =
  | { readonly ok: true; readonly outcomes: readonly CommandOutcome[]; readonly appended: number; readonly position: number }
  | { readonly ok: false; readonly failures: readonly CommandFailure[] };

export interface RecordOptions {
  readonly dryRun?: boolean;
  /**
   * For a single command: the pass stream's revision the client last saw. A different revision is a
   * CONFLICT (someone else wrote to the pass meanwhile); a retry of an already recorded command is not.
   */
  readonly expectedRevision?: number;
  /** Called as commands are checked (done, total), for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The data keys free text is sealed with (crypto-shredding). Every entry point that records for
   * users passes them; without, text is stored as given (tests of the core that never hold any).
   */
  readonly dataKeys?: DataKeyStore;
  /**
   * The unit of the field user who sends the commands (the API): each pass command is checked against
   * the pass stream just loaded (pass-access.ts) before anything else is decided. Absent for operators
   * (an import, the demo), who are not limited to a unit.
   */
  readonly fieldUnit?: Unit;
}

interface Applied {
  /** The revision counted over the events the police may see (see `shown` below). */
  readonly policeRevision: number;
  /** The fingerprint in the log, or for a command earlier in this batch its content (`same` below). */
  readonly hash: string;
  readonly same?: (command: Command) => boolean;
  readonly revision: number;
  readonly position: number;
}

interface StreamPlan {
  /** The stream's state as its decider folds it (see catalogue.ts). */
  state: unknown;
  revision: number;
  /** The revision as the police are shown it: counted over the events they may see, so no gap tells of the others. */
  policeRevision: number;
  /** Commands already in the stream (or earlier in the batch), by commandId. */
  readonly applied: Map<string, Applied>;
}

interface Plan {
  readonly outcomes: CommandOutcome[];
  readonly failures: CommandFailure[];
  /** Id claims first, then the commands' own streams (see below). */
  readonly requests: AppendRequest[];
  /** Events of the commands themselves, not counting the id claims. */
  readonly appended: number;
  readonly commandOfEvent: Map<string, number>;
}

const MAX_ATTEMPTS = 3;

async function loadStream(store: EventStore, streamId: string, keys: DataKeyStore | undefined): Promise<StreamPlan> {
  const events = await store.readStream(streamId);
  const fold = foldOf(streamId);
  let state = fold.initialState();
  const applied = new Map<string, Applied>();
  let policeRevision = -1;
  for (const event of events) {
    if (!SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(event.type)) policeRevision += 1;
    // The decider compares free text (a correction that changes nothing is no correction): it sees it opened.
    const data = keys ? openFreeText(keys, streamId, event.data) : event.data;
    state = fold.evolve(state, { type: event.type, data });
    const { commandId, commandHash: hash } = event.metadata as { commandId?: string; commandHash?: string };
    // The last event of a command wins, so its revision and position describe the whole command.
    if (commandId) applied.set(commandId, { hash: hash ?? '', revision: event.revision, policeRevision, position: event.position });
  }
  return { state, revision: events.length - 1, policeRevision, applied };
}

async function plan(store: EventStore, inputs: readonly unknown[], context: RecordContext, options: RecordOptions): Promise<Plan> {
  const streams = new Map<string, StreamPlan>();
  const streamOfCommand = new Map<string, string>();
  const outcomes: CommandOutcome[] = [];
  const failures: CommandFailure[] = [];
  const commandOfEvent = new Map<string, number>();
  const pending: Array<{ streamId: string; revision: number; events: NewEvent[] }> = [];
  const claimRequests: AppendRequest[] = [];
  /** Id streams as the log holds them, with this batch's claims added. */
  const claims = new Map<string, Claim | undefined>();
  const claimOf = async (id: string): Promise<Claim | undefined> => {
    const key = idStreamId(id);
    if (!claims.has(key)) claims.set(key, await readClaim(store, id));
    return claims.get(key);
  };
  const streamFor = async (id: string): Promise<StreamPlan> => {
    let loaded = streams.get(id);
    if (!loaded) {
      loaded = await loadStream(store, id, options.dataKeys);
      streams.set(id, loaded);
    }
    return loaded;
  };

  const police = options.fieldUnit === 'POLIS';
  for (const [index, input] of inputs.entries()) {
    options.onProgress?.(index, inputs.length);
    const parsed = parseCommand(input);
    if (!parsed.ok) {
      failures.push({ index, errors: parsed.errors });
      continue;
    }
    const command: Command = parsed.command;
    const streamId = streamOf(command);
    const identity = commandIdentity(command, streamId, options.dataKeys);

    const earlierStream = streamOfCommand.get(command.commandId);
    if (earlierStream !== undefined && earlierStream !== streamId) {
      failures.push({ index, errors: [domainError('CONFLICT', 'commandId', 'is already used by a command for another stream; every command needs its own commandId')] });
      continue;
    }
    const stream = await streamFor(streamId);
    // The streams the decider reads (not writes), as they stand with this batch's earlier commands.
    for (const other of readsOf(command)) await streamFor(other);
    if (options.fieldUnit !== undefined) {
      // Before the retry check too: a retry answers a revision, which is for the pass's own units only.
      const denied = isPassCommand(command)
        ? commandAccess(options.fieldUnit, command, stream.state as PassState)
        : domainError('FORBIDDEN', '(command)', 'is not open to field users');
      if (denied) {
        failures.push({ index, errors: [denied] });
        continue;
      }
    }
    const earlier = stream.applied.get(command.commandId);
    if (earlier !== undefined) {
      if (!(earlier.same ? earlier.same(command) : identity.matches(earlier.hash))) {
        failures.push({ index, errors: [domainError('CONFLICT', 'commandId', 'is already recorded for a different command; a retry must repeat the command unchanged')] });
      } else {
        outcomes.push({ index, commandId: command.commandId, streamId, status: 'already-recorded', eventIds: [], revision: police ? earlier.policeRevision : earlier.revision, position: earlier.position });
      }
      continue;
    }
    // The police send and are told revisions counted over what they may see (see StreamPlan).
    const current = police ? stream.policeRevision : stream.revision;
    if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
      const actual = current < 0 ? 'does not exist yet' : `is at revision ${current}`;
      const what = categoryOf(streamId);
      failures.push({ index, errors: [domainError('CONFLICT', 'expectedRevision', `the ${what} ${actual}: someone else recorded on it meanwhile; reload it and decide again`)] });
      continue;
    }

    const decision = decideCommand(command, stream.state, context.now, (id) => {
      const other = streams.get(id);
      return other && other.revision >= 0 ? other.state : undefined;
    }, { police });
    if (!decision.ok) {
      failures.push({ index, errors: [decision.error] });
      continue;
    }
    const toClaim: Array<{ field: string; id: string }> = [];
    let refused: DomainError | undefined;
    for (const { field, id } of idsIntroducedBy(command)) {
      const verdict = decideClaim(await claimOf(id), field, { commandId: command.commandId, streamId }, (h) => identity.matches(h));
      if (verdict.claim === 'refused') refused ??= verdict.error;
      if (verdict.claim === 'new') toClaim.push({ field, id });
    }
    if (refused) {
      failures.push({ index, errors: [refused] });
      continue;
    }
    const envelope = {
      schemaVersion: SCHEMA_VERSION,
      commandId: command.commandId,
      // A dry run writes nothing, and so makes no data key for the fingerprint either.
      commandHash: options.dryRun ? '' : identity.fingerprint(),
      correlationId: context.correlationId,
      actor: context.actor,
      ...(context.requestId ? { requestId: context.requestId } : {}),
      ...(context.synthetic ? { synthetic: true } : {}),
    };
    for (const { field, id } of toClaim) {
      const event = reservationEvent(reservationEventIdFor(command.commandId, id), id, field, streamId, envelope);
      claims.set(idStreamId(id), { commandId: command.commandId, commandHash: '', streamId });
      commandOfEvent.set(event.id, index);
      claimRequests.push({ streamId: idStreamId(id), expectedRevision: 'no_stream', events: [event] });
    }
    const events: NewEvent[] = decision.events.map(({ occurredAt, ...event }, n) => ({
      id: eventIdFor(command.commandId, n),
      type: event.type,
      data: options.dataKeys && !options.dryRun ? sealFreeText(options.dataKeys, streamId, event.data) : event.data,
      metadata: { ...envelope, occurredAt },
    }));
    const fold = foldOf(streamId);
    for (const event of decision.events) stream.state = fold.evolve(stream.state, event);
    const revision = stream.revision + events.length;
    const policeRevision = stream.policeRevision + events.filter((e) => !SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(e.type)).length;
    const content = commandHash(command);
    stream.applied.set(command.commandId, { hash: '', same: (other) => commandHash(other) === content, revision, policeRevision, position: 0 });
    streamOfCommand.set(command.commandId, streamId);
    for (const event of events) commandOfEvent.set(event.id, index);
    outcomes.push({ index, commandId: command.commandId, streamId, status: 'applied', eventIds: events.map((e) => e.id), revision: police ? policeRevision : revision, position: 0 });

    // Consecutive commands on one stream share one request; the batch keeps the file's order.
    const last = pending[pending.length - 1];
    if (last?.streamId === streamId) last.events.push(...events);
    else pending.push({ streamId, revision: stream.revision, events });
    stream.revision += events.length;
    stream.policeRevision = policeRevision;
  }
  options.onProgress?.(inputs.length, inputs.length);
  const streamRequests = pending.map(
    ({ streamId, revision, events }): AppendRequest => ({ streamId, expectedRevision: revision < 0 ? 'no_stream' : revision, events }),
  );
  // Claims first: on a store without multi-stream transactions a crash can leave claims without their
  // commands, which the retry (same commandIds) recognises and completes; never a command without its claim.
  return {
    outcomes,
    failures,
    requests: [...claimRequests, ...streamRequests],
    appended: streamRequests.reduce((n, r) => n + r.events.length, 0),
    commandOfEvent,
  };
}

export async function recordCommands(
  store: EventStore,
  inputs: readonly unknown[],
  context: RecordContext,
  options: RecordOptions = {},
): Promise<RecordResult> {
  for (let attempt = 1; ; attempt += 1) {
    const planned = await plan(store, inputs, context, options);
    if (planned.failures.length > 0) return { ok: false, failures: planned.failures };
    const appended = planned.appended;
    if (options.dryRun || planned.requests.length === 0) {
      return { ok: true, outcomes: planned.outcomes, appended: options.dryRun ? 0 : appended, position: await store.headPosition() };
    }
    try {
      const results = await store.appendBatch(planned.requests);
      const position = Math.max(...results.map((r) => r.position));
      // One command is one request: its position is the request's. A bulk import needs only the batch's.
      const outcomes = planned.outcomes.map((o) => (o.status === 'applied' && planned.outcomes.length === 1 ? { ...o, position } : o));
      return { ok: true, outcomes, appended, position };
    } catch (error) {
      // Someone else wrote to one of these passes meanwhile: decide again against what they wrote.
      if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof DuplicateEventIdError) {
        const index = planned.commandOfEvent.get(error.eventId) ?? 0;
        return {
          ok: false,
          failures: [{ index, errors: [domainError('CONFLICT', 'commandId', 'is already recorded for a command on another stream; every command needs its own commandId')] }],
        };
      }
      throw error;
    }
  }
}
