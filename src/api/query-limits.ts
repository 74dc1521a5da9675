import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Validation rules that refuse a query too deep or too large before it runs: a nested or aliased
 * query could otherwise make the server do unbounded work. Fragments are followed (once each per path).
 */
export const MAX_DEPTH = 10;
export const MAX_FIELDS = 200;

function measure(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, depth: number, seen: Set<string>): { depth: number; fields: number } {
  let deepest = depth;
  let fields = 0;
  for (const selection of set.selections) {
    let inner: SelectionSetNode | undefined;
    let next = depth;
    let path = seen;
    if (selection.kind === Kind.FIELD) {
      fields += 1;
      inner = selection.selectionSet;
      next = depth + 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = selection.selectionSet;
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      inner = fragments[name]?.selectionSet;
      path = new Set(seen).add(name);
    }
    if (!inner) continue;
    const below = measure(inner, fragments, next, path);
    deepest = Math.max(deepest, below.depth);
    fields += below.fields;
  }
  return { depth: deepest, fields };
}

export function queryLimits(maxDepth = MAX_DEPTH, maxFields = MAX_FIELDS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const { depth, fields } = measure(operation.selectionSet, fragments, 0, new Set());
      if (depth > maxDepth) context.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, { nodes: [operation] }));
      if (fields > maxFields) context.reportError(new GraphQLError(`query selects ${fields} fields, more than the limit of ${maxFields}`, { nodes: [operation] }));
    },
  });
}
