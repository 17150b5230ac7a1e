// Builds a JSON value valid against an OpenAPI Schema Object (2.0, 3.0 or 3.1, dereferenced and
// possibly cyclic), so the scanner can send a request the API accepts before it varies it.
// Order of preference: const, enum, the document's own example / default when still valid, then a
// generated value. Deterministic for a seed; recursion is cut at a bounded depth.
import { conforms, type Direction } from './conforms.js';
import { arrayFor, objectFor, type ContainerContext } from './example-containers.js';
import { numberFor, stringFor } from './example-scalars.js';
import { hintedString } from './format-values.js';
import { allowsNull, flattenAllOf, isRecord, typesOf, type Json, type JsonType } from './schema-facts.js';

export interface ExampleOptions {
  readonly direction: Direction;
  /** Varies strings, numbers and enum choices; the same seed gives the same value. */
  readonly seed?: number;
  /** The property or parameter name, for realistic strings (`email`, `userId`, `url`...). */
  readonly field?: string;
  /** Told of each place where no valid value was found; the value there is a best effort. */
  readonly onProblem?: (pointer: string, problem: string) => void;
}

/** Visits of one schema object on the current path before recursion is cut. */
const MAX_VISITS = 2;
/** Below this depth objects get their required properties only and arrays their minimum items. */
const SHALLOW_DEPTH = 5;
const MAX_DEPTH = 16;

export function exampleFor(schema: unknown, options: ExampleOptions): unknown {
  const pointer: string[] = [];
  let reported = false;
  const ctx: Generator = {
    direction: options.direction,
    variant: Math.abs(Math.trunc(options.seed ?? 0)),
    stack: new Map(),
    depth: 0,
    pointer,
    problem(message) {
      reported = true;
      options.onProblem?.(pointer.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''), message);
    },
    generate: (child, field, variant) => generate(child, { ...ctx, variant: variant ?? ctx.variant, depth: ctx.depth }, field),
  };
  const value = generate(schema, ctx, options.field);
  if (!reported && !conforms(value, schema, { direction: options.direction })) ctx.problem('the value does not satisfy every constraint of the schema');
  return value;
}

interface Generator extends ContainerContext {
  readonly direction: Direction;
  depth: number;
}

function generate(schema: unknown, ctx: Generator, field: string | undefined): unknown {
  if (schema === false) {
    ctx.problem('the schema allows no value');
    return null;
  }
  if (!isRecord(schema)) return hintedString(field, ctx.variant);
  const visits = ctx.stack.get(schema) ?? 0;
  // Recursion: null ends it cleanly where allowed; past the bounds, the smallest value of the type.
  if (visits > 0 && allowsNull(schema)) return null;
  if (visits >= MAX_VISITS || ctx.depth >= MAX_DEPTH) return smallest(schema, ctx);
  ctx.stack.set(schema, visits + 1);
  const inner: Generator = { ...ctx, depth: ctx.depth + 1, isShallow: ctx.depth + 1 >= SHALLOW_DEPTH };
  inner.generate = (child, childField, variant) => generate(child, { ...inner, variant: variant ?? inner.variant }, childField);
  try {
    return generateNode(schema, inner, field);
  } finally {
    if (visits === 0) ctx.stack.delete(schema);
    else ctx.stack.set(schema, visits);
  }
}

function generateNode(schema: Json, ctx: Generator, field: string | undefined): unknown {
  if (schema.const !== undefined) return structuredClone(schema.const);
  const documented = documentedValue(schema, ctx);
  if (documented !== undefined) return documented;
  if (Array.isArray(schema.allOf)) return generateNode(flattenAllOf(schema), ctx, field);
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf as unknown[] : Array.isArray(schema.anyOf) ? schema.anyOf as unknown[] : undefined;
  if (alternatives) return alternativeFor(schema, alternatives, ctx, field);
  return byType(schema, ctx, field);
}

/** An enum member, example, examples entry or default that is valid for this direction; else undefined. */
function documentedValue(schema: Json, ctx: Generator): unknown {
  if (Array.isArray(schema.enum)) {
    const valid = schema.enum.filter((e) => e !== null && conforms(e, { ...schema, enum: undefined }, { direction: ctx.direction }));
    if (valid.length > 0) return structuredClone(valid[ctx.variant % valid.length]);
    return schema.enum.includes(null) ? null : undefined;
  }
  const examples = Array.isArray(schema.examples) ? schema.examples as unknown[] : [];
  for (const candidate of [schema.example, ...examples, schema.default]) {
    if (candidate === undefined || candidate === null) continue;
    // Closed: a document example with fields the schema does not declare would be reported.
    if (conforms(candidate, schema, { direction: ctx.direction, closed: true })) return structuredClone(candidate);
  }
  return undefined;
}

/** oneOf / anyOf: the first branch (merged with the parent's own keywords) whose value the whole schema accepts. */
function alternativeFor(schema: Json, alternatives: unknown[], ctx: Generator, field: string | undefined): unknown {
  const { oneOf: _oneOf, anyOf: _anyOf, ...base } = schema;
  const branches = alternatives.map((alternative) => (isRecord(alternative) ? flattenAllOf(alternative) : undefined));
  let first: unknown;
  for (const [index, alternative] of alternatives.entries()) {
    if (!isRecord(alternative)) continue;
    const merged = flattenAllOf({ ...base, allOf: [alternative] });
    // An optional property another branch requires would make that branch match too (oneOf fails).
    const others = branches.filter((_, i) => i !== index).flatMap((b) => requiredOf(b));
    const own = requiredOf(merged);
    if (isRecord(merged.properties)) merged.properties = withoutKeys(merged.properties, others.filter((name) => !own.includes(name)));
    const value = ctx.generate(merged, field);
    if (conforms(value, schema, { direction: ctx.direction })) return value;
    if (index === 0) first = value;
  }
  ctx.problem(`no ${schema.oneOf ? 'oneOf' : 'anyOf'} branch gave a value the whole schema accepts`);
  return first ?? null;
}

function requiredOf(schema: Json | undefined): string[] {
  return schema && Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : [];
}

function withoutKeys(record: Json, names: readonly string[]): Json {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));
}

function byType(schema: Json, ctx: Generator, field: string | undefined): unknown {
  const types = typesOf(schema);
  if (types.length === 0) return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length > 0) ? null : hintedString(field, ctx.variant);
  let first: unknown;
  for (const type of types) {
    const value = valueOfType(type, schema, ctx, field);
    if (types.length === 1 || conforms(value, schema, { direction: ctx.direction })) return value;
    first ??= value;
  }
  return first;
}

function valueOfType(type: JsonType, schema: Json, ctx: Generator, field: string | undefined): unknown {
  switch (type) {
    case 'string': return stringFor(schema, ctx, field);
    case 'integer': return numberFor(schema, true, ctx, field);
    case 'number': return numberFor(schema, false, ctx, field);
    case 'boolean': return true;
    case 'array': return arrayFor(schema, ctx, field);
    case 'object': return objectFor(schema, ctx);
    default: return null;
  }
}

/** Where recursion is cut: an empty container, or a scalar (scalars never recurse). */
function smallest(schema: Json, ctx: Generator): unknown {
  const type = typesOf(schema)[0];
  if (type === 'array') return [];
  if (type === 'object' || type === undefined) {
    if (Array.isArray(schema.required) && schema.required.length > 0) ctx.problem('required properties recurse deeper than the bound');
    return {};
  }
  return valueOfType(type, schema, ctx, undefined);
}
