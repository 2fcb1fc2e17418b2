// GitHub's GraphQL resource limits, computed before execution from the query alone: every
// connection is assumed to return its full `first`/`last`; the node count is the sum over
// connections of the product of page sizes down their path (limit 500,000), and the point cost is
// the number of connection requests divided by 100, rounded, at least 1.
import {
  getNamedType,
  GraphQLInt,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MAX_NODE_COUNT = 500_000;

export interface QueryCost {
  /** Rate-limit points the query costs. */
  cost: number;
  /** Nodes the query may return at most. */
  nodeCount: number;
}

export function operationOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let requests = 0;
  let nodeCount = 0;

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType,
    multiplier: number,
    seen: ReadonlySet<string>,
  ): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (type) walk(selection.selectionSet, type, multiplier, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        // Validation already rejects fragment cycles; `seen` only guards this walk.
        if (fragment && type && !seen.has(name))
          walk(fragment.selectionSet, type, multiplier, new Set([...seen, name]));
        continue;
      }
      if (!selection.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      let childMultiplier = multiplier;
      if (type.name.endsWith('Connection')) {
        const size = (name: string): number | null => {
          const arg = selection.arguments?.find((a) => a.name.value === name);
          const value: unknown = arg ? valueFromAST(arg.value, GraphQLInt, variables) : null;
          return typeof value === 'number' ? value : null;
        };
        const pageSize = size('first') ?? size('last') ?? 0;
        requests += multiplier;
        nodeCount += multiplier * pageSize;
        childMultiplier = multiplier * Math.max(1, pageSize);
      }
      walk(selection.selectionSet, type, childMultiplier, seen);
    }
  };
  const root = schema.getQueryType();
  if (root) walk(operation.selectionSet, root, 1, new Set());
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount };
}
