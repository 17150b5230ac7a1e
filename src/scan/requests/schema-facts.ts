// Reading OpenAPI Schema Objects of any dialect (3.0 `nullable`, 3.1 type arrays, 2.0 `x-nullable`)
// for the request builder: which types a schema admits, and allOf flattened into one schema.
export type Json = Record<string, unknown>;
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-null types a schema names or its keywords imply; [] when any value goes. */
export function typesOf(schema: Json): JsonType[] {
  const declared = Array.isArray(schema.type) ? (schema.type as unknown[]) : schema.type === undefined ? [] : [schema.type];
  const named = declared.filter((t): t is JsonType => typeof t === 'string' && t !== 'null');
  if (named.length > 0 || declared.includes('null')) return named;
  // No `type`: keywords that only apply to one type say what the author meant.
  if (isRecord(schema.properties) || schema.required !== undefined || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items !== undefined || schema.prefixItems !== undefined || schema.minItems !== undefined) return ['array'];
  if (schema.pattern !== undefined || schema.minLength !== undefined || schema.maxLength !== undefined || schema.format !== undefined) return ['string'];
  if (schema.minimum !== undefined || schema.maximum !== undefined || schema.multipleOf !== undefined) return ['number'];
  return [];
}

export function allowsNull(schema: Json): boolean {
  if (schema.nullable === true || schema['x-nullable'] === true || schema.type === 'null') return true;
  return Array.isArray(schema.type) && schema.type.includes('null');
}

/**
 * allOf merged into its parent, recursively: properties joined (a property declared twice keeps both
 * schemas under its own allOf), required unioned, bounds tightened. A cyclic allOf adds nothing twice.
 */
export function flattenAllOf(schema: Json, seen: Set<object> = new Set()): Json {
  if (!Array.isArray(schema.allOf)) return schema;
  seen.add(schema);
  const { allOf, ...rest } = schema;
  let merged: Json = { ...rest };
  for (const branch of allOf as unknown[]) {
    if (!isRecord(branch) || seen.has(branch)) continue;
    merged = mergeTwo(merged, flattenAllOf(branch, seen));
  }
  return merged;
}

const LOWER_BOUNDS = ['minimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'];

function mergeTwo(into: Json, from: Json): Json {
  const out: Json = { ...from, ...into };
  if (isRecord(into.properties) || isRecord(from.properties)) out.properties = mergeProperties(into.properties, from.properties);
  if (Array.isArray(into.required) || Array.isArray(from.required)) {
    out.required = [...new Set([...(asArray(into.required)), ...(asArray(from.required))])];
  }
  if (into.type !== undefined && from.type !== undefined) out.type = intersectTypes(into.type, from.type);
  for (const key of LOWER_BOUNDS) if (typeof into[key] === 'number' && typeof from[key] === 'number') out[key] = Math.max(into[key], from[key]);
  for (const key of UPPER_BOUNDS) if (typeof into[key] === 'number' && typeof from[key] === 'number') out[key] = Math.min(into[key], from[key]);
  return out;
}

function mergeProperties(a: unknown, b: unknown): Json {
  const out: Json = { ...(isRecord(b) ? b : {}) };
  for (const [name, schema] of Object.entries(isRecord(a) ? a : {})) {
    const other = Object.hasOwn(out, name) ? out[name] : undefined;
    // defineProperty: a property named `__proto__` stays a property instead of replacing the prototype.
    Object.defineProperty(out, name, { value: other === undefined || other === schema ? schema : { allOf: [schema, other] }, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function intersectTypes(a: unknown, b: unknown): unknown {
  const left = Array.isArray(a) ? a as unknown[] : [a];
  const right = Array.isArray(b) ? b as unknown[] : [b];
  const both = left.filter((t) => right.includes(t) || (t === 'integer' && right.includes('number')));
  for (const t of right) if (t === 'integer' && left.includes('number') && !both.includes(t)) both.push(t);
  return both.length === 1 ? both[0] : both;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
