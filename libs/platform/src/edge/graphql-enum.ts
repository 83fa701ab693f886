import { registerEnumType } from '@nestjs/graphql';

/**
 * Registers a domain's list of values as a GraphQL enum whose names are the values themselves, so
 * GraphQL and REST carry the same strings (`"partially_paid"` in both). The descriptions are keyed
 * by the domain's union type: a value added to the domain without one does not compile.
 * Returns the enum object for `@Field(() => ...)` / `@Args({ type: () => ... })`.
 */
export function graphqlEnum<V extends string>(
  name: string,
  description: string,
  values: readonly V[],
  valueDescriptions: Record<V, string>,
): { [K in V]: K } {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K };
  registerEnumType(enumObject, {
    name,
    description,
    valuesMap: Object.fromEntries(values.map((v) => [v, { description: valueDescriptions[v] }])) as never,
  });
  return enumObject;
}
