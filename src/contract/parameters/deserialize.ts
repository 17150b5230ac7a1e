// Turns raw request parts (query string, path capture, header, cookie) into parameter values by the
// OpenAPI 3.x serialisation rules (3.1.0 §4.8.12.4 Style Values and the style examples table). Values
// stay strings, or arrays and objects of strings: Ajv with `coerceTypes: 'array'` does the typing
// later, so a wrong shape here surfaces as a schema error, never as an exception. Every function is
// total (nothing throws) and linear in its input: splitting uses indexOf/split, never backtracking regexes.

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';
export type ParameterStyle = 'matrix' | 'label' | 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
export type ValueShape = 'primitive' | 'array' | 'object';

export interface ParameterSerialization {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  readonly shape: ValueShape;
  /** For exploded form objects in the query: the declared property names (each one is its own query key). */
  readonly properties?: readonly string[];
  /** OpenAPI allowReserved (query only): informational; percent-decoding happens anyway. */
  readonly allowReserved?: boolean;
}

/** Query pairs in order of appearance, keys and values percent-decoded, '+' as space (application/x-www-form-urlencoded rules). */
export type QueryPairs = ReadonlyMap<string, readonly string[]>;
export type QueryParse = { ok: true; pairs: QueryPairs } | { ok: false; problem: string };

// Keys that would reach Object.prototype (or shadow it confusingly) once Ajv or a handler reads the
// object; they are never created, and the query keys carrying them are left unconsumed so the caller
// reports them as unknown parameters.
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// deepObject nesting is not defined by OpenAPI; the cap bounds the object depth an attacker can force.
const MAX_DEEP_OBJECT_DEPTH = 5;

// RFC 9110 §5.6.2 tchar, besides ALPHA and DIGIT.
const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

type StringRecord = Record<string, string>;
type DeepNode = { [key: string]: string | string[] | DeepNode };

const ABSENT = { value: undefined, consumed: [] } as const;

export function parseQuery(query: string, maxPairs: number): QueryParse {
  const pairs = new Map<string, string[]>();
  let count = 0;
  let start = 0;
  while (start < query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    // Search '=' inside this piece only: searching the whole rest would make `a&a&...&a=1` quadratic.
    const piece = query.slice(start, end);
    const equals = piece.indexOf('=');
    const key = decodeFormComponent(equals === -1 ? piece : piece.slice(0, equals));
    const value = equals === -1 ? '' : decodeFormComponent(piece.slice(equals + 1));
    // Skipped pieces are still checked: a backend may reject what the gateway waved through.
    if (key === undefined || value === undefined) return { ok: false, problem: 'The query string has malformed percent-encoding.' };
    if (key !== '') {
      count += 1;
      if (count > maxPairs) return { ok: false, problem: `The query string has more than ${maxPairs} parameters.` };
      const values = pairs.get(key);
      if (values === undefined) pairs.set(key, [value]);
      else values.push(value);
    }
    start = end + 1;
  }
  return { ok: true, pairs };
}

/** '+' is a space, then strict UTF-8 percent-decoding; undefined when the encoding is malformed. */
function decodeFormComponent(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined; // URIError: bad hex digits, truncated or invalid UTF-8
  }
}

export function readQueryParameter(spec: ParameterSerialization, pairs: QueryPairs): { value: unknown; consumed: readonly string[] } {
  if (spec.style === 'deepObject') return readDeepObject(spec.name, pairs);
  // Exploded spaceDelimited/pipeDelimited are n/a in the spec; they read like exploded form, which is
  // what a client serialising them with RFC 6570 explode semantics would send.
  if (spec.explode) return readExplodedForm(spec, pairs);
  const values = pairs.get(spec.name);
  if (values === undefined) return ABSENT;
  const separator = spec.style === 'spaceDelimited' ? ' ' : spec.style === 'pipeDelimited' ? '|' : ',';
  return { value: fromDelimited(values[0] ?? '', spec.shape, separator), consumed: [spec.name] };
}

function readExplodedForm(spec: ParameterSerialization, pairs: QueryPairs): { value: unknown; consumed: readonly string[] } {
  if (spec.shape === 'object') {
    // Without declared properties (a free-form object) every key belongs to it; the caller reads such a
    // parameter last, over the pairs the other parameters left.
    const keys = spec.properties ?? [...pairs.keys()];
    const result: StringRecord = {};
    const consumed: string[] = [];
    for (const key of keys) {
      const values = pairs.get(key);
      if (values !== undefined && addEntry(result, key, values[0] ?? '')) consumed.push(key);
    }
    return consumed.length === 0 ? ABSENT : { value: result, consumed };
  }
  const values = pairs.get(spec.name);
  if (values === undefined) return ABSENT;
  return { value: spec.shape === 'array' ? listValues(values) : values[0] ?? '', consumed: [spec.name] };
}

/**
 * `name[a][b]=v` -> {a: {b: 'v'}}, `name[]` / `name[a][]` -> arrays. Keys that conflict with an earlier
 * one (`name[a]=1&name[a][b]=2`), are malformed or carry an unsafe segment stay unconsumed.
 */
function readDeepObject(name: string, pairs: QueryPairs): { value: unknown; consumed: readonly string[] } {
  const prefix = `${name}[`;
  let root: DeepNode | string[] | undefined;
  const consumed: string[] = [];
  for (const [key, values] of pairs) {
    if (!key.startsWith(prefix)) continue;
    const parsed = parseBracketPath(key, name.length);
    if (parsed === undefined) continue;
    const leafValue = parsed.list ? listValues(values) : values[0] ?? '';
    if (parsed.path.length === 0) {
      if (root !== undefined || typeof leafValue === 'string') continue;
      root = leafValue;
      consumed.push(key);
      continue;
    }
    root ??= {};
    if (Array.isArray(root)) continue;
    if (placeDeepValue(root, parsed.path, leafValue)) consumed.push(key);
  }
  return root === undefined ? ABSENT : { value: root, consumed };
}

/** Splits the `[a][b][]` tail of a deepObject key starting at `at`; undefined when malformed or unsafe. */
function parseBracketPath(key: string, at: number): { path: string[]; list: boolean } | undefined {
  const path: string[] = [];
  while (at < key.length) {
    if (key.charCodeAt(at) !== 91) return undefined; // text between groups: `name[a]x`
    let close: number;
    let segment: string;
    if (path.length === MAX_DEEP_OBJECT_DEPTH - 1) {
      // At the cap the remaining bracket text, whatever it holds, is the last key.
      if (key.charCodeAt(key.length - 1) !== 93) return undefined;
      close = key.length - 1;
      segment = key.slice(at + 1, close);
    } else {
      close = key.indexOf(']', at + 1);
      if (close === -1) return undefined;
      segment = key.slice(at + 1, close);
      if (segment.includes('[')) return undefined;
    }
    at = close + 1;
    if (segment === '') return at === key.length ? { path, list: true } : undefined;
    if (UNSAFE_KEYS.has(segment)) return undefined;
    path.push(segment);
  }
  return { path, list: false };
}

/** Walks/creates the nested objects for `path` and sets the leaf; false on a conflict with earlier keys. */
function placeDeepValue(root: DeepNode, path: readonly string[], value: string | string[]): boolean {
  let node = root;
  const last = path.length - 1;
  for (let i = 0; i < last; i++) {
    const segment = path[i] as string;
    const child = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (child === undefined) {
      const created: DeepNode = {};
      node[segment] = created;
      node = created;
    } else if (typeof child === 'object' && !Array.isArray(child)) {
      node = child;
    } else {
      return false;
    }
  }
  return addEntry(node, path[last] as string, value);
}

export function readPathParameter(spec: ParameterSerialization, raw: string): unknown {
  if (spec.style === 'label') return readLabel(spec, raw);
  if (spec.style === 'matrix') return readMatrix(spec, raw);
  // simple, and any style the spec does not allow in a path (the document loader reports those).
  if (spec.shape === 'primitive') return raw;
  const items = splitList(raw, ',');
  if (spec.shape === 'array') return items;
  return spec.explode ? objectFromAssignments(items) : objectFromAlternating(items);
}

/** `.blue`, `.blue,black,brown` / `.blue.black.brown`, `.R,100,G,200` / `.R=100.G=200` (RFC 6570 §3.2.5). */
function readLabel(spec: ParameterSerialization, raw: string): unknown {
  if (raw.charCodeAt(0) !== 46) return raw; // no '.': leave it for the schema to reject
  const body = raw.slice(1);
  if (spec.shape === 'primitive') return body;
  const items = splitList(body, spec.explode ? '.' : ',');
  if (spec.shape === 'array') return items;
  return spec.explode ? objectFromAssignments(items) : objectFromAlternating(items);
}

/** `;id=5`, `;id=3,4,5` / `;id=3;id=4`, `;id=k1,v1` / `;k1=v1;k2=v2` (RFC 6570 §3.2.7). */
function readMatrix(spec: ParameterSerialization, raw: string): unknown {
  if (raw.charCodeAt(0) !== 59) return raw; // no ';': leave it for the schema to reject
  const body = raw.slice(1);
  if (spec.explode && spec.shape === 'object') return objectFromAssignments(body.split(';'));
  if (spec.explode && spec.shape === 'array') {
    const values: string[] = [];
    for (const segment of body.split(';')) {
      if (segment === '') continue;
      const value = matrixValue(spec.name, segment);
      if (value === undefined) return raw;
      values.push(value);
    }
    return listValues(values);
  }
  const value = matrixValue(spec.name, body);
  return value === undefined ? raw : fromDelimited(value, spec.shape, ',');
}

/** The value of a `name=value` matrix segment; a bare `name` is the empty value, another name is undefined. */
function matrixValue(name: string, segment: string): string | undefined {
  if (segment === name) return '';
  if (segment.length > name.length && segment.charCodeAt(name.length) === 61 && segment.startsWith(name)) {
    return segment.slice(name.length + 1);
  }
  return undefined;
}

export function readHeaderParameter(spec: ParameterSerialization, raw: string | readonly string[] | undefined): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' && raw.length === 0) return undefined;
  const text = typeof raw === 'string' ? raw : raw.join(', ');
  if (spec.shape === 'primitive') return text;
  // Node joins repeated headers with ', ', so items carry optional whitespace (RFC 9110 §5.6.1).
  const items = splitList(text, ',').map(trimOptionalWhitespace);
  // §5.6.1 also has recipients ignore empty list elements; objects keep them so pairs stay aligned.
  if (spec.shape === 'array') return items.filter((item) => item !== '');
  return spec.explode ? objectFromAssignments(items) : objectFromAlternating(items);
}

export function parseCookies(header: string | undefined): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  // Node joins repeated Cookie headers with '; ', so one split covers them too.
  for (const piece of header.split(';')) {
    const equals = piece.indexOf('=');
    if (equals === -1) continue;
    const name = trimOptionalWhitespace(piece.slice(0, equals));
    // First wins: browsers send the most specific (longest path) cookie first (RFC 6265 §5.4).
    if (!isToken(name) || cookies.has(name)) continue;
    cookies.set(name, unquote(trimOptionalWhitespace(piece.slice(equals + 1))));
  }
  return cookies;
}

/**
 * Cookie values are form style. explode only matters for repeated cookies of one name, which browsers
 * do not keep apart reliably, so every shape reads the single value, comma-separated.
 */
export function readCookieParameter(spec: ParameterSerialization, cookies: ReadonlyMap<string, string>): unknown {
  const raw = cookies.get(spec.name);
  return raw === undefined ? undefined : fromDelimited(raw, spec.shape, ',');
}

/** A delimited value: the text itself, its items, or its items as alternating keys and values. */
function fromDelimited(text: string, shape: ValueShape, separator: string): unknown {
  if (shape === 'primitive') return text;
  const items = splitList(text, separator);
  return shape === 'array' ? items : objectFromAlternating(items);
}

/** An empty value is an empty list, not a list holding one empty string. */
function splitList(text: string, separator: string): string[] {
  return text === '' ? [] : text.split(separator);
}

/** Repeated values as a list; a lone empty value (`id=`) is the empty array, as the style table renders it. */
function listValues(values: readonly string[]): string[] {
  return values.length === 1 && values[0] === '' ? [] : [...values];
}

/** `['R', '100', 'G', '200']` -> {R: '100', G: '200'}; a trailing key without a value gets ''. */
function objectFromAlternating(items: readonly string[]): StringRecord {
  const result: StringRecord = {};
  for (let i = 0; i < items.length; i += 2) addEntry(result, items[i] as string, items[i + 1] ?? '');
  return result;
}

/** `['R=100', 'G=200']` -> {R: '100', G: '200'}; an item without '=' is a key with an empty value. */
function objectFromAssignments(items: readonly string[]): StringRecord {
  const result: StringRecord = {};
  for (const item of items) {
    if (item === '') continue;
    const equals = item.indexOf('=');
    if (equals === -1) addEntry(result, item, '');
    else addEntry(result, item.slice(0, equals), item.slice(equals + 1));
  }
  return result;
}

/** Sets an own property unless the key is unsafe or already set: the first occurrence wins, as for primitives. */
function addEntry<T>(target: Record<string, T>, key: string, value: T): boolean {
  if (UNSAFE_KEYS.has(key) || Object.hasOwn(target, key)) return false;
  target[key] = value;
  return true;
}

/** Strips SP and HTAB only: String.prototype.trim would also eat U+00A0, a legal obs-text byte in headers. */
function trimOptionalWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOptionalWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isOptionalWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isOptionalWhitespace(code: number): boolean {
  return code === 32 || code === 9;
}

function isToken(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const alphanumeric = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (!alphanumeric && !TOKEN_SYMBOLS.includes(text.charAt(i))) return false;
  }
  return true;
}

/** RFC 6265 §4.1.1 allows a cookie value wrapped in DQUOTEs; the quotes are not part of the value. */
function unquote(value: string): string {
  return value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34 ? value.slice(1, -1) : value;
}
