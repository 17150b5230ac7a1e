// Objects and arrays for exampleFor: required properties always, optional ones while shallow and
// not recursing, nothing the direction hides (readOnly in requests, writeOnly in responses).
import type { Direction } from './conforms.js';
import type { ScalarContext } from './example-scalars.js';
import { isRecord, type Json } from './schema-facts.js';

export interface ContainerContext extends ScalarContext {
  readonly direction: Direction;
  /** Schema objects on the current path, with how often: cycles are seen here. */
  readonly stack: Map<object, number>;
  /** JSON pointer segments of the value being made, for problem reports. */
  readonly pointer: string[];
  /** Deep in the value: optional properties and extra items are left out. */
  readonly isShallow?: boolean;
  generate(schema: unknown, field: string | undefined, variant?: number): unknown;
}

/** Optional properties per object: enough to exercise a schema, few enough to keep bodies small. */
const MAX_OPTIONAL_PROPERTIES = 12;
const UNIQUE_ATTEMPTS = 6;

export function objectFor(schema: Json, ctx: ContainerContext): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : []);
  const hidden = ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
  const maxProperties = typeof schema.maxProperties === 'number' ? schema.maxProperties : Infinity;
  let room = Math.min(MAX_OPTIONAL_PROPERTIES, maxProperties - required.size);
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (isRecord(property) && property[hidden] === true) continue;
    if (!required.has(name)) {
      if (ctx.isShallow === true || room <= 0 || isRecursing(property, ctx)) continue;
      room -= 1;
    }
    setProperty(out, name, withPointer(ctx, name, () => ctx.generate(property, name)));
  }
  // Required names the schema does not describe take any value additionalProperties allows.
  const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : {};
  for (const name of required) {
    if (!Object.hasOwn(out, name) && !Object.hasOwn(properties, name)) setProperty(out, name, withPointer(ctx, name, () => ctx.generate(extra, name)));
  }
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (let i = 1; Object.keys(out).length < minProperties && schema.additionalProperties !== false && i <= minProperties + 1; i++) {
    const name = `property${i}`;
    if (!Object.hasOwn(out, name)) setProperty(out, name, withPointer(ctx, name, () => ctx.generate(extra, name)));
  }
  return out;
}

export function arrayFor(schema: Json, ctx: ContainerContext, field: string | undefined): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems as unknown[] : [];
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  const items = schema.items === undefined ? {} : schema.items;
  const isCut = ctx.isShallow === true || isRecursing(items, ctx);
  const count = Math.min(maxItems, Math.max(minItems, isCut ? 0 : 1));
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let index = 0; out.length < count && index < count + UNIQUE_ATTEMPTS; index++) {
    const position = out.length;
    const itemSchema = position < prefix.length ? prefix[position] : items;
    const value = withPointer(ctx, String(position), () => ctx.generate(itemSchema, field, ctx.variant + index));
    const key = JSON.stringify(value);
    if (schema.uniqueItems === true && seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  if (out.length < minItems) ctx.problem(`only ${out.length} distinct items found, minItems is ${minItems}`);
  return out;
}

/** The schema (or its array items) is already being generated higher up: an optional cycle. */
function isRecursing(schema: unknown, ctx: ContainerContext): boolean {
  if (!isRecord(schema)) return false;
  return ctx.stack.has(schema) || (isRecord(schema.items) && ctx.stack.has(schema.items));
}

function withPointer<T>(ctx: ContainerContext, segment: string, make: () => T): T {
  ctx.pointer.push(segment);
  try {
    return make();
  } finally {
    ctx.pointer.pop();
  }
}

/** Property names come from the document: `__proto__` must become an own key. */
function setProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
