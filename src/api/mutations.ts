import { GraphQLError } from 'graphql';
import { recordCommands } from '../application/record-commands.js';
import type { PassCommandType } from '../domain/commands.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type { CommandResult } from './generated/resolvers.js';

/** GraphQL leaves absent optional fields out but sends explicit nulls; a command knows only absent. */
function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * Runs one command through the same recorder as the CLI, then waits until the projections have
 * applied it, so the caller's next query sees its own write.
 */
export async function runCommand(type: PassCommandType, input: object, expectedRevision: number | null | undefined, context: ApiContext): Promise<CommandResult> {
  const command = { type, ...withoutNulls(input) };
  const result = await recordCommands(
    context.store,
    [command],
    {
      // Until sign-in exists every caller is the same anonymous actor; the request id ties the event to its request.
      actor: { userId: 'anonymous', org: 'NONE', role: 'none' },
      correlationId: context.requestId,
      requestId: context.requestId,
      now: new Date(),
    },
    expectedRevision === null || expectedRevision === undefined ? {} : { expectedRevision },
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
  const passId = (command as { passId?: string }).passId as string;
  return { commandId: outcome.commandId, passId, revision: outcome.revision };
}
