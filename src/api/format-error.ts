import { readFileSync } from 'node:fs';
import {
  buildSchema,
  GraphQLEnumType,
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type Source,
  type ValueNode,
} from 'graphql';
import { UnsupportedOperation } from './served-operations.js';

/**
 * What a caller may see of an error. graphql-js quotes a rejected value in its message, whether it
 * came in a variable or was written in the document, and an internal failure's message can name
 * files or SQL: an input can be sensitive and internals are nobody's business. So every error about
 * a value is rewritten as BAD_USER_INPUT naming the field path (`input.kind`, as the argument is
 * named) and the rule, never the value; a syntax error keeps its place and loses its quoted token;
 * an internal error says only that it happened (the full error goes to the log with the request id).
 */

let schemaForRules: GraphQLSchema | undefined;
/** The schema, for the values an enum takes (the rule lists them). */
function schema(): GraphQLSchema {
  schemaForRules ??= buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  return schemaForRules;
}

function enumRule(name: string): string {
  const type = schema().getType(name);
  return type instanceof GraphQLEnumType ? `must be one of ${type.getValues().map((v) => v.name).join(', ')}` : `must be a value of ${name}`;
}

/** A field name as it may be repeated: a GraphQL name; a key a caller made up may be anything. */
const safeName = (name: string) => (/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) ? name : '(unknown field)');

const SCALAR_RULES: Readonly<Record<string, string>> = {
  Int: 'must be a whole number (32-bit)',
  DateTime: 'must be a date and time in ISO 8601 with its offset, e.g. 2022-05-10T21:00:00+02:00',
};

/** The kinds of node a value written in the document is. */
const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.NULL, Kind.OBJECT_FIELD]);

interface ValueProblem {
  /** Appended to the path of the value the error points at (a missing or unknown field's name). */
  readonly child?: string;
  readonly rule: string;
}

/** The rule a graphql-js message about a value states, without the value it quotes. */
function valueProblem(message: string, extensions: Readonly<Record<string, unknown>> | undefined): ValueProblem | undefined {
  if (typeof extensions?.rule === 'string') return { rule: extensions.rule };
  let m = /^Value ".*" does not exist in "(\w+)" enum\./s.exec(message) ?? /^Enum "(\w+)" cannot represent /.exec(message);
  if (m) return { rule: enumRule(m[1] as string) };
  m = /^Field "(?:\w+\.)?(\w+)" of required type "[^"]+" was not provided\./.exec(message);
  if (m) return { child: m[1] as string, rule: 'is required' };
  m = /^Field "(.*)" is not defined by type "(\w+)"\./s.exec(message);
  if (m) return { child: safeName(m[1] as string), rule: `is not a field of ${m[2] as string}` };
  m = /^(\w+) cannot (?:represent|be serialized) /.exec(message);
  if (m) return { rule: SCALAR_RULES[m[1] as string] ?? `must be a ${m[1] as string}` };
  m = /^Expected (?:value of )?type "([^"]+)"(?:,| to be an object)/.exec(message);
  if (m) return { rule: `must be a value of type ${m[1] as string}` };
  if (/^Expected non-nullable type "[^"]+" not to be null\./.test(message)) return { rule: 'must not be null' };
  return undefined;
}

/** The path (`input.units[1]`) of the value (or object field) that starts at `offset` in the document, if any. */
function valuePathAt(body: string, offset: number): string | undefined {
  let found: string | undefined;
  const descend = (value: ValueNode, path: string): void => {
    if (found !== undefined) return;
    if (value.loc?.start === offset) {
      found = path;
      return;
    }
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        // An unknown field is pointed at as a whole: the path is its object's, the name comes from the message.
        if (field.loc?.start === offset) {
          found = path;
          return;
        }
        descend(field.value, `${path}.${field.name.value}`);
      }
    }
    if (value.kind === Kind.LIST) value.values.forEach((item, i) => descend(item, `${path}[${i}]`));
  };
  try {
    visit(parse(body, { noLocation: false }), {
      Argument(argument) {
        if (found === undefined) descend(argument.value, argument.name.value);
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

/** The argument a variable is passed to, when it is passed to exactly one: `$i` → `input`. */
function argumentOf(body: string, variable: string): string | undefined {
  const names = new Set<string>();
  try {
    visit(parse(body), {
      Argument(argument) {
        if (argument.value.kind === Kind.VARIABLE && argument.value.name.value === variable) names.add(argument.name.value);
      },
    });
  } catch {
    return undefined;
  }
  return names.size === 1 ? [...names][0] : undefined;
}

function sourceOf(error: GraphQLError): Source | undefined {
  return error.source ?? (error.nodes?.[0] as ASTNode | undefined)?.loc?.source;
}

function badInput(formatted: GraphQLFormattedError, field: string, rule: string): GraphQLFormattedError {
  const { locations } = formatted;
  return { message: `${field}: ${rule}`, ...(locations ? { locations } : {}), extensions: { code: 'BAD_USER_INPUT', field, rule } };
}

/** `Variable "$i" got invalid value … at "i.kind"; <inner>`: the inner error is the original one. */
function variableError(formatted: GraphQLFormattedError, error: GraphQLError | undefined): GraphQLFormattedError | undefined {
  const head = /^Variable "\$(\w+)" /.exec(formatted.message);
  if (!head) return undefined;
  const variable = head[1] as string;
  const source = error ? sourceOf(error) : undefined;
  const argument = source ? argumentOf(source.body, variable) : undefined;
  const root = argument ?? `$${variable}`;
  if (/^Variable "\$\w+" of required type "[^"]+" was not provided\./.test(formatted.message)) return badInput(formatted, root, 'is required');
  if (/^Variable "\$\w+" of non-null type "[^"]+" must not be null\./.test(formatted.message)) return badInput(formatted, root, 'must not be null');
  if (!/^Variable "\$\w+" got invalid value /.test(formatted.message)) return undefined;
  const inner = error?.originalError instanceof Error && error.originalError !== error ? error.originalError : undefined;
  let path = root;
  let problem: ValueProblem | undefined;
  if (inner && formatted.message.endsWith(`; ${inner.message}`)) {
    const prefix = formatted.message.slice(0, formatted.message.length - inner.message.length - 2);
    const at = new RegExp(` at "${variable}((?:\\.\\w+|\\[\\d+\\])*)"$`).exec(prefix);
    if (at) path = `${root}${at[1] as string}`;
    problem = valueProblem(inner.message, (inner as Partial<GraphQLError>).extensions);
  }
  problem ??= typeof formatted.extensions?.rule === 'string' ? { rule: formatted.extensions.rule } : { rule: 'has an invalid value' };
  return badInput(formatted, problem.child ? `${path}.${problem.child}` : path, problem.rule);
}

/** A value written in the document that validation refused: the path from where it stands. */
function literalError(formatted: GraphQLFormattedError, error: GraphQLError | undefined): GraphQLFormattedError | undefined {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return undefined;
  const original = error?.originalError instanceof GraphQLError ? error.originalError : error;
  const node = original?.nodes?.[0];
  // A message this does not know, about a value, may quote it: it says only that the value is wrong.
  const problem = valueProblem(formatted.message, original?.extensions ?? formatted.extensions) ?? (node && VALUE_KINDS.has(node.kind) ? { rule: 'has an invalid value' } : undefined);
  if (!problem) return undefined;
  const source = original ? sourceOf(original) : undefined;
  const path = node?.loc && source ? valuePathAt(source.body, node.loc.start) : undefined;
  const field = path ?? '(document)';
  return badInput(formatted, problem.child ? `${field}.${problem.child}` : field, problem.rule);
}

/** Persisted-query refusals Apollo makes without a code of their own. */
const PERSISTED_QUERY_REFUSALS: Readonly<Record<string, readonly [string, string]>> = {
  'provided sha does not match query': ['extensions.persistedQuery.sha256Hash', 'must be the SHA-256 (hex) of the query sent with it'],
  'Unsupported persisted query version': ['extensions.persistedQuery.version', 'must be 1'],
};

export function formatErrorForCaller(development: boolean) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const rewritten = variableError(formatted, graphqlError) ?? literalError(formatted, graphqlError);
    if (rewritten) return rewritten;
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED') {
      // "Expected Name, found Int "-1234"": the quoted token is the caller's text.
      const rule = formatted.message.replace(/^Syntax Error: /, '').replace(/\s*"(?:[^"\\]|\\.)*"/g, '').replace(/:\s*\.$/, '.');
      return { message: `Syntax Error: ${rule}`, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: 'GRAPHQL_PARSE_FAILED', field: '(document)', rule: `is not valid GraphQL: ${rule}` } };
    }
    const persisted = PERSISTED_QUERY_REFUSALS[formatted.message];
    if (persisted) {
      const [field, rule] = persisted;
      return { message: `${field}: ${rule}`, extensions: { code: 'PERSISTED_QUERY_REFUSED', field, rule } };
    }
    if (graphqlError?.originalError instanceof UnsupportedOperation) {
      const { field, rule } = graphqlError.originalError;
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: 'OPERATION_NOT_SUPPORTED', field, rule } };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && !development) {
      return { ...formatted, message: 'Internt fel / internal server error' };
    }
    return formatted;
  };
}
