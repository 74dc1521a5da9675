import { GraphQLError } from 'graphql';
import { groupCommitterFor } from '../application/group-commit.js';
import type { CommandOutcome } from '../application/record-commands.js';
import type { PassCommandType } from '../domain/commands.js';
import { passRegister, passView } from '../../projections/pass-register.js';
import type { Unit } from '../domain/vocabulary.js';
import { forbidden } from './access.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type { CommandResult } from './generated/resolvers.js';

/** GraphQL sends explicit nulls and null-prototype objects; a command is plain JSON without them. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * A field user records and corrects only passes their own unit takes part in, and cannot correct a
 * pass into one it no longer takes part in. A pass not yet recorded is left to the decider (NOT_FOUND).
 */
function mayTouchPass(command: { type: string; passId?: unknown; units?: unknown }, context: ApiContext): void {
  const unit = context.principal.org as Unit;
  const field = MUTATION_OF[command.type] ?? command.type;
  if (command.type === 'RecordPass' || (command.type === 'CorrectPass' && Array.isArray(command.units))) {
    if (Array.isArray(command.units) && !command.units.includes(unit)) throw forbidden(field, `input.units must include your own unit ${unit}`);
  }
  if (command.type !== 'RecordPass' && typeof command.passId === 'string') {
    const pass = passView(context.engine.state(passRegister), command.passId);
    if (pass && !pass.units.includes(unit)) throw forbidden(field, 'is open only for passes your own unit took part in');
  }
}

const MUTATION_OF: Readonly<Record<string, string>> = Object.fromEntries(
  ['RecordPass', 'RecordRaid', 'RecordEncounter', 'OfferSupport', 'ContactGuardian', 'FileConcernReport', 'CorrectEncounter', 'RetractEncounter', 'CorrectPass', 'RetractPass'].map((type) => [type, type[0]?.toLowerCase() + type.slice(1)]),
);

/**
 * Records one command of any kind through the same recorder as the CLI, as the signed-in caller,
 * then waits until the projections have applied it, so the caller's next query sees its own write.
 */
export async function recordOne(type: string, input: object, expectedRevision: number | null | undefined, context: ApiContext): Promise<CommandOutcome> {
  const command = { type, ...(plain(input) as object) };
  const { principal } = context;
  // Concurrent mutations share one transaction and one fsync (group-commit.ts), each still all or nothing.
  const result = await groupCommitterFor(context.store).record(
    [command],
    {
      actor: { userId: principal.sub, org: principal.org, role: principal.role },
      correlationId: context.requestId,
      requestId: context.requestId,
      now: context.clock(),
    },
    expectedRevision === null || expectedRevision === undefined ? { dataKeys: context.dataKeys } : { expectedRevision, dataKeys: context.dataKeys },
  );
  if (!result.ok) {
    const [first, ...rest] = result.failures.flatMap((f) => f.errors);
    if (!first) throw new GraphQLError('the command was refused', { extensions: { code: 'BAD_USER_INPUT' } });
    const error = toGraphQLError({ ...first, field: first.field === 'expectedRevision' ? first.field : `input.${first.field}` });
    if (rest.length > 0) error.extensions.others = rest.map((e) => ({ code: e.code, field: `input.${e.field}`, rule: e.rule }));
    throw error;
  }
  const [outcome] = result.outcomes;
  if (!outcome) throw new Error('a recorded command has an outcome');
  await context.engine.waitFor(outcome.position);
  return outcome;
}

/** A pass command, after the own-unit check. */
export async function runCommand(type: PassCommandType, input: object, expectedRevision: number | null | undefined, context: ApiContext): Promise<CommandResult> {
  mayTouchPass({ type, ...(plain(input) as object) }, context);
  const outcome = await recordOne(type, input, expectedRevision, context);
  return { commandId: outcome.commandId, passId: (input as { passId: string }).passId, revision: outcome.revision };
}
