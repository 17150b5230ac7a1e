// Small readings of one schema object that several checks share.
import { schemaTypes, type Dialect, type JsonObject } from '../../../model.js';

/** Whether the schema's `type` (a string, or in 3.1 a list) allows `type`. */
export function allows(schema: JsonObject, type: string): boolean {
  return schemaTypes(schema).includes(type);
}

/** Its types other than `null`: [] when `type` is absent. */
export function valueTypes(schema: JsonObject): string[] {
  return schemaTypes(schema).filter((type) => type !== 'null');
}

export function has(schema: JsonObject, key: string): boolean {
  return schema[key] !== undefined;
}

/** Whether the schema fixes its values outright (`enum` or `const`). */
export function isEnumerated(schema: JsonObject): boolean {
  return Array.isArray(schema.enum) || schema.const !== undefined;
}

/** Whether the schema takes its meaning from subschemas (`allOf`, `anyOf`, `oneOf`, `not`, `if`). */
export function isComposed(schema: JsonObject): boolean {
  return Array.isArray(schema.allOf) || Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf) || schema.not !== undefined || schema.if !== undefined;
}

/** A lower or an upper bound of a number, the way the dialect writes it. */
export interface NumberBound {
  /** A bound is given. */
  readonly present: boolean;
  /** Both the inclusive and the exclusive keyword are written (3.1 wants one of them). */
  readonly both: boolean;
}

/**
 * Whether a lower (`minimum`) or upper (`maximum`) bound is set. In OpenAPI 3.1 (JSON Schema 2020-12)
 * `exclusiveMinimum` is a number and a bound of its own; in Swagger 2.0 and OpenAPI 3.0 it is a
 * boolean that only modifies `minimum`.
 */
export function numberBound(schema: JsonObject, side: 'minimum' | 'maximum', dialect: Dialect): NumberBound {
  const exclusiveKey = side === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const inclusive = schema[side];
  const exclusive = schema[exclusiveKey];
  if (dialect !== 'openapi-3.1') return { present: typeof inclusive === 'number', both: false };
  return {
    present: typeof inclusive === 'number' || typeof exclusive === 'number',
    both: inclusive !== undefined && exclusive !== undefined,
  };
}

/** Whether a schema is (or may be) an object: `type` allows object, or no `type` is given. */
export function mayBeObject(schema: JsonObject): boolean {
  const types = valueTypes(schema);
  return types.length === 0 || types.includes('object');
}

/**
 * How `additionalProperties` or `unevaluatedProperties` opens an object: `true`, a schema (`{}` or a
 * typed map), or not at all (absent or false). Anything else truthy is read as a schema, as Spectral does.
 */
export function openingOf(schema: JsonObject, keyword: 'additionalProperties' | 'unevaluatedProperties'): 'true' | 'schema' | undefined {
  const value = schema[keyword];
  if (value === undefined || value === null || value === false || value === 0 || value === '') return undefined;
  return value === true ? 'true' : 'schema';
}
