// A small validator for values the builder made itself: is a document example still usable, and
// does a oneOf candidate match exactly one branch? The gateway's Ajv stays the judge (the tests
// check every built request with it); this only has to agree with it on the builder's own values.
import { RE2JS } from 're2js';
import { allowsNull, flattenAllOf, isRecord, type Json } from './schema-facts.js';
import { formatHolds } from './format-values.js';

export type Direction = 'request' | 'response';

const MAX_DEPTH = 64;
const patterns = new Map<string, RE2JS | null>();

/** RE2 (linear time), as the gateway runs document patterns; null when RE2 cannot compile it. */
export function compilePattern(source: string): RE2JS | null {
  let compiled = patterns.get(source);
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(RE2JS.translateRegExp(source));
    } catch {
      compiled = null;
    }
    patterns.set(source, compiled);
  }
  return compiled;
}

export interface ConformsOptions {
  readonly direction: Direction;
  /**
   * Also refuse properties an object schema does not declare, as the gateway does when it reports
   * undeclared properties: document examples often carry extra fields. Applies where no oneOf/anyOf
   * spreads the declarations over branches.
   */
  readonly closed?: boolean;
}

/** `isBranch`: the schema is an allOf/anyOf/oneOf branch, whose siblings declare properties too. */
export function conforms(value: unknown, schema: unknown, options: ConformsOptions, depth = 0, isBranch = false): boolean {
  if (schema === true || schema === undefined) return true;
  if (!isRecord(schema)) return schema !== false;
  if (depth > MAX_DEPTH) return true;
  if (value === null) return allowsNull(schema) || (schema.type === undefined && !isConstrained(schema));
  const next = (v: unknown, s: unknown): boolean => conforms(v, s, options, depth + 1);
  const branch = (v: unknown, s: unknown): boolean => conforms(v, s, options, depth + 1, true);
  if (options.closed === true && !isBranch && isRecord(value) && schema.oneOf === undefined && schema.anyOf === undefined && !isOpen(flattenAllOf(schema), value)) return false;
  if (schema.const !== undefined && !sameJson(schema.const, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(e, value))) return false;
  if (!typeHolds(schema, value)) return false;
  if (!compositionHolds(schema, value, branch)) return false;
  if (typeof value === 'string') return stringHolds(schema, value);
  if (typeof value === 'number') return numberHolds(schema, value);
  if (Array.isArray(value)) return arrayHolds(schema, value, next);
  if (isRecord(value)) return objectHolds(schema, value, options.direction, next);
  return true;
}

/** Every key is declared, or the schema leaves extra keys open on purpose. */
function isOpen(schema: Json, value: Json): boolean {
  if (schema.additionalProperties !== undefined || schema.patternProperties !== undefined || !isRecord(schema.properties)) return true;
  const declared = schema.properties;
  return Object.keys(value).every((key) => Object.hasOwn(declared, key));
}

/** With no type, null still fails keywords like enum (handled above); compositions decide themselves. */
function isConstrained(schema: Json): boolean {
  return ['allOf', 'anyOf', 'oneOf', 'not'].some((key) => schema[key] !== undefined);
}

function typeHolds(schema: Json, value: unknown): boolean {
  const types = Array.isArray(schema.type) ? schema.type as unknown[] : schema.type === undefined ? undefined : [schema.type];
  if (types === undefined) return true;
  return types.some((type) => {
    switch (type) {
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number';
      case 'string': return typeof value === 'string';
      case 'boolean': return typeof value === 'boolean';
      case 'array': return Array.isArray(value);
      case 'object': return isRecord(value);
      default: return false;
    }
  });
}

function compositionHolds(schema: Json, value: unknown, next: (v: unknown, s: unknown) => boolean): boolean {
  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => next(value, s))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => next(value, s))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => next(value, s)).length !== 1) return false;
  return schema.not === undefined || !next(value, schema.not);
}

function stringHolds(schema: Json, value: string): boolean {
  const length = [...value].length; // JSON Schema counts code points
  if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
  if (typeof schema.pattern === 'string' && compilePattern(schema.pattern)?.test(value) !== true) return false;
  return typeof schema.format !== 'string' || formatHolds(schema.format, value);
}

function numberHolds(schema: Json, value: number): boolean {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (typeof minimum === 'number' && (value < minimum || (exclusiveMinimum === true && value === minimum))) return false;
  if (typeof maximum === 'number' && (value > maximum || (exclusiveMaximum === true && value === maximum))) return false;
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) return false;
  if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) return false;
  if (typeof multipleOf === 'number' && multipleOf > 0 && !isMultiple(value, multipleOf)) return false;
  if (schema.format === 'int32') return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
  return schema.format !== 'int64' || Number.isSafeInteger(value);
}

export function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function arrayHolds(schema: Json, value: unknown[], next: (v: unknown, s: unknown) => boolean): boolean {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
  if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return false;
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems as unknown[] : [];
  return value.every((item, i) => next(item, i < prefix.length ? prefix[i] : schema.items));
}

function objectHolds(schema: Json, value: Json, direction: Direction, next: (v: unknown, s: unknown) => boolean): boolean {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) {
    const property = typeof name === 'string' ? properties[name] : undefined;
    if (typeof name === 'string' && !Object.hasOwn(value, name) && !(isRecord(property) && property[hidden] === true)) return false;
  }
  const keys = Object.keys(value);
  if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) return false;
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) return false;
  for (const key of keys) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property === undefined) {
      if (schema.additionalProperties === false || !next(value[key], schema.additionalProperties)) return false;
    } else if ((isRecord(property) && property[hidden] === true) || !next(value[key], property)) {
      return false;
    }
  }
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
