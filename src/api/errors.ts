import { GraphQLError } from 'graphql';
import type { DomainError } from '../domain/errors.js';

/** A domain error as the GraphQL caller sees it: the code, and the field and rule it broke. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(`${error.field}: ${error.rule}`, {
    extensions: { code: error.code, field: error.field, rule: error.rule },
  });
}
