import { GraphQLError } from 'graphql';
import { groupCommitterFor } from '../application/group-commit.js';
import type { CommandOutcome } from '../application/record-commands.js';
import { MUTATIONS, mutationNameOf } from '../application/catalogue.js';
import { clearableFieldsOf, type CommandType } from '../domain/commands.js';
import { fieldUnitOf } from '../auth/principal.js';
import { forbidden } from './access.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type { MutationResolvers } from './generated/resolvers.js';

/**
 * GraphQL sends explicit nulls and null-prototype objects; a command is plain JSON without them,
 * except where null is the value that clears a field (`keep`, the command's clearable fields).
 */
const KEEP_NONE: ReadonlySet<string> = new Set();

function plain(value: unknown, keep: ReadonlySet<string> = KEEP_NONE): unknown {
  if (Array.isArray(value)) return value.map((v) => plain(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== undefined && (v !== null || keep.has(k)))
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}

/** The command's clearable fields, worked out once per command type rather than on every mutation. */
const clearable = new Map<string, ReadonlySet<string>>();
function clearableOf(type: string): ReadonlySet<string> {
  let fields = clearable.get(type);
  if (!fields) clearable.set(type, (fields = clearableFieldsOf(type)));
  return fields;
}

/**
 * Records one command of any kind through the same recorder as the CLI, as the signed-in caller,
 * then waits until the projections have applied it, so the caller's next query sees its own write.
 */
async function recordOne(type: string, input: object, expectedRevision: number | null | undefined, context: ApiContext): Promise<CommandOutcome> {
  const command = { type, ...(plain(input, clearableOf(type)) as object) };
  const { principal } = context;
  const unit = fieldUnitOf(principal);
  // Concurrent mutations share one transaction and one fsync (group-commit.ts), each still all or nothing.
  const result = await groupCommitterFor(context.store).record(
    [command],
    {
      actor: { userId: principal.sub, org: principal.org, role: principal.role },
      correlationId: context.requestId,
      requestId: context.requestId,
      now: context.clock(),
    },
    {
      dataKeys: context.dataKeys,
      ...(expectedRevision === null || expectedRevision === undefined ? {} : { expectedRevision }),
      ...(unit ? { fieldUnit: unit } : {}),
    },
  );
  if (!result.ok) {
    const [first, ...rest] = result.failures.flatMap((f) => f.errors);
    if (!first) throw new GraphQLError('the command was refused', { extensions: { code: 'BAD_USER_INPUT' } });
    // Refused for who asks, decided on the pass stream: FORBIDDEN on the operation, as the access table answers.
    if (first.code === 'FORBIDDEN') throw forbidden(mutationNameOf(type), first.field === 'passId' || first.field === '(command)' ? first.rule : `input.${first.field} ${first.rule}`);
    const error = toGraphQLError({ ...first, field: first.field === 'expectedRevision' ? first.field : `input.${first.field}` });
    if (rest.length > 0) error.extensions.others = rest.map((e) => ({ code: e.code, field: `input.${e.field}`, rule: e.rule }));
    throw error;
  }
  const [outcome] = result.outcomes;
  if (!outcome) throw new Error('a recorded command has an outcome');
  await context.engine.waitFor(outcome.position);
  return outcome;
}

/**
 * What a mutation answers: the command, the stream it was recorded in and its revision; for a pass
 * command (`CommandResult`) the pass too. GraphQL leaves out what the answer's type does not have.
 */
async function recordMutation(type: CommandType, input: object, expectedRevision: number | null | undefined, context: ApiContext) {
  const outcome = await recordOne(type, input, expectedRevision, context);
  const { passId } = input as { passId?: unknown };
  return { commandId: outcome.commandId, streamId: outcome.streamId, revision: outcome.revision, ...(typeof passId === 'string' ? { passId } : {}) };
}

type MutationArgs = { input: object; expectedRevision?: number | null };

/** One resolver per mutation of the catalogue, each recording its command. */
export const commandMutations = Object.fromEntries(
  [...MUTATIONS].map(([name, { command }]) => [name, (_parent: unknown, args: MutationArgs, context: ApiContext) => recordMutation(command, args.input, args.expectedRevision, context)]),
) as MutationResolvers;
