import { GraphQLError, Kind, getIntrospectionQuery, parse, print, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Validation rules that refuse a query too deep or too large before it runs: a nested or aliased
 * query could otherwise make the server do unbounded work. Fragments are followed: each is measured
 * once and its size reused wherever it is spread, so a small document that spreads fragments into
 * each other many times over costs the rule time linear in the document, not in what it expands to.
 */
export const MAX_DEPTH = 10;
export const MAX_FIELDS = 200;

interface Size {
  /** Levels of fields with selections below this point (`{ a { b } }` is 1 deep). */
  readonly depth: number;
  /** Field selections, aliases and repeats included, as if every fragment were written out. */
  readonly fields: number;
}

const NOTHING: Size = { depth: 0, fields: 0 };

function measurer(fragments: ReadonlyMap<string, FragmentDefinitionNode>) {
  const measured = new Map<string, Size>();
  const inProgress = new Set<string>();
  function fragment(name: string): Size {
    const known = measured.get(name);
    if (known) return known;
    // A cycle: graphql-js's NoFragmentCyclesRule refuses the document; here it only must not loop.
    if (inProgress.has(name)) return NOTHING;
    const definition = fragments.get(name);
    if (!definition) return NOTHING;
    inProgress.add(name);
    const size = measure(definition.selectionSet);
    inProgress.delete(name);
    measured.set(name, size);
    return size;
  }
  function measure(set: SelectionSetNode): Size {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? measure(selection.selectionSet) : undefined;
        fields += 1 + (inner?.fields ?? 0);
        if (inner) depth = Math.max(depth, 1 + inner.depth);
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? measure(selection.selectionSet) : fragment(selection.name.value);
        fields += inner.fields;
        depth = Math.max(depth, inner.depth);
      }
    }
    // Fragments that double at each of many levels give counts past what a double holds exactly.
    return { depth, fields: Math.min(fields, Number.MAX_SAFE_INTEGER) };
  }
  return measure;
}

/**
 * The schema queries that explorers send (graphql-js's getIntrospectionQuery under every option an
 * explorer sets, GraphiQL's retry without `subscriptionType`), printed without the operation name.
 * Their TypeRef fragment is 14 deep and they select about 220 fields, past the limits, yet their
 * cost is bounded by the schema, not by the document. Only these exact documents are let through:
 * any other query on __schema, however small its change, is measured like every query.
 */
let introspectionDocuments: ReadonlySet<string> | undefined;
function knownIntrospectionDocuments(): ReadonlySet<string> {
  if (introspectionDocuments) return introspectionDocuments;
  const printed = new Set<string>();
  const flags = ['descriptions', 'specifiedByUrl', 'directiveIsRepeatable', 'schemaDescription', 'inputValueDeprecation', 'oneOf'] as const;
  for (let mask = 0; mask < 1 << flags.length; mask++) {
    const options = Object.fromEntries(flags.map((flag, i) => [flag, (mask & (1 << i)) !== 0]));
    const query = getIntrospectionQuery(options);
    for (const variant of [query, query.replace('subscriptionType { name }', '')]) printed.add(printedWithoutOperationName(parse(variant)));
  }
  introspectionDocuments = printed;
  return printed;
}

function printedWithoutOperationName(document: DocumentNode): string {
  return print({ ...document, definitions: document.definitions.map((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? { ...definition, name: undefined } : definition)) });
}

/** A cheap look first (one query operation on __schema alone), then the exact comparison. */
function isKnownIntrospection(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || document.definitions.length > 8) return false;
  const [operation] = operations;
  if (operation!.operation !== 'query' || operation!.selectionSet.selections.length !== 1) return false;
  const [root] = operation!.selectionSet.selections;
  if (root!.kind !== Kind.FIELD || root!.name.value !== '__schema' || root!.alias) return false;
  return knownIntrospectionDocuments().has(printedWithoutOperationName(document));
}

export function queryLimits(maxDepth = MAX_DEPTH, maxFields = MAX_FIELDS) {
  return (context: ValidationContext): ASTVisitor => {
    let measure: ((set: SelectionSetNode) => Size) | undefined;
    let exempt: boolean | undefined;
    return {
      OperationDefinition(operation) {
        exempt ??= isKnownIntrospection(context.getDocument());
        if (exempt) return;
        if (!measure) {
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of context.getDocument().definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
          measure = measurer(fragments);
        }
        const { depth, fields } = measure(operation.selectionSet);
        if (depth > maxDepth) context.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, { nodes: [operation] }));
        if (fields > maxFields) context.reportError(new GraphQLError(`query selects ${fields} fields, more than the limit of ${maxFields}`, { nodes: [operation] }));
      },
    };
  };
}
