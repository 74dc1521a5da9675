import { PASS_COMMAND_TYPES, type Command, type CommandType } from '../domain/commands.js';
import type { Decider, DecisionOf } from '../domain/decision.js';
import { kommunStreamId, outreachSessionStreamId, outreachStreamId, passStreamId, trainingStreamId, type DecidedCountyEvent, type DecidedEvent } from '../domain/events.js';
import { KOMMUN_COMMANDS, kommunDecider, type KommunCommand, type KommunLookups } from '../domain/kommun-decider.js';
import { ACCOUNT_COMMANDS, accountDecider, type AccountCommand, type AccountState } from '../domain/outreach-account-decider.js';
import { SESSION_COMMANDS, sessionDecider, type SessionCommand, type SessionLookups } from '../domain/outreach-session-decider.js';
import { passDecider, type DecidedBy, type PassState } from '../domain/pass-decider.js';
import { TRAINING_COMMANDS, trainingDecider, type TrainingCommand } from '../domain/training-decider.js';
import { categoryOf } from '../store/port.js';

/**
 * The catalogue: every stream category of the log as one value in Emmett's decider shape, `{ category,
 * streamOf, initialState, evolve, decide, reads? }`. Everything else is derived from it: which stream a
 * command is for, how a stream is folded, which decider answers, which other streams it reads, and the
 * GraphQL mutations with their entries in the access table. A new command is a case in its decider,
 * a zod schema in commands.ts and a mutation in schema.graphql; `test/unit/catalogue.test.ts` says which
 * of these is missing.
 */

export type AnyDecidedEvent = DecidedEvent | DecidedCountyEvent;
export type StreamDecision = DecisionOf<AnyDecidedEvent>;

/** An event as a fold is given it: its type and data, as the store holds it. */
export interface FoldedEvent {
  readonly type: string;
  readonly data: unknown;
}

/** What a category's decider decides with beyond its own stream and the command. */
export interface DecideContext {
  readonly now: Date;
  /** A stream's state as the shell holds it (the log plus the batch so far), or undefined when it is empty. */
  read(streamId: string): unknown;
  readonly by: DecidedBy;
}

export interface StreamCategory<C extends Command = Command, S = unknown> {
  /** The part of the stream id before the first `-`. */
  readonly category: string;
  /** The commands whose stream is of this category. */
  readonly commands: readonly C['type'][];
  streamOf(command: C): string;
  initialState(): S;
  evolve(state: S, event: FoldedEvent): S;
  decide(command: C, state: S, context: DecideContext): StreamDecision;
  /** The other streams the decider reads (never writes), loaded before it decides. */
  reads?(command: C): string[];
  /**
   * Where an older version recorded what is now in `streamId`: its events are folded first, and a
   * command recorded there is a retry (recognised, nothing appended), while appends go to `streamId`.
   */
  formerStreamOf?(streamId: string): string | undefined;
}

interface CategorySpec<N extends string, C extends Command, T extends C['type']> {
  readonly category: N;
  readonly commands: readonly T[];
  streamOf(command: C): string;
  reads?(command: C): string[];
  formerStreamOf?(streamId: string): string | undefined;
}

/**
 * A category from a decider, with `given` turning the shell's context into what that decider is given.
 * The one cast from stored to typed events is here, until events are decoded at the store's edge.
 */
function category<const N extends string, C extends Command, const T extends C['type'], S, E, G>(
  spec: CategorySpec<N, C, T>,
  decider: Decider<C, S, E, G>,
  given: (command: C, context: DecideContext) => G,
): StreamCategory<C, S> & { readonly category: N; readonly commands: readonly T[] } {
  return {
    ...spec,
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, event as E),
    decide: (command, state, context) => decider.decide(command, state, context.now, given(command, context)) as StreamDecision,
  };
}

/** A pass as its stream stands, if it is recorded. */
function recordedPass(context: DecideContext, passId: string): PassState | undefined {
  const pass = context.read(passStreamId(passId)) as PassState | undefined;
  return pass?.recorded ? pass : undefined;
}

const pass = category({ category: 'pass', commands: PASS_COMMAND_TYPES, streamOf: (command) => passStreamId(command.passId) }, passDecider, (_command, context) => context.by);

const kommun = category(
  {
    category: 'kommun',
    commands: KOMMUN_COMMANDS,
    streamOf: (command: KommunCommand) => kommunStreamId(command.kommun),
    reads: (command) => (command.type === 'NotifyKommun' ? [...new Set(command.encounters.map((e) => passStreamId(e.passId)))] : []),
  },
  kommunDecider,
  (_command, context): KommunLookups => ({
    encounter(passId, encounterId) {
      const p = recordedPass(context, passId);
      const encounter = p?.encounters.get(encounterId);
      if (!p || !encounter) return undefined;
      return { passDate: p.date, homeKommun: encounter.homeKommun, retracted: p.retracted || encounter.retracted };
    },
  }),
);

const training = category(
  { category: 'training', commands: TRAINING_COMMANDS, streamOf: (command: TrainingCommand) => trainingStreamId(command.trainingId) },
  trainingDecider,
  () => undefined,
);

const outreach = category(
  {
    category: 'outreach',
    commands: ACCOUNT_COMMANDS,
    streamOf: (command: AccountCommand) => outreachStreamId(command.accountId),
  },
  accountDecider,
  () => undefined,
);

const SESSION_STREAM = /^outreach_session-(.+)$/;
const outreachSession = category(
  {
    category: 'outreach_session',
    commands: SESSION_COMMANDS,
    streamOf: (command: SessionCommand) => outreachSessionStreamId(command.sessionId),
    reads: (command) => [...(command.accountId ? [outreachStreamId(command.accountId)] : []), ...(command.passId ? [passStreamId(command.passId)] : [])],
    // Sessions were recorded in `outreach-<sessionId>` until they had streams of their own.
    formerStreamOf: (streamId) => {
      const id = SESSION_STREAM.exec(streamId)?.[1];
      return id === undefined ? undefined : outreachStreamId(id);
    },
  },
  sessionDecider,
  (_command, context): SessionLookups => ({
    account: (accountId) => context.read(outreachStreamId(accountId)) as AccountState | undefined,
    pass(passId) {
      const p = recordedPass(context, passId);
      return p ? { date: p.date, retracted: p.retracted } : undefined;
    },
  }),
);

/** Every stream category a command is decided in. */
export const CATALOGUE = [pass, kommun, training, outreach, outreachSession] as const;
export type CategoryName = (typeof CATALOGUE)[number]['category'];

// A command that no category routes does not type-check here (test/unit/catalogue.test.ts names it).
type Unrouted = Exclude<CommandType, (typeof CATALOGUE)[number]['commands'][number]>;
const everyCommandRouted: [Unrouted] extends [never] ? true : { unrouted: Unrouted } = true;
void everyCommandRouted;

const BY_NAME: ReadonlyMap<string, StreamCategory> = new Map(CATALOGUE.map((c) => [c.category, c as StreamCategory]));
const BY_COMMAND: ReadonlyMap<string, StreamCategory> = new Map(CATALOGUE.flatMap((c) => c.commands.map((type) => [type, c as StreamCategory] as const)));

export function categoryOfCommand(command: Command): StreamCategory {
  const found = BY_COMMAND.get(command.type);
  if (!found) throw new Error(`no stream category takes ${command.type}`);
  return found;
}

/** The category whose decider folds a stream. */
export function foldOf(streamId: string): StreamCategory {
  const found = BY_NAME.get(categoryOf(streamId));
  if (!found) throw new Error(`no decider for streams of category ${categoryOf(streamId)}`);
  return found;
}

export function streamOf(command: Command): string {
  return categoryOfCommand(command).streamOf(command);
}

/** Where an older version recorded what is now in `streamId`, if anywhere (see StreamCategory). */
export function formerStreamOf(streamId: string): string | undefined {
  return foldOf(streamId).formerStreamOf?.(streamId);
}

/** The other streams a command's decider reads. */
export function readsOf(command: Command): string[] {
  return categoryOfCommand(command).reads?.(command) ?? [];
}

/** `read` answers a stream's state as the shell holds it, or undefined when the stream is empty. */
export function decideCommand(command: Command, state: unknown, now: Date, read: (streamId: string) => unknown, by: DecidedBy = {}): StreamDecision {
  return categoryOfCommand(command).decide(command, state, { now, read, by });
}

/** Commands sent only through the CLI or an import, on purpose: they have no GraphQL mutation. None today. */
export const CLI_ONLY_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([]);

/** The GraphQL mutation that sends a command: its type with a lower-case first letter (`recordPass`). */
export const mutationNameOf = (type: string): string => `${type.slice(0, 1).toLowerCase()}${type.slice(1)}`;

export interface MutationOf {
  readonly command: CommandType;
  readonly category: CategoryName;
}

/** Every mutation by name: one per command of the catalogue that is not CLI-only. */
export const MUTATIONS: ReadonlyMap<string, MutationOf> = new Map(
  CATALOGUE.flatMap((c) => c.commands.filter((type) => !CLI_ONLY_COMMANDS.has(type)).map((type) => [mutationNameOf(type), { command: type, category: c.category }] as const)),
);
