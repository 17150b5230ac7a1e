// A JSON value generated from a (dereferenced) OpenAPI schema: types, formats, enums and required
// respected, optional properties in a request about 70% of the time, arrays of 1-5 items, depth
// bounded (dereferenced recursive schemas are cycles). Every property it emits is reported to a sink
// with its JSON pointer (items and map values as `*`, as discovery writes them) so the metrics count
// only fields that were really sent.
import { numberValue, stringValue, type Truth } from './field-values.js';
import { hashOf, type Random } from './random.js';
import * as values from './values.js';

type Schema = Record<string, unknown>;

export interface FieldSink {
  /** An object member was emitted (containers too). */
  property(pointer: string): void;
  /** A scalar was emitted at `pointer` under the field `name`. */
  leaf(pointer: string, truth: Truth): void;
}

export interface BodyOptions {
  readonly random: Random;
  readonly direction: 'request' | 'response';
  readonly sink: FieldSink;
  /** Salt for the per-field decisions that stay the same across answers of one operation. */
  readonly salt: string;
}

const MAX_DEPTH = 7;
const MAX_NODES = 1500;
const NULL_RATE = 0.03;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const escape = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

interface Walk {
  readonly options: BodyOptions;
  nodes: number;
}

export function generateBody(schema: unknown, options: BodyOptions): unknown {
  return generate({ options, nodes: 0 }, schema, '', '', '', 0);
}

/** Flattened schemas that had no oneOf / anyOf to draw from: the same every time. */
const flattened = new WeakMap<Schema, Schema>();

/** allOf folded into one schema (properties and required merged, other keywords the first wins), one oneOf / anyOf branch drawn. */
function flatten(schema: Schema, random: Random): Schema {
  const cached = flattened.get(schema);
  if (cached !== undefined) return cached;
  const state = { isDrawn: false };
  const flat = flattenParts(schema, random, 0, state);
  if (!state.isDrawn) flattened.set(schema, flat);
  return flat;
}

function flattenParts(schema: Schema, random: Random, depth: number, state: { isDrawn: boolean }): Schema {
  const parts = Array.isArray(schema.allOf) ? schema.allOf.filter(isObject) : [];
  const alternatives = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])].filter(isObject);
  if (parts.length === 0 && alternatives.length === 0) return schema;
  if (alternatives.length > 0) {
    parts.push(random.pick(alternatives));
    state.isDrawn = true;
  }
  let merged: Schema = { ...schema };
  delete merged.allOf; delete merged.oneOf; delete merged.anyOf;
  for (const part of parts) {
    const flat = depth < 4 ? flattenParts(part, random, depth + 1, state) : part;
    merged = {
      ...flat, ...merged,
      properties: { ...(isObject(flat.properties) ? flat.properties : {}), ...(isObject(merged.properties) ? merged.properties : {}) },
      required: [...(Array.isArray(flat.required) ? flat.required : []), ...(Array.isArray(merged.required) ? merged.required : [])],
    };
  }
  return merged;
}

function typeOf(schema: Schema, random: Random): string | undefined {
  const declared = Array.isArray(schema.type) ? schema.type.filter((type) => typeof type === 'string') : typeof schema.type === 'string' ? [schema.type] : [];
  const concrete = declared.filter((type) => type !== 'null');
  if ((declared.includes('null') || schema.nullable === true) && random.chance(NULL_RATE)) return 'null';
  if (concrete.length > 0) return random.pick(concrete);
  if (isObject(schema.properties) || isObject(schema.additionalProperties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function generate(walk: Walk, raw: unknown, pointer: string, name: string, parent: string, depth: number): unknown {
  const { random } = walk.options;
  walk.nodes++;
  const schema = isObject(raw) ? flatten(raw, random) : {};
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const value: unknown = random.pick(schema.enum);
    if (value === null || typeof value !== 'object') walk.options.sink.leaf(pointer, 'clean');
    return value;
  }
  if ('const' in schema) return schema.const;
  switch (typeOf(schema, random)) {
    case 'null': return null;
    case 'object': return objectValue(walk, schema, pointer, name, depth);
    case 'array': return arrayValue(walk, schema, pointer, name, parent, depth);
    case 'boolean': return scalar(walk, pointer, { value: random.chance(0.5), truth: 'clean' });
    case 'integer': return scalar(walk, pointer, numberValue(name, schema, true, random));
    case 'number': return scalar(walk, pointer, numberValue(name, schema, false, random));
    default: return scalar(walk, pointer, stringValue(name, parent, schema, random));
  }
}

function scalar(walk: Walk, pointer: string, field: { value: unknown; truth: Truth }): unknown {
  walk.options.sink.leaf(pointer, field.truth);
  return field.value;
}

/**
 * Whether an optional property is present. Requests: 70% of the time. Answers: servers send the same
 * fields every time, so most optional properties are always there and a stable few (one in seven)
 * only sometimes, as a field filled for some records only.
 */
function isPresent(walk: Walk, pointer: string): boolean {
  const { random, direction, salt } = walk.options;
  if (direction === 'request') return random.chance(0.7);
  return hashOf(`${salt}${pointer}`) % 7 === 0 ? random.chance(0.3) : true;
}

function objectValue(walk: Walk, schema: Schema, pointer: string, name: string, depth: number): Record<string, unknown> {
  const { direction, random, sink } = walk.options;
  const object: Record<string, unknown> = {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  // A titled schema (`Card`, `Bank Account`) names what its fields belong to better than the property holding it.
  const owner = typeof schema.title === 'string' ? schema.title : name;
  for (const [key, sub] of Object.entries(properties)) {
    if (!isObject(sub) && sub !== true) continue;
    if (isObject(sub) && ((direction === 'request' && sub.readOnly === true) || (direction === 'response' && sub.writeOnly === true))) continue;
    const at = `${pointer}/${escape(key)}`;
    if (!required.has(key) && !isPresent(walk, at)) continue;
    // Past the depth or the node budget only scalars are emitted: a body of bounded size.
    if ((depth >= MAX_DEPTH || walk.nodes >= MAX_NODES) && isContainer(sub)) continue;
    object[key] = generate(walk, sub, at, key, owner, depth + 1);
    sink.property(at);
  }
  const additional = schema.additionalProperties;
  if (Object.keys(properties).length === 0 && isObject(additional) && depth < MAX_DEPTH) {
    for (let count = random.int(1, 3); count > 0; count--) {
      const key = `${values.word(random)}_${random.int(1, 99)}`;
      object[key] = generate(walk, additional, `${pointer}/*`, key, name, depth + 1);
      sink.property(`${pointer}/*`);
    }
  }
  return object;
}

function isContainer(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  const type = schema.type;
  const types = Array.isArray(type) ? type : [type];
  return types.includes('object') || types.includes('array') || isObject(schema.properties) || schema.items !== undefined || Array.isArray(schema.allOf);
}

function arrayValue(walk: Walk, schema: Schema, pointer: string, name: string, parent: string, depth: number): unknown[] {
  const { random } = walk.options;
  const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const max = typeof schema.maxItems === 'number' ? Math.min(schema.maxItems, 5) : 5;
  const items: unknown[] = [];
  if (depth >= MAX_DEPTH + 1) return items;
  for (let count = random.int(Math.min(min, max), Math.max(min, max)); count > 0; count--) {
    items.push(generate(walk, schema.items, `${pointer}/*`, name, parent, depth + 1));
  }
  return items;
}
