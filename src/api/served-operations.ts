import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** A kind of operation the API does not serve: refused by name before anything runs. */
export class UnsupportedOperation extends GraphQLError {
  readonly field = '(operation)';
  readonly rule = 'must be a query or a mutation; subscriptions are not served (poll a query instead)';
}

/**
 * Queries and mutations only. The schema has no Subscription type, and graphql-js would otherwise
 * let the document through validation and fail in execution, which Apollo answers as an internal
 * error; a validation error is a 400 that says what is wrong.
 */
export function servedOperations() {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      if (operation.operation === 'subscription') {
        context.reportError(new UnsupportedOperation('(operation): must be a query or a mutation; subscriptions are not served (poll a query instead)', { nodes: [operation] }));
      }
    },
  });
}
