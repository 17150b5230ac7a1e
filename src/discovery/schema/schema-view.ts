// A flat reading of one (dereferenced) OpenAPI 3.0 or 3.1 schema for drift: the types it admits, its
// properties, required names, formats, items and map values, with allOf / oneOf / anyOf folded in.
import { RE2JS } from 're2js';
import { JSON_TYPES } from './json-schema.js';
import type { JsonSchema, JsonType } from './json-schema.js';

type Schema = JsonSchema | boolean;

export interface SchemaView {
  /** Admitted types; undefined admits anything. 'number' admits integers too. */
  readonly types: ReadonlySet<JsonType> | undefined;
  /** Formats a string must satisfy (one of them); empty when strings are unconstrained. */
  readonly formats: ReadonlySet<string>;
  readonly properties: ReadonlyMap<string, Schema>;
  readonly required: ReadonlySet<string>;
  /** Whether some part of the schema lists properties (an object learned with none lists them empty). */
  readonly hasProperties: boolean;
  /** The schema of other keys, when one is given (a map); `true` and absence document nothing. */
  readonly additional: Schema | undefined;
  readonly patterns: readonly (readonly [string, Schema])[];
  readonly items: Schema | undefined;
  readonly isReadOnly: boolean;
  readonly isWriteOnly: boolean;
}

const ANY: SchemaView = { types: undefined, formats: new Set(), properties: new Map(), required: new Set(), hasProperties: false, additional: undefined, patterns: [], items: undefined, isReadOnly: false, isWriteOnly: false };
const NOTHING: SchemaView = { ...ANY, types: new Set() };

const isRecord = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSchema = (value: unknown): value is Schema => typeof value === 'boolean' || isRecord(value);
const schemasIn = (value: unknown): Schema[] => (Array.isArray(value) ? value.filter(isSchema) : []);

/** `active` holds the schemas being read: a dereferenced recursive document is a cyclic object graph. */
export function viewOf(schema: Schema | undefined, active: Set<object> = new Set()): SchemaView {
  if (schema === false) return NOTHING;
  if (!isRecord(schema) || active.has(schema)) return ANY;
  active.add(schema);
  let view = ownView(schema);
  for (const part of schemasIn(schema.allOf)) view = intersect(view, viewOf(part, active));
  const alternatives = [...schemasIn(schema.oneOf), ...schemasIn(schema.anyOf)];
  if (alternatives.length > 0) view = intersect(view, union(alternatives.map((part) => viewOf(part, active))));
  active.delete(schema);
  return view;
}

function ownView(schema: JsonSchema): SchemaView {
  const items = [...schemasIn(schema.prefixItems), ...(Array.isArray(schema.items) ? schemasIn(schema.items) : isSchema(schema.items) ? [schema.items] : [])];
  return {
    types: ownTypes(schema),
    formats: new Set(typeof schema.format === 'string' ? [schema.format] : []),
    properties: new Map(isRecord(schema.properties) ? Object.entries(schema.properties).filter((entry): entry is [string, Schema] => isSchema(entry[1])) : []),
    required: new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : []),
    hasProperties: isRecord(schema.properties),
    additional: isRecord(schema.additionalProperties) ? schema.additionalProperties : undefined,
    patterns: isRecord(schema.patternProperties) ? Object.entries(schema.patternProperties).filter((entry): entry is [string, Schema] => isSchema(entry[1])) : [],
    items: items.length === 0 ? undefined : items.length === 1 ? items[0] : { anyOf: items },
    isReadOnly: schema.readOnly === true,
    isWriteOnly: schema.writeOnly === true,
  };
}

/** `type` as a string or a list (3.1), plus OpenAPI 3.0's `nullable`; without `type`, an enum or const tells. */
function ownTypes(schema: JsonSchema): Set<JsonType> | undefined {
  const declared = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
  if (declared !== undefined) {
    const types = new Set(declared.filter((type): type is JsonType => JSON_TYPES.includes(type)));
    if (schema.nullable === true) types.add('null');
    return types;
  }
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  return values === undefined ? undefined : new Set(values.map(typeOfValue));
}

export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value === 'string' ? 'string' : 'boolean';
}

export function admits(types: ReadonlySet<JsonType> | undefined, type: JsonType): boolean {
  return types === undefined || types.has(type) || (type === 'integer' && types.has('number'));
}

/** Both must hold (allOf): fewer types, every format and property schema applies, every required name. */
function intersect(a: SchemaView, b: SchemaView): SchemaView {
  const types = a.types === undefined ? b.types : b.types === undefined ? a.types : new Set([...a.types, ...b.types].filter((type) => admits(a.types, type) && admits(b.types, type)));
  const properties = new Map(a.properties);
  for (const [key, schema] of b.properties) {
    const other = properties.get(key);
    properties.set(key, other === undefined ? schema : { allOf: [other, schema] });
  }
  return {
    types, properties,
    formats: new Set([...a.formats, ...b.formats]),
    required: new Set([...a.required, ...b.required]),
    hasProperties: a.hasProperties || b.hasProperties,
    additional: both(a.additional, b.additional, 'allOf'),
    patterns: [...a.patterns, ...b.patterns],
    items: both(a.items, b.items, 'allOf'),
    isReadOnly: a.isReadOnly || b.isReadOnly,
    isWriteOnly: a.isWriteOnly || b.isWriteOnly,
  };
}

/** One of them holds (oneOf / anyOf): any type of any, a property from any, required only if required in every object branch. */
function union(views: SchemaView[]): SchemaView {
  const objects = views.filter((view) => admits(view.types, 'object'));
  const strings = views.filter((view) => admits(view.types, 'string'));
  const properties = new Map<string, Schema>();
  for (const view of objects) {
    for (const [key, schema] of view.properties) {
      const other = properties.get(key);
      properties.set(key, other === undefined ? schema : { anyOf: [other, schema] });
    }
  }
  return {
    types: views.some((view) => view.types === undefined) ? undefined : new Set(views.flatMap((view) => [...view.types!])),
    // A string branch without a format admits any string, so the union constrains formats only if all do.
    formats: strings.every((view) => view.formats.size > 0) ? new Set(strings.flatMap((view) => [...view.formats])) : new Set(),
    properties,
    required: new Set(objects.length === 0 ? [] : [...objects[0]!.required].filter((key) => objects.every((view) => view.required.has(key)))),
    hasProperties: objects.some((view) => view.hasProperties),
    additional: views.map((view) => view.additional).reduce((a, b) => both(a, b, 'anyOf'), undefined),
    patterns: objects.flatMap((view) => view.patterns),
    items: views.map((view) => view.items).reduce((a, b) => both(a, b, 'anyOf'), undefined),
    isReadOnly: views.every((view) => view.isReadOnly),
    isWriteOnly: views.every((view) => view.isWriteOnly),
  };
}

function both(a: Schema | undefined, b: Schema | undefined, keyword: 'allOf' | 'anyOf'): Schema | undefined {
  return a === undefined ? b : b === undefined ? a : { [keyword]: [a, b] };
}

const compiledPatterns = new Map<string, RE2JS | undefined>();

/** The patternProperties schema for `key`. Patterns run on RE2 (linear time); a pattern RE2 cannot read matches every key, so drift stays quiet. */
export function patternSchema(view: SchemaView, key: string): Schema | undefined {
  for (const [source, schema] of view.patterns) {
    if (!compiledPatterns.has(source)) {
      if (compiledPatterns.size >= 1_000) compiledPatterns.clear();
      compiledPatterns.set(source, compilePattern(source));
    }
    const pattern = compiledPatterns.get(source);
    if (pattern === undefined || pattern.test(key)) return schema;
  }
  return undefined;
}

function compilePattern(source: string): RE2JS | undefined {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source));
  } catch {
    return undefined;
  }
}
