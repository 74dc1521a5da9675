import { isPassCommand, parseCommand, type Command } from '../domain/commands.js';
import type { PassState } from '../domain/pass-decider.js';
import type { Unit } from '../domain/vocabulary.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { decodeEvent } from '../domain/event-decoding.js';
import { schemaVersionOf } from '../domain/upcasters.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../store/errors.js';
import type { DataKeyStore } from '../store/data-keys.js';
import { categoryOf, type AppendRequest, type EventStore, type NewEvent, type RecordedEvent } from '../store/port.js';
import { openFreeText, sealFreeText } from './free-text.js';
import { commandAccess } from './pass-access.js';
import { SOCIAL_SERVICES_ONLY_EVENT_TYPES } from '../auth/access-policy.js';
import type { RecordContext } from './actor.js';
import { commandHash, commandIdentity, eventIdFor, reservationEventIdFor, type CommandIdentity } from './command-identity.js';
import { decideClaim, idStreamId, idsIntroducedBy, readClaim, reservationEvent, type Claim } from './id-reservations.js';
import { decideCommand, foldOf, formerStreamOf, readsOf, streamOf, type AnyDecidedEvent, type StreamCategory } from './catalogue.js';

/**
 * Records a batch of commands all or nothing: every command is validated and decided against the log
 * (and against the commands before it in the batch) before anything is appended; one bad command and
 * nothing is appended. A command whose commandId is already recorded is a retry and does nothing.
 */

interface CommandFailure {
  /** 0-based index of the command in the batch (an import reports it as a line number). */
  readonly index: number;
  readonly errors: readonly DomainError[];
}

type CommandStatus = 'applied' | 'already-recorded';

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
  /** The stream it is recorded in, when that is not the command's own (a former stream, see the catalogue). */
  readonly streamId?: string;
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
  const former = formerStreamOf(streamId);
  const earlier = former === undefined ? [] : await store.readStream(former);
  const events = await store.readStream(streamId);
  const fold = foldOf(streamId);
  let state = fold.initialState();
  const applied = new Map<string, Applied>();
  let policeRevision = -1;
  // What an older version recorded for this stream elsewhere is folded first, and its commands are retries.
  for (const event of earlier) state = foldRecorded(fold, state, event, keys, applied);
  for (const event of events) {
    if (!SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(event.type)) policeRevision += 1;
    state = foldRecorded(fold, state, event, keys, applied, policeRevision);
  }
  return { state, revision: events.length - 1, policeRevision, applied };
}

function foldRecorded(fold: StreamCategory, state: unknown, event: RecordedEvent, keys: DataKeyStore | undefined, applied: Map<string, Applied>, policeRevision = event.revision): unknown {
  // The decider compares free text (a correction that changes nothing is no correction): it sees it opened.
  const data = keys ? openFreeText(keys, event.streamId, event.data) : event.data;
  const { commandId, commandHash: hash } = event.metadata as { commandId?: string; commandHash?: string };
  // The last event of a command wins, so its revision and position describe the whole command.
  if (commandId) applied.set(commandId, { hash: hash ?? '', revision: event.revision, policeRevision, position: event.position, streamId: event.streamId });
  return fold.evolve(state, decodeEvent({ type: event.type, data, metadata: event.metadata }));
}

/** What planning a batch keeps from one command to the next. */
interface Planning {
  readonly store: EventStore;
  readonly context: RecordContext;
  readonly options: RecordOptions;
  readonly police: boolean;
  readonly streams: Map<string, StreamPlan>;
  readonly streamOfCommand: Map<string, string>;
  /** Id streams as the log holds them, with this batch's claims added. */
  readonly claims: Map<string, Claim | undefined>;
  readonly outcomes: CommandOutcome[];
  readonly commandOfEvent: Map<string, number>;
  readonly pending: Array<{ streamId: string; revision: number; events: NewEvent[] }>;
  readonly claimRequests: AppendRequest[];
}

async function claimOf(planning: Planning, id: string): Promise<Claim | undefined> {
  const key = idStreamId(id);
  if (!planning.claims.has(key)) planning.claims.set(key, await readClaim(planning.store, id));
  return planning.claims.get(key);
}

async function streamFor(planning: Planning, id: string): Promise<StreamPlan> {
  let loaded = planning.streams.get(id);
  if (!loaded) {
    loaded = await loadStream(planning.store, id, planning.options.dataKeys);
    planning.streams.set(id, loaded);
  }
  return loaded;
}

async function plan(store: EventStore, inputs: readonly unknown[], context: RecordContext, options: RecordOptions): Promise<Plan> {
  const planning: Planning = {
    store, context, options, police: options.fieldUnit === 'POLIS',
    streams: new Map(), streamOfCommand: new Map(), claims: new Map(), outcomes: [], commandOfEvent: new Map(), pending: [], claimRequests: [],
  };
  const failures: CommandFailure[] = [];
  for (const [index, input] of inputs.entries()) {
    options.onProgress?.(index, inputs.length);
    const errors = await planCommand(planning, index, input);
    if (errors) failures.push({ index, errors });
  }
  options.onProgress?.(inputs.length, inputs.length);
  const streamRequests = planning.pending.map(
    ({ streamId, revision, events }): AppendRequest => ({ streamId, expectedRevision: revision < 0 ? 'no_stream' : revision, events }),
  );
  // Claims first: on a store without multi-stream transactions a crash can leave claims without their
  // commands, which the retry (same commandIds) recognises and completes; never a command without its claim.
  return {
    outcomes: planning.outcomes,
    failures,
    requests: [...planning.claimRequests, ...streamRequests],
    appended: streamRequests.reduce((n, r) => n + r.events.length, 0),
    commandOfEvent: planning.commandOfEvent,
  };
}

/** Plans one command against the log and the batch so far: the rules it breaks, or nothing when it is planned. */
async function planCommand(planning: Planning, index: number, input: unknown): Promise<readonly DomainError[] | undefined> {
  const parsed = parseCommand(input);
  if (!parsed.ok) return parsed.errors;
  const command: Command = parsed.command;
  const streamId = streamOf(command);
  const identity = commandIdentity(command, streamId, planning.options.dataKeys);
  const earlierStream = planning.streamOfCommand.get(command.commandId);
  if (earlierStream !== undefined && earlierStream !== streamId) {
    return [domainError('CONFLICT', 'commandId', 'is already used by a command for another stream; every command needs its own commandId')];
  }
  const stream = await streamFor(planning, streamId);
  // The streams the decider reads (not writes), as they stand with this batch's earlier commands.
  for (const other of readsOf(command)) await streamFor(planning, other);
  // Before the retry check too: a retry answers a revision, which is for the pass's own units only.
  const denied = fieldUserAccess(planning.options.fieldUnit, command, stream);
  if (denied) return [denied];
  const earlier = stream.applied.get(command.commandId);
  if (earlier !== undefined) return planRetry(planning, index, command, streamId, identity, earlier);
  const stale = staleRevision(planning, streamId, stream);
  if (stale) return [stale];
  const decision = decideCommand(command, stream.state, planning.context.now, (id) => {
    const other = planning.streams.get(id);
    return other && other.revision >= 0 ? other.state : undefined;
  }, { police: planning.police });
  if (!decision.ok) return [decision.error];
  const claims = await idClaims(planning, command, streamId, identity);
  if (!Array.isArray(claims)) return [claims];
  planEvents(planning, index, command, { streamId, stream, identity, claims }, decision.events);
  return undefined;
}

function fieldUserAccess(unit: Unit | undefined, command: Command, stream: StreamPlan): DomainError | undefined {
  if (unit === undefined) return undefined;
  return isPassCommand(command) ? commandAccess(unit, command, stream.state as PassState) : domainError('FORBIDDEN', '(command)', 'is not open to field users');
}

/** A command whose commandId is recorded: a retry when it is the same command, refused otherwise. */
function planRetry(planning: Planning, index: number, command: Command, streamId: string, identity: CommandIdentity, earlier: Applied): readonly DomainError[] | undefined {
  // Recorded in a former stream: its fingerprint's text part is under that stream's data key.
  const recordedAs = earlier.streamId !== undefined && earlier.streamId !== streamId ? commandIdentity(command, earlier.streamId, planning.options.dataKeys) : identity;
  if (!(earlier.same ? earlier.same(command) : recordedAs.matches(earlier.hash))) {
    return [domainError('CONFLICT', 'commandId', 'is already recorded for a different command; a retry must repeat the command unchanged')];
  }
  const revision = planning.police ? earlier.policeRevision : earlier.revision;
  planning.outcomes.push({ index, commandId: command.commandId, streamId: earlier.streamId ?? streamId, status: 'already-recorded', eventIds: [], revision, position: earlier.position });
  return undefined;
}

function staleRevision(planning: Planning, streamId: string, stream: StreamPlan): DomainError | undefined {
  // The police send and are told revisions counted over what they may see (see StreamPlan).
  const current = planning.police ? stream.policeRevision : stream.revision;
  const expected = planning.options.expectedRevision;
  if (expected === undefined || expected === current) return undefined;
  const actual = current < 0 ? 'does not exist yet' : `is at revision ${current}`;
  return domainError('CONFLICT', 'expectedRevision', `the ${categoryOf(streamId)} ${actual}: someone else recorded on it meanwhile; reload it and decide again`);
}

/** The ids the command brings in that it must claim now, or the rule a claim already in the log breaks. */
async function idClaims(planning: Planning, command: Command, streamId: string, identity: CommandIdentity): Promise<Array<{ field: string; id: string }> | DomainError> {
  const toClaim: Array<{ field: string; id: string }> = [];
  let refused: DomainError | undefined;
  for (const { field, id } of idsIntroducedBy(command)) {
    const verdict = decideClaim(await claimOf(planning, id), field, { commandId: command.commandId, streamId }, (h) => identity.matches(h));
    if (verdict.claim === 'refused') refused ??= verdict.error;
    if (verdict.claim === 'new') toClaim.push({ field, id });
  }
  return refused ?? toClaim;
}

interface Planned {
  readonly streamId: string;
  readonly stream: StreamPlan;
  readonly identity: CommandIdentity;
  readonly claims: ReadonlyArray<{ field: string; id: string }>;
}

/** Adds a decided command's claims and events to the batch, and folds them into its stream as the batch stands. */
function planEvents(planning: Planning, index: number, command: Command, { streamId, stream, identity, claims }: Planned, decided: readonly AnyDecidedEvent[]): void {
  const { context, options } = planning;
  const envelope = {
    commandId: command.commandId,
    // A dry run writes nothing, and so makes no data key for the fingerprint either.
    commandHash: options.dryRun ? '' : identity.fingerprint(),
    correlationId: context.correlationId,
    actor: context.actor,
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(context.synthetic ? { synthetic: true } : {}),
  };
  for (const { field, id } of claims) {
    const event = reservationEvent(reservationEventIdFor(command.commandId, id), id, field, streamId, { schemaVersion: 1, ...envelope });
    planning.claims.set(idStreamId(id), { commandId: command.commandId, commandHash: '', streamId });
    planning.commandOfEvent.set(event.id, index);
    planning.claimRequests.push({ streamId: idStreamId(id), expectedRevision: 'no_stream', events: [event] });
  }
  const events: NewEvent[] = decided.map(({ occurredAt, ...event }, n) => ({
    id: eventIdFor(command.commandId, n),
    type: event.type,
    data: options.dataKeys && !options.dryRun ? sealFreeText(options.dataKeys, streamId, event.data) : event.data,
    // Each event type has its own schema version (upcasters.ts): readers upcast by it.
    metadata: { schemaVersion: schemaVersionOf(event.type), ...envelope, occurredAt },
  }));
  const fold = foldOf(streamId);
  for (const event of decided) stream.state = fold.evolve(stream.state, event);
  const revision = stream.revision + events.length;
  const policeRevision = stream.policeRevision + events.filter((e) => !SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(e.type)).length;
  // Asked only of a retry later in the same batch: hashed then, not for every command.
  let content: string | undefined;
  stream.applied.set(command.commandId, { hash: '', same: (other) => commandHash(other) === (content ??= commandHash(command)), revision, policeRevision, position: 0 });
  planning.streamOfCommand.set(command.commandId, streamId);
  for (const event of events) planning.commandOfEvent.set(event.id, index);
  planning.outcomes.push({ index, commandId: command.commandId, streamId, status: 'applied', eventIds: events.map((e) => e.id), revision: planning.police ? policeRevision : revision, position: 0 });
  // Consecutive commands on one stream share one request; the batch keeps the file's order.
  const last = planning.pending[planning.pending.length - 1];
  if (last?.streamId === streamId) last.events.push(...events);
  else planning.pending.push({ streamId, revision: stream.revision, events });
  stream.revision += events.length;
  stream.policeRevision = policeRevision;
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
