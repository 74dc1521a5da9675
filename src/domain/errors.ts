/**
 * Errors are values with a code and a field path until the edge (CLI, GraphQL) turns them into
 * the caller's form. `rule` says what the field must be, never the value that broke it.
 */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

export interface DomainError {
  readonly code: DomainErrorCode;
  /** Dotted path of the offending field in the command, e.g. `units.1` or `homeKommun`. */
  readonly field: string;
  readonly rule: string;
}

export function domainError(code: DomainErrorCode, field: string, rule: string): DomainError {
  return { code, field, rule };
}

export function describeError(error: DomainError): string {
  return `${error.field}: ${error.rule}`;
}
