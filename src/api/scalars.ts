import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isLocalDate } from '../domain/time.js';

const RULE = 'must be a real date written YYYY-MM-DD';

function localDate(value: unknown, node?: ValueNode): string {
  if (typeof value === 'string' && isLocalDate(value)) return value;
  // The rule, not the value: inputs are echoed nowhere. The node places a literal in the document.
  throw new GraphQLError(`Date ${RULE}`, { ...(node ? { nodes: [node] } : {}), extensions: { code: 'BAD_USER_INPUT', rule: RULE } });
}

/** The schema's `Date`: a calendar date in Stockholm, checked by the same rule as commands. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A date in Stockholm, written YYYY-MM-DD.',
  serialize: (value) => localDate(value),
  parseValue: (value) => localDate(value),
  parseLiteral: (ast) => localDate(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

export { DateTimeResolver as DateTimeScalar };
