// Turns an OpenAPI Schema Object (2.0, 3.0 or 3.1; dereferenced, possibly cyclic) into a fresh,
// acyclic JSON Schema 2020-12 document for Ajv: OpenAPI-only keywords translated or dropped,
// readOnly / writeOnly made checkable per direction, and (optionally) open objects closed so
// undeclared properties can be reported. Recursion becomes $ref into the root's $defs.

export type SchemaDialect = 'openapi-2.0' | 'openapi-3.0' | 'openapi-3.1';
export type Direction = 'request' | 'response';

export interface ConvertOptions {
  readonly dialect: SchemaDialect;
  readonly direction: Direction;
  /**
   * Where the schema leaves undeclared properties open, add `unevaluatedProperties` with a schema
   * that always fails (`bulwarkUndeclared`), so one validation also reports them, each at its own
   * location and told apart from the document's own `additionalProperties: false` errors.
   */
  readonly closeObjects?: boolean;
}

type Json = Record<string, unknown>;

/** Annotation and OpenAPI-only keywords Ajv does not need (and would ignore or misread). */
const DROPPED = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated', 'nullable', '$schema', '$id', '$anchor', '$comment', 'title', 'description']);
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SUBSCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems'];
const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'];
const MAX_NODES = 10_000;
const UNDECLARED = Object.freeze({ bulwarkUndeclared: true });

export function toJsonSchema(schema: unknown, options: ConvertOptions): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const onStack = new Map<object, { name?: string }>();
  let nodes = 0;
  const is30 = options.dialect !== 'openapi-3.1';

  function convert(input: unknown, isBranch: boolean): unknown {
    if (typeof input === 'boolean') return input;
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return {};
    if (++nodes > MAX_NODES) throw new Error(`a schema has more than ${MAX_NODES} nodes (after expanding shared parts)`);
    const source = input as Json;
    const active = onStack.get(source);
    if (active) {
      // Met again while still converting it: recursion. Point at a definition filled in below.
      active.name ??= `d${Object.keys(defs).length}`;
      defs[active.name] ??= true; // placeholder keeps names unique until the real one lands
      return { $ref: `#/$defs/${active.name}` };
    }
    const frame: { name?: string } = {};
    onStack.set(source, frame);
    const out = convertObject(source, isBranch);
    onStack.delete(source);
    if (frame.name !== undefined) {
      defs[frame.name] = out;
      return { $ref: `#/$defs/${frame.name}` };
    }
    return out;
  }

  function convertObject(source: Json, isBranch: boolean): Json {
    const out: Json = {};
    for (const [key, value] of Object.entries(source)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      if (key === 'readOnly' || key === 'writeOnly') continue; // handled by the parent's properties
      if (SUBSCHEMA_MAPS.includes(key) && isPlainObject(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, false)]));
      } else if (SUBSCHEMA_ARRAYS.includes(key) && Array.isArray(value)) {
        out[key] = value.map((sub) => convert(sub, COMPOSITIONS.includes(key)));
      } else if (key === 'items' && Array.isArray(value)) {
        out.prefixItems = value.map((sub) => convert(sub, false)); // draft-04 tuple form
      } else if (SUBSCHEMAS.includes(key)) {
        out[key] = convert(value, false);
      } else if (key === 'dependencies' && isPlainObject(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, Array.isArray(sub) ? sub : convert(sub, false)]));
      } else {
        out[key] = value;
      }
    }
    if (is30) translate30(source, out);
    applyVisibility(source, out);
    if (options.closeObjects && !isBranch) close(out);
    return out;
  }

  /** OpenAPI 3.0 / 2.0 are not JSON Schema: nullable, boolean exclusive bounds, 2.0's file type. */
  function translate30(source: Json, out: Json): void {
    if (out.type === 'file') {
      out.type = 'string';
      out.format = 'binary';
    }
    if (typeof source.exclusiveMinimum === 'boolean') {
      delete out.exclusiveMinimum;
      if (source.exclusiveMinimum && typeof source.minimum === 'number') {
        out.exclusiveMinimum = source.minimum;
        delete out.minimum;
      }
    }
    if (typeof source.exclusiveMaximum === 'boolean') {
      delete out.exclusiveMaximum;
      if (source.exclusiveMaximum && typeof source.maximum === 'number') {
        out.exclusiveMaximum = source.maximum;
        delete out.maximum;
      }
    }
    if (source.nullable === true || source['x-nullable'] === true) {
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
      if (typeof out.type === 'string') {
        out.type = [out.type, 'null'];
      } else if (out.type === undefined) {
        const inner = { ...out };
        for (const key of Object.keys(out)) delete out[key];
        out.anyOf = [inner, { type: 'null' }];
      }
    }
  }

  /**
   * readOnly in requests / writeOnly in responses: the property must be absent, so it gets a keyword
   * that always fails when present, and it leaves `required` (OpenAPI 3.0 §4.7.25: a required
   * readOnly property applies to responses only).
   */
  function applyVisibility(source: Json, out: Json): void {
    const flag = options.direction === 'request' ? 'readOnly' : 'writeOnly';
    const keyword = options.direction === 'request' ? 'bulwarkReadOnly' : 'bulwarkWriteOnly';
    const properties = source.properties;
    if (!isPlainObject(properties) || !isPlainObject(out.properties)) return;
    const hidden = Object.entries(properties).filter(([, sub]) => isPlainObject(sub) && sub[flag] === true).map(([name]) => name);
    if (hidden.length === 0) return;
    const converted = out.properties;
    for (const name of hidden) converted[name] = { allOf: [converted[name]], [keyword]: true };
    if (Array.isArray(out.required)) out.required = (out.required as unknown[]).filter((name) => !hidden.includes(String(name)));
  }

  /** Closes an object schema that leaves extra properties open; never inside composition branches. */
  function close(out: Json): void {
    if ('additionalProperties' in out || 'unevaluatedProperties' in out || 'patternProperties' in out) return;
    const types = Array.isArray(out.type) ? out.type : [out.type];
    const hasComposition = COMPOSITIONS.some((key) => Array.isArray(out[key]));
    const hasProperties = isPlainObject(out.properties);
    if (!hasProperties && !hasComposition) return; // a free-form map stays free-form
    if (out.type !== undefined && !types.includes('object')) return;
    if (hasComposition && !hasProperties && !compositionDeclaresProperties(out)) return;
    out.unevaluatedProperties = UNDECLARED;
  }

  const root = convert(schema, false);
  if (typeof root === 'boolean') return root ? {} : { not: {} };
  const result = root as Json;
  if (Object.keys(defs).length > 0) {
    // The root itself may be the recursive one: it is then a bare $ref, and stays valid with $defs beside it.
    result.$defs = { ...(isPlainObject(result.$defs) ? result.$defs : {}), ...defs };
  }
  return result;
}

/** Whether some branch of allOf / anyOf / oneOf declares properties (so the union is an object with known keys). */
function compositionDeclaresProperties(out: Json): boolean {
  return COMPOSITIONS.some((key) => Array.isArray(out[key]) && (out[key] as unknown[]).some((branch) => isPlainObject(branch)
    && (isPlainObject(branch.properties) || (typeof branch.$ref === 'string') || compositionDeclaresProperties(branch))));
}

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
