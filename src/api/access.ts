import { GraphQLError } from 'graphql';
import { mayCall } from '../auth/access-policy.js';
import type { ApiContext } from './context.js';

type ResolverMap = Record<string, unknown>;

export function forbidden(field: string, rule: string): GraphQLError {
  return new GraphQLError(`${field}: ${rule}`, { extensions: { code: 'FORBIDDEN', field, rule } });
}

/**
 * Wraps every Query and Mutation resolver in the access table's check, so no resolver can be added
 * that forgets it: a refused call throws FORBIDDEN before the resolver runs, and so appends nothing.
 */
export function guardResolvers<R extends { Query?: unknown; Mutation?: unknown }>(resolvers: R): R {
  const guarded: Record<string, unknown> = { ...resolvers };
  for (const operation of ['Query', 'Mutation'] as const) {
    const fields = resolvers[operation] as ResolverMap | undefined;
    if (!fields) continue;
    guarded[operation] = Object.fromEntries(
      Object.entries(fields).map(([name, resolve]) => [
        name,
        (parent: unknown, args: unknown, context: ApiContext, info: unknown) => {
          const decision = mayCall(context.principal, operation, name);
          if (!decision.ok) throw forbidden(name, decision.rule);
          return (resolve as (...a: unknown[]) => unknown)(parent, args, context, info);
        },
      ]),
    );
  }
  return guarded as R;
}
