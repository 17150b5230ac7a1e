// Turns an OpenAPI (2.0 / 3.0 / 3.1) Schema Object into a fresh, acyclic JSON Schema 2020-12 document for Ajv.
// Keywords it emits for the gateway: bulwarkReadOnly / bulwarkWriteOnly / bulwarkUndeclared (create-ajv.ts).

export type SchemaDialect = 'openapi-2.0' | 'openapi-3.0' | 'openapi-3.1';
export type Direction = 'request' | 'response';

export interface ConvertOptions {
  readonly dialect: SchemaDialect;
  readonly direction: Direction;
  /**
   * Add `unevaluatedProperties: { bulwarkUndeclared: true }` where the schema leaves undeclared properties
   * open, so they are REPORTED (mass assignment in requests, excessive data exposure in responses) as
   * errors of their own, at their own location, apart from the document's `additionalProperties: false`.
   */
  readonly closeObjects?: boolean;
}

/** Schema nodes converted per call (re-conversions of shared sub-schemas count again): a document past this is refused at load rather than compiled into a huge validator. */
export const MAX_SCHEMA_NODES = 10_000;
/** Values copied verbatim (enum, const, default, unknown keywords) per call. */
export const MAX_DATA_NODES = 100_000;

// Annotations Ajv never reads (saves memory per compiled schema) and identifiers that would clash in the
// one Ajv instance shared by every document ($id registers globally; the input's $defs would collide with
// ours and are dead anyway once the document is dereferenced).
const DROPPED = new Set([
  'example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated', 'nullable',
  '$schema', '$id', '$anchor', '$comment', '$defs', 'definitions',
]);

/** Keywords whose subschemas apply to the SAME instance: closing one of them would reject the properties its siblings declare. */
const COMPOSITION = ['allOf', 'anyOf', 'oneOf'] as const;

/** Each unevaluated property's value fails this, so the error is located at the property itself. */
function undeclared(): Record<string, unknown> {
  return { bulwarkUndeclared: true };
}

interface NodeState {
  active: boolean;
  /** Set once the node turned out recursive: its converted content, root not closed. */
  content?: Record<string, unknown>;
  /** $defs names of the two variants (root open / root closed), made on demand. */
  openDef?: string;
  closedDef?: string;
}

interface Walk {
  readonly options: ConvertOptions;
  readonly legacy: boolean;
  readonly states: Map<object, NodeState>;
  readonly defs: Record<string, unknown>;
  readonly describesObjectMemo: Map<object, boolean>;
  /** The `anyOf: [schema, {type: 'null'}]` objects made for `nullable`. */
  readonly nullWrappers: WeakSet<object>;
  readonly path: string[];
  nodes: number;
  dataNodes: number;
  nextDef: number;
}

/** Input: an OpenAPI Schema Object, already dereferenced: it may share sub-objects and may contain object CYCLES (recursive schemas). Output: a fresh, acyclic JSON Schema 2020-12 document for Ajv; recursion becomes `$ref: '#/$defs/<n>'` with the definitions in the root's `$defs`. Never mutates the input. */
export function toJsonSchema(schema: unknown, options: ConvertOptions): Record<string, unknown> {
  const walk: Walk = {
    options,
    legacy: options.dialect !== 'openapi-3.1',
    states: new Map(),
    defs: {},
    describesObjectMemo: new Map(),
    nullWrappers: new WeakSet(),
    path: [],
    nodes: 0,
    dataNodes: 0,
    nextDef: 0,
  };
  const converted = convertChild(walk, schema, true);
  // The caller compiles an object; boolean roots get their object spelling.
  const root: Record<string, unknown> = converted === true ? {} : converted === false ? { not: {} } : converted;
  if (walk.nextDef > 0) root.$defs = walk.defs;
  return root;
}

/** Converts a subschema; `close` says whether this position holds its own instance (property value, array item, root) and may therefore be closed. */
function convertChild(walk: Walk, input: unknown, close: boolean): boolean | Record<string, unknown> {
  return convertNode(walk, input, close && walk.options.closeObjects === true && shouldClose(walk, input));
}

function convertNode(walk: Walk, input: unknown, closed: boolean): boolean | Record<string, unknown> {
  if (typeof input === 'boolean') return input;
  if (!isRecord(input)) throw conversionError(walk, `a schema must be an object or a boolean, found ${describe(input)}`);
  walk.nodes += 1;
  if (walk.nodes > MAX_SCHEMA_NODES) {
    throw conversionError(walk, `schema too large: more than ${MAX_SCHEMA_NODES} schema nodes once shared sub-schemas are expanded`);
  }
  let state = walk.states.get(input);
  // Met again while still being converted (a cycle), or a recursive node already done: refer to its
  // definition, which is filled in once the outermost conversion completes.
  if (state?.active === true || state?.content !== undefined) return definitionRef(walk, state, closed);
  if (state === undefined) {
    state = { active: true };
    walk.states.set(input, state);
  } else {
    state.active = true; // shared, non-recursive: converted again
  }
  const content = convertBody(walk, input);
  state.active = false;
  if (state.openDef === undefined && state.closedDef === undefined) {
    return closed ? closedVariant(walk, content) : content;
  }
  state.content = content;
  if (state.openDef !== undefined) setOwn(walk.defs, state.openDef, content);
  if (state.closedDef !== undefined) setOwn(walk.defs, state.closedDef, closedVariant(walk, content));
  return definitionRef(walk, state, closed);
}

/**
 * The marker sits in the definition itself, next to its `properties`, never beside the `$ref`: Ajv
 * counts the properties a `$ref`'d schema evaluated only when it passed, so a marker at the reference
 * would also report every declared property of an object with one invalid value. Positions that close
 * and composition branches that must not therefore get a variant each.
 */
function definitionRef(walk: Walk, state: NodeState, closed: boolean): Record<string, unknown> {
  let name = closed ? state.closedDef : state.openDef;
  if (name === undefined) {
    name = `d${walk.nextDef++}`;
    if (closed) state.closedDef = name;
    else state.openDef = name;
    if (state.content !== undefined) setOwn(walk.defs, name, closed ? closedVariant(walk, state.content) : state.content);
  }
  return { $ref: `#/$defs/${name}` };
}

/**
 * Shares the children of the open variant (the output stays acyclic, only the root differs). A
 * `nullable` wrapper is closed on its object branch, next to the properties, for the same reason.
 */
function closedVariant(walk: Walk, content: Record<string, unknown>): Record<string, unknown> {
  const branches = content.anyOf;
  if (walk.nullWrappers.has(content) && Array.isArray(branches) && isRecord(branches[0])) {
    return { ...content, anyOf: [closedVariant(walk, branches[0]), ...(branches.slice(1) as unknown[])] };
  }
  return { ...content, unevaluatedProperties: undeclared() };
}

function convertBody(walk: Walk, input: Record<string, unknown>): Record<string, unknown> {
  if (typeof input.$ref === 'string') {
    throw conversionError(walk, `unresolved $ref ${JSON.stringify(input.$ref.slice(0, 200))} (the document must be dereferenced first)`);
  }
  const out: Record<string, unknown> = {};
  let hidden: readonly string[] = [];
  for (const key of Object.keys(input)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    const value = input[key];
    walk.path.push(key);
    switch (key) {
      case 'properties': {
        const result = convertProperties(walk, value);
        setOwn(out, key, result.properties);
        hidden = result.hidden;
        break;
      }
      case 'patternProperties':
        setOwn(out, key, convertMap(walk, value, true));
        break;
      case 'dependentSchemas':
        setOwn(out, key, convertMap(walk, value, false));
        break;
      case 'dependencies':
        setOwn(out, key, convertDependencies(walk, value));
        break;
      case 'allOf': case 'anyOf': case 'oneOf':
        setOwn(out, key, convertArray(walk, value, false));
        break;
      case 'prefixItems':
        setOwn(out, key, convertArray(walk, value, true));
        break;
      case 'not': case 'if': case 'then': case 'else':
        setOwn(out, key, convertChild(walk, value, false));
        break;
      case 'additionalProperties': case 'unevaluatedProperties': case 'unevaluatedItems':
      case 'contains': case 'propertyNames': case 'contentSchema':
        setOwn(out, key, convertChild(walk, value, true));
        break;
      case 'items':
        if (Array.isArray(value)) {
          // Draft-4 tuple form (Swagger 2.0 / OpenAPI 3.0): 2020-12 spells it prefixItems + items.
          setOwn(out, 'prefixItems', convertArray(walk, value, true));
          if (input.additionalItems !== undefined) {
            walk.path.pop();
            walk.path.push('additionalItems');
            setOwn(out, 'items', convertChild(walk, input.additionalItems, true));
          }
        } else {
          setOwn(out, 'items', convertChild(walk, value, true));
        }
        break;
      case 'additionalItems':
        break; // only meaningful with tuple `items`, handled there
      default:
        setOwn(out, key, copyData(walk, value, new Set()));
    }
    walk.path.pop();
  }
  normaliseBounds(input, out);
  if (walk.options.dialect === 'openapi-2.0' && input.type === 'file') {
    out.type = 'string';
    out.format = 'binary';
  }
  if (hidden.length > 0 && Array.isArray(out.required)) {
    // OpenAPI: a required read-only property is required in responses only (write-only: requests only).
    const required = (out.required as unknown[]).filter((name) => typeof name !== 'string' || !hidden.includes(name));
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  const nullable = walk.legacy && (input.nullable === true || (walk.options.dialect === 'openapi-2.0' && input['x-nullable'] === true));
  return nullable ? allowNull(walk, out) : out;
}

function convertProperties(walk: Walk, value: unknown): { properties: Record<string, unknown>; hidden: string[] } {
  if (!isRecord(value)) throw conversionError(walk, `"properties" must be an object, found ${describe(value)}`);
  const flag = walk.options.direction === 'request' ? 'readOnly' : 'writeOnly';
  const marker = walk.options.direction === 'request' ? 'bulwarkReadOnly' : 'bulwarkWriteOnly';
  const properties: Record<string, unknown> = {};
  const hidden: string[] = [];
  for (const name of Object.keys(value)) {
    const child = value[name];
    walk.path.push(name);
    const converted = convertChild(walk, child, true);
    walk.path.pop();
    if (isRecord(child) && child[flag] === true && typeof converted === 'object') {
      // The property stays declared (so closeObjects does not report it twice) but fails when present.
      converted[marker] = true;
      hidden.push(name);
    }
    setOwn(properties, name, converted);
  }
  return { properties, hidden };
}

function convertMap(walk: Walk, value: unknown, close: boolean): Record<string, unknown> {
  if (!isRecord(value)) throw conversionError(walk, `expected an object of schemas, found ${describe(value)}`);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    walk.path.push(name);
    setOwn(out, name, convertChild(walk, value[name], close));
    walk.path.pop();
  }
  return out;
}

function convertArray(walk: Walk, value: unknown, close: boolean): unknown[] {
  if (!Array.isArray(value)) throw conversionError(walk, `expected an array of schemas, found ${describe(value)}`);
  return value.map((item: unknown, index) => {
    walk.path.push(String(index));
    const converted = convertChild(walk, item, close);
    walk.path.pop();
    return converted;
  });
}

/** Draft-7 `dependencies` (Ajv 2020 still applies it): each value is a list of names or a schema. */
function convertDependencies(walk: Walk, value: unknown): unknown {
  if (!isRecord(value)) return copyData(walk, value, new Set());
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const entry = value[name];
    walk.path.push(name);
    setOwn(out, name, Array.isArray(entry) ? copyData(walk, entry, new Set()) : convertChild(walk, entry, false));
    walk.path.pop();
  }
  return out;
}

/** Draft-4 boolean exclusive bounds (2.0 / 3.0) become 2020-12's numeric ones. */
function normaliseBounds(input: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const flag = input[exclusive];
    if (typeof flag !== 'boolean') continue;
    delete out[exclusive];
    const limit = input[bound];
    if (flag && typeof limit === 'number') {
      out[exclusive] = limit;
      delete out[bound];
    }
  }
}

function allowNull(walk: Walk, out: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  const type = out.type;
  if (typeof type === 'string' && type !== 'null') out.type = [type, 'null'];
  else if (Array.isArray(type) && !type.includes('null')) out.type = [...(type as unknown[]), 'null'];
  // Without a type, and with a composition (whose branches carry their own types and would reject
  // null, the classic `nullable` + `allOf: [$ref]` of 3.0 documents), null needs its own branch.
  const composed = COMPOSITION.some((key) => out[key] !== undefined);
  if (type !== undefined && !composed) return out;
  const wrapper = { anyOf: [out, { type: 'null' }] };
  walk.nullWrappers.add(wrapper);
  return wrapper;
}

function shouldClose(walk: Walk, input: unknown): boolean {
  if (!isRecord(input)) return false;
  // additionalProperties false already closes; true or a schema means the author allowed extra keys.
  if (input.additionalProperties !== undefined || input.unevaluatedProperties !== undefined || input.patternProperties !== undefined) return false;
  return describesObject(walk, input);
}

/** Declares properties itself, or composes branches that do (type: object alone is a free-form map). */
function describesObject(walk: Walk, input: unknown): boolean {
  if (!isRecord(input)) return false;
  const known = walk.describesObjectMemo.get(input);
  if (known !== undefined) return known;
  walk.describesObjectMemo.set(input, false); // a composition cycle adds nothing
  let result = isRecord(input.properties) && Object.keys(input.properties).length > 0;
  if (!result) {
    const branches = COMPOSITION.flatMap((key) => {
      const value = input[key];
      return Array.isArray(value) ? (value as unknown[]) : [];
    });
    if (branches.length > 0) {
      result = typeIncludesObject(input.type) || branches.some((branch) => describesObject(walk, branch));
    }
  }
  walk.describesObjectMemo.set(input, result);
  return result;
}

function typeIncludesObject(type: unknown): boolean {
  return type === 'object' || (Array.isArray(type) && type.includes('object'));
}

/** Copies a JSON value (enum, const, default, unknown keywords) so the output shares nothing with the input. */
function copyData(walk: Walk, value: unknown, ancestors: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  walk.dataNodes += 1;
  if (walk.dataNodes > MAX_DATA_NODES) throw conversionError(walk, `schema too large: more than ${MAX_DATA_NODES} literal values`);
  if (ancestors.has(value)) throw conversionError(walk, 'a literal value (enum, const, default...) contains a cycle');
  ancestors.add(value);
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map((item: unknown) => copyData(walk, item, ancestors));
  } else {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, copyData(walk, (value as Record<string, unknown>)[key], ancestors));
    copy = out;
  }
  ancestors.delete(value);
  return copy;
}

/** Property names come from the document: `__proto__` must become an own key, not a prototype change. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function conversionError(walk: Walk, message: string): Error {
  return new Error(`${message} at schema ${jsonPointer(walk.path) || '(root)'}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
