// Checks that a GraphQL response is what a query asks of a schema: every selected field present
// under its response key, null only where the type is nullable, lists as arrays, scalars and enums
// of the right kind, and __typename naming a possible type. Used with GitHub's real schema to
// prove the simulator's answers have the shape GitHub's would.
import {
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export function conformanceProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  data: unknown,
): string[] {
  const problems: string[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = schema.getQueryType();
  if (!operation || !root) return ['no query operation or query type'];

  const checkValue = (
    value: unknown,
    type: GraphQLOutputType,
    selection: SelectionSetNode | undefined,
    path: string,
  ): void => {
    if (value === null || value === undefined) {
      if (isNonNullType(type)) problems.push(`${path}: null for non-null ${String(type)}`);
      if (value === undefined) problems.push(`${path}: missing`);
      return;
    }
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (!Array.isArray(value))
        return void problems.push(`${path}: expected a list, got ${typeof value}`);
      value.forEach((item, i) => checkValue(item, inner.ofType, selection, `${path}[${i}]`));
      return;
    }
    if (isEnumType(inner)) {
      if (!inner.getValues().some((v) => v.name === value))
        problems.push(`${path}: ${JSON.stringify(value)} is not a ${inner.name} value`);
      return;
    }
    if (isScalarType(inner)) {
      const ok =
        inner.name === 'Int'
          ? Number.isInteger(value)
          : inner.name === 'Float'
            ? typeof value === 'number'
            : inner.name === 'Boolean'
              ? typeof value === 'boolean'
              : typeof value === 'string';
      if (!ok) problems.push(`${path}: ${JSON.stringify(value)} is not a ${inner.name}`);
      if (ok && inner.name === 'DateTime' && Number.isNaN(Date.parse(value as string)))
        problems.push(`${path}: ${String(value)} is not a DateTime`);
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value) || !selection)
      return void problems.push(`${path}: expected an object`);
    checkSelection(
      value as Record<string, unknown>,
      inner as GraphQLCompositeType,
      selection,
      path,
    );
  };

  const checkSelection = (
    object: Record<string, unknown>,
    type: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    path: string,
  ): void => {
    const typename = object.__typename;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment =
          selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        const condition = fragment?.typeCondition?.name.value;
        // A fragment on another concrete type applies only when __typename says so.
        if (fragment && (!condition || condition === type.name || condition === typename)) {
          const target = condition ? (schema.getType(condition) as GraphQLCompositeType) : type;
          checkSelection(object, target, fragment.selectionSet, path);
        }
        continue;
      }
      const key = selection.alias?.value ?? selection.name.value;
      const name = selection.name.value;
      if (name === '__typename') {
        const possible = isAbstractType(type)
          ? schema.getPossibleTypes(type).map((t) => t.name)
          : [type.name];
        if (typeof object[key] !== 'string' || !possible.includes(object[key]))
          problems.push(
            `${path}.${key}: ${JSON.stringify(object[key])} is not one of ${possible.join(', ')}`,
          );
        continue;
      }
      if (!(isObjectType(type) || isInterfaceType(type))) {
        problems.push(`${path}.${key}: field selected on union ${type.name}`);
        continue;
      }
      const field = type.getFields()[name];
      if (!field) {
        problems.push(`${path}.${key}: ${type.name} has no field ${name}`);
        continue;
      }
      if (!(key in object)) {
        problems.push(`${path}.${key}: missing`);
        continue;
      }
      checkValue(object[key], field.type, selection.selectionSet, `${path}.${key}`);
    }
  };

  checkValue(data, root, operation.selectionSet, 'data');
  return problems;
}
