// What a schema is to its parent, read from the last keys of its pointer: a value (a body, a
// parameter, a property, array items, a component), a branch of a composition, a condition (`not`,
// `if`, `propertyNames`...) or the schema of extra properties. Checks that judge a schema as the
// description of a value skip the others: `allOf: [{$ref: Base}, {required: [id]}]` is normal.
import { lastSegments } from './pointer-tail.js';

export type SchemaRole = 'value' | 'branch' | 'condition' | 'extra';

const VALUE_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'prefixItems']);
const BRANCH_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const CONDITION_MAPS = new Set(['dependentSchemas', 'dependencies']);
const CONDITION_SLOTS = new Set(['not', 'if', 'then', 'else', 'propertyNames', 'contains']);
const EXTRA_SLOTS = new Set(['additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems']);

export function schemaRole(pointer: string): SchemaRole {
  const segments = lastSegments(pointer, 2);
  const key = segments.at(-1);
  const parent = segments.length === 2 ? segments[0] : undefined;
  // The map first: a property may be named `not` or `if`.
  if (parent !== undefined && VALUE_MAPS.has(parent)) return 'value';
  if (parent !== undefined && BRANCH_LISTS.has(parent)) return 'branch';
  if (parent !== undefined && CONDITION_MAPS.has(parent)) return 'condition';
  if (key !== undefined && CONDITION_SLOTS.has(key)) return 'condition';
  if (key !== undefined && EXTRA_SLOTS.has(key)) return 'extra';
  return 'value';
}
