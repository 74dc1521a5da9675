import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isLocalDate } from '../domain/time.js';

const RULE = 'must be a real date written YYYY-MM-DD';

function localDate(value: unknown): string {
  if (typeof value === 'string' && isLocalDate(value)) return value;
  // The rule, not the value: inputs are echoed nowhere.
  throw new GraphQLError(`Date ${RULE}`, { extensions: { code: 'BAD_USER_INPUT', rule: RULE } });
}

/** The schema's `Date`: a calendar date in Stockholm, checked by the same rule as commands. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A date in Stockholm, written YYYY-MM-DD.',
  serialize: localDate,
  parseValue: localDate,
  parseLiteral: (ast) => localDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export { DateTimeResolver as DateTimeScalar };
