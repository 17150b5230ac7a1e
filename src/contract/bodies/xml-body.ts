// Parses an XML request body with no DTD (so no entity expansion, XXE or external fetches) and
// within depth / node / text limits, then maps it to a JSON-like value guided by the OpenAPI XML
// Object (OAS 3.1.0 §4.8.26), so XML bodies are checked by the same JSON Schema validator as JSON.
import { SaxesParser } from 'saxes';

export interface XmlLimits {
  /** Element nesting depth (the root is depth 1); deeper -> fail 'depth'. */
  readonly maxDepth: number;
  /** Elements + attributes in total; more -> fail 'size'. */
  readonly maxNodes: number;
  /** Total characters (UTF-16 code units) of text + attribute values; more -> fail 'size'. */
  readonly maxTextBytes: number;
}

export type XmlFailureReason = 'doctype' | 'entity' | 'malformed' | 'depth' | 'size' | 'processing-instruction';

export type XmlParse = { ok: true; value: unknown } | { ok: false; reason: XmlFailureReason; problem: string };

type XmlFailure = Extract<XmlParse, { ok: false }>;

/** An element as read from the document: local names only, `xmlns` declarations dropped. */
interface XmlElement {
  readonly name: string;
  readonly attributes: XmlAttribute[];
  readonly children: XmlElement[];
  /** Direct character data (text and CDATA), concatenated. */
  text: string;
}

interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

/**
 * Parses `text` as an XML body and converts it to a JSON-like value; never throws.
 * `schema` is an OpenAPI 3.x Schema Object, already dereferenced (it MAY contain object cycles:
 * recursive schemas; guard with a visited set / depth), or undefined for schema-less conversion.
 */
export function parseXmlBody(text: string, schema: unknown, limits: XmlLimits): XmlParse {
  try {
    if (typeof text !== 'string') return { ok: false, reason: 'malformed', problem: 'the XML body is not text' };
    // Entities can only be declared in a DTD, and a DTD is refused below; this literal check is
    // defence in depth, rejecting a declaration anywhere (even in a comment or CDATA) before any
    // parsing happens (OWASP XXE Prevention Cheat Sheet; CWE-611, CWE-776). A declaration after a
    // DOCTYPE is reported as the DOCTYPE, which is what makes it dangerous.
    const entityAt = text.indexOf('<!ENTITY');
    if (entityAt !== -1) {
      const doctypeAt = text.lastIndexOf('<!DOCTYPE', entityAt);
      return doctypeAt === -1
        ? { ok: false, reason: 'entity', problem: `entity declarations are not allowed (${positionOf(text, entityAt)})` }
        : { ok: false, reason: 'doctype', problem: `document type declarations are not allowed (${positionOf(text, doctypeAt)})` };
    }
    const read = readDocument(text, limits);
    if (!read.ok) return read;

    const cache: ConversionCache = { views: new WeakMap(), bindings: new WeakMap() };
    const view = viewOf(schema, cache);
    // OAS 3.1.0 §4.8.26: an array's own xml.name names its wrapper only when `wrapped` is true.
    const expected = isArrayShaped(view) && !view.isWrapped ? [] : view.names;
    if (expected.length > 0 && !expected.includes(read.root.name)) {
      return { ok: false, reason: 'malformed', problem: `expected the root element <${expected.join('> or <')}>` };
    }
    return { ok: true, value: convertElement(read.root, schema, cache) };
  } catch (error) {
    // Conversion recurses once per nesting level; only an absurd maxDepth can exhaust the stack.
    if (error instanceof RangeError) return { ok: false, reason: 'depth', problem: 'the XML body is nested too deeply to convert' };
    return { ok: false, reason: 'malformed', problem: 'the XML body could not be read' };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading: saxes tokenises; the handlers enforce the policy and limits as the document streams, so
// a hostile document stops at the first offending token instead of after being read in full.

/** Thrown from handlers to stop saxes mid-document; the reason is kept in a local variable. */
const STOP = new Error('xml parse stopped');

type DocumentRead = { ok: true; root: XmlElement } | XmlFailure;

function readDocument(text: string, limits: XmlLimits): DocumentRead {
  // Namespace processing is off: prefixes are matched away (local names only, see localName), which
  // keeps unbound prefixes from being errors and needs no URI bookkeeping.
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let nodes = 0;
  let characters = 0;
  let failure: XmlFailure | undefined;

  const stop = (reason: XmlFailureReason, problem: string): never => {
    failure = { ok: false, reason, problem: `${problem} (line ${parser.line}, column ${parser.column})` };
    throw STOP;
  };
  const countNode = (): void => {
    nodes += 1;
    if (nodes > limits.maxNodes) stop('size', `more than ${limits.maxNodes} elements and attributes`);
  };
  const countCharacters = (length: number): void => {
    characters += length;
    if (characters > limits.maxTextBytes) stop('size', `more than ${limits.maxTextBytes} characters of text and attribute values`);
  };
  const appendText = (data: string): void => {
    countCharacters(data.length);
    const current = open.at(-1);
    // Outside the root only whitespace gets here (saxes rejects anything else); it is not data.
    if (current !== undefined) current.text += data;
  };

  // saxes reports a DOCTYPE once it has scanned it and never expands anything declared in it;
  // refusing it outright means no internal subset, no external subset, no SYSTEM/PUBLIC fetches.
  parser.on('doctype', () => stop('doctype', 'document type declarations are not allowed'));
  // The XML declaration is its own event ('xmldecl'); any other PI (xml-stylesheet, ...) is not API data.
  parser.on('processinginstruction', () => stop('processing-instruction', 'processing instructions are not allowed'));
  parser.on('opentagstart', (tag) => {
    if (open.length >= limits.maxDepth) stop('depth', `elements are nested deeper than ${limits.maxDepth} levels`);
    countNode();
    const element: XmlElement = { name: localName(tag.name), attributes: [], children: [], text: '' };
    const parent = open.at(-1);
    if (parent === undefined) root = element;
    else parent.children.push(element);
    open.push(element);
  });
  parser.on('attribute', (attribute) => {
    countNode();
    countCharacters(attribute.value.length);
    // Namespace declarations are syntax, not data.
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) return;
    open.at(-1)?.attributes.push({ name: localName(attribute.name), value: attribute.value });
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', () => {
    open.pop();
  });

  try {
    parser.write(text).close();
  } catch (error) {
    return failure ?? fromSaxesError(error, parser.line, parser.column);
  }
  if (root === undefined) return { ok: false, reason: 'malformed', problem: 'the XML body has no root element' };
  return { ok: true, root };
}

/**
 * Maps a saxes well-formedness error to a failure. saxes messages are "line:column: text" and some
 * end in a name from the document ("unclosed tag: secret"); only the fixed text before any colon
 * is kept, so the problem never echoes document content (CWE-209).
 */
function fromSaxesError(error: unknown, line: number, column: number): XmlFailure {
  const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : '';
  const summary = (message.split(':')[0] ?? '').trim().replace(/\.$/, '');
  const safe = /^[a-z][a-z ,'"]{0,80}$/i.test(summary) ? summary : 'syntax error';
  const lower = safe.toLowerCase();
  // Only the five predefined entities and character references exist without a DTD; anything
  // else (`&xxe;`) is an undefined entity, which saxes reports as an error.
  const reason: XmlFailureReason = lower.includes('entity') ? 'entity'
    : lower.includes('doctype') ? 'doctype'
      : lower.includes('processing instruction') ? 'processing-instruction'
        : 'malformed';
  const heading = reason === 'malformed' ? 'not well-formed XML' : 'not allowed in an XML body';
  return { ok: false, reason, problem: `${heading}: ${safe} (line ${line}, column ${column})` };
}

/**
 * Drops the prefix of a qualified name. Namespaces are deliberately not resolved: properties are
 * matched on local names, which is what OpenAPI's xml.name holds (xml.prefix / xml.namespace only
 * decorate it). Two namespaces using the same local name therefore collide, and a collision
 * becomes an array that fails the schema rather than one value silently winning.
 */
function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.lastIndexOf(':') + 1);
}

/** "line L, column C" (1-based) of an index, for problems found before saxes runs. */
function positionOf(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Schema views: what conversion needs from a (possibly composed, possibly cyclic) Schema Object.

interface SchemaView {
  /** JSON Schema types, declared or implied (properties -> object, items -> array, enum values). */
  readonly types: ReadonlySet<string>;
  /** Own properties first, then those of allOf / anyOf / oneOf subschemas (first wins). */
  readonly properties: ReadonlyMap<string, unknown>;
  readonly items: unknown;
  /** Element names from xml.name: the schema's own (or an allOf part's), else any oneOf/anyOf branch's. */
  readonly names: readonly string[];
  readonly isAttribute: boolean;
  readonly isWrapped: boolean;
}

type Shape = 'single' | 'wrapped' | 'unwrapped';

/** How an object schema's properties appear in XML, keyed by attribute / element local name. */
interface Bindings {
  readonly attributes: ReadonlyMap<string, { readonly key: string; readonly schema: unknown }>;
  readonly elements: ReadonlyMap<string, { readonly key: string; readonly schema: unknown; readonly shape: Shape }>;
}

interface ConversionCache {
  readonly views: WeakMap<object, SchemaView>;
  readonly bindings: WeakMap<SchemaView, Bindings>;
}

const EMPTY_VIEW: SchemaView = { types: new Set(), properties: new Map(), items: undefined, names: [], isAttribute: false, isWrapped: false };
const PRIMITIVE_TYPES = ['string', 'number', 'integer', 'boolean', 'null'];

/**
 * Flattens a schema and its allOf / anyOf / oneOf subschemas breadth-first, the schema's own
 * keywords first. A visited set makes composition cycles (S = { allOf: [S] }) terminate; nested
 * `properties` / `items` are not walked here: conversion reaches them only by following the
 * document, whose depth is limited.
 */
function viewOf(schema: unknown, cache: ConversionCache): SchemaView {
  if (!isRecord(schema)) return EMPTY_VIEW;
  const cached = cache.views.get(schema);
  if (cached !== undefined) return cached;

  const types = new Set<string>();
  const properties = new Map<string, unknown>();
  let items: unknown;
  let ownName: string | undefined;
  const branchNames: string[] = [];
  let isAttribute: boolean | undefined;
  let isWrapped: boolean | undefined;

  const queue: { schema: Record<string, unknown>; isBranch: boolean }[] = [{ schema, isBranch: false }];
  const seen = new Set<object>([schema]);
  for (let index = 0; index < queue.length; index += 1) {
    const { schema: current, isBranch } = queue[index]!;
    addTypes(current, types);
    if (isRecord(current.properties)) {
      for (const [key, value] of Object.entries(current.properties)) if (!properties.has(key)) properties.set(key, value);
    }
    if (items === undefined && isRecord(current.items)) items = current.items;
    if (isRecord(current.xml)) {
      const { name, attribute, wrapped } = current.xml;
      if (typeof name === 'string' && name !== '') {
        if (!isBranch) ownName ??= name;
        else if (!branchNames.includes(name)) branchNames.push(name);
      }
      if (typeof attribute === 'boolean') isAttribute ??= attribute;
      if (typeof wrapped === 'boolean') isWrapped ??= wrapped;
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const parts = current[keyword];
      if (!Array.isArray(parts)) continue;
      for (const part of parts as unknown[]) {
        if (!isRecord(part) || seen.has(part)) continue;
        seen.add(part);
        queue.push({ schema: part, isBranch: isBranch || keyword !== 'allOf' });
      }
    }
  }

  const view: SchemaView = {
    types,
    properties,
    items,
    names: ownName !== undefined ? [ownName] : branchNames,
    isAttribute: isAttribute ?? false,
    isWrapped: isWrapped ?? false,
  };
  cache.views.set(schema, view);
  return view;
}

function addTypes(schema: Record<string, unknown>, types: Set<string>): void {
  const declared = schema.type;
  if (typeof declared === 'string') types.add(declared);
  else if (Array.isArray(declared)) for (const type of declared as unknown[]) if (typeof type === 'string') types.add(type);
  // OAS 3.0 spelling of ['<type>', 'null'].
  if (schema.nullable === true) types.add('null');
  if (declared !== undefined) return;
  if (isRecord(schema.properties) || isRecord(schema.additionalProperties) || isRecord(schema.patternProperties)) types.add('object');
  if (isRecord(schema.items)) types.add('array');
  // An untyped enum / const still says what its values are, so '2' can become 2 for enum: [1, 2].
  const values: unknown[] = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : 'const' in schema ? [schema.const] : [];
  for (const value of values) {
    if (value === null) types.add('null');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') types.add(typeof value);
  }
}

function isArrayShaped(view: SchemaView): boolean {
  return view.types.has('array') && !view.types.has('object');
}

function bindingsOf(view: SchemaView, cache: ConversionCache): Bindings {
  const cached = cache.bindings.get(view);
  if (cached !== undefined) return cached;
  const attributes = new Map<string, { key: string; schema: unknown }>();
  const elements = new Map<string, { key: string; schema: unknown; shape: Shape }>();
  const bind = (names: readonly string[], fallback: string, binding: { key: string; schema: unknown; shape: Shape }): void => {
    for (const name of names.length > 0 ? names : [fallback]) if (!elements.has(name)) elements.set(name, binding);
  };
  for (const [key, schema] of view.properties) {
    const property = viewOf(schema, cache);
    if (property.isAttribute) {
      const name = property.names[0] ?? key;
      if (!attributes.has(name)) attributes.set(name, { key, schema });
    } else if (!isArrayShaped(property)) {
      bind(property.names, key, { key, schema, shape: 'single' });
    } else if (property.isWrapped) {
      // <wrapper><item/><item/></wrapper>: the wrapper is named by the array's xml.name.
      bind(property.names, key, { key, schema, shape: 'wrapped' });
    } else {
      // Repeated siblings named by items.xml.name (the array's own xml.name is ignored, §4.8.26).
      bind(viewOf(property.items, cache).names, key, { key, schema: property.items, shape: 'unwrapped' });
    }
  }
  // Many generated servers (the Swagger Petstore among them) name a wrapped array's wrapper after the
  // property and put xml.name on the items instead, against §4.8.26. Accept the property name as a
  // wrapper too, where nothing else claims it: the value is validated the same either way.
  for (const [key, schema] of view.properties) {
    const property = viewOf(schema, cache);
    if (!property.isAttribute && isArrayShaped(property) && property.isWrapped) bind([key], key, { key, schema, shape: 'wrapped' });
  }
  const bindings: Bindings = { attributes, elements };
  cache.bindings.set(view, bindings);
  return bindings;
}

// ---------------------------------------------------------------------------------------------
// Conversion. It follows the document, so it is bounded by maxDepth / maxNodes whatever cycles the
// schema has. Anything the schema does not explain is kept rather than dropped: the upstream parses
// the same XML, so content hidden from the validator would be a bypass (mass assignment, OWASP
// API3:2023); ambiguous content (a repeated single element) becomes an array that fails the schema.

function convertElement(element: XmlElement, schema: unknown, cache: ConversionCache): unknown {
  const view = viewOf(schema, cache);
  const { types } = view;
  const hasStructure = element.children.length > 0 || element.attributes.length > 0;
  const isPrimitive = PRIMITIVE_TYPES.some((type) => types.has(type));
  if ((types.has('object') || types.has('array')) && (hasStructure || !isPrimitive)) {
    return types.has('object') ? convertObject(element, view, cache) : convertArray(element, view, cache);
  }
  if (isPrimitive && !hasStructure) return convertText(element.text, view);
  return convertGeneric(element);
}

function convertObject(element: XmlElement, view: SchemaView, cache: ConversionCache): unknown {
  if (element.children.length === 0 && element.attributes.length === 0) {
    // <user/> is an empty object; <user>text</user> stays a string, which the validator rejects.
    return isBlank(element.text) ? {} : element.text;
  }
  const { attributes, elements } = bindingsOf(view, cache);
  const entries: Entries = new Map();
  for (const attribute of element.attributes) {
    const binding = attributes.get(attribute.name);
    if (binding === undefined) addEntry(entries, attribute.name, attribute.value);
    else addEntry(entries, binding.key, convertText(attribute.value, viewOf(binding.schema, cache)));
  }
  for (const child of element.children) {
    const binding = elements.get(child.name);
    if (binding === undefined) addEntry(entries, child.name, convertGeneric(child));
    else if (binding.shape === 'wrapped') addEntry(entries, binding.key, convertArray(child, viewOf(binding.schema, cache), cache));
    else addEntry(entries, binding.key, convertElement(child, binding.schema, cache), binding.shape === 'unwrapped');
  }
  if (!isBlank(element.text)) addEntry(entries, '#text', element.text);
  return toObject(entries);
}

/** The element is the wrapper; each child element is an item, whatever its name. */
function convertArray(element: XmlElement, view: SchemaView, cache: ConversionCache): unknown {
  // Attributes or text on a wrapper have no place in an array; keep them visible as an object
  // (which fails `type: array`) rather than dropping them.
  if (element.attributes.length > 0 || !isBlank(element.text)) return convertGeneric(element);
  return element.children.map((child) => convertElement(child, view.items, cache));
}

/** Schema-less: text-only -> string; otherwise an object, repeated names -> arrays, text -> '#text'. */
function convertGeneric(element: XmlElement): unknown {
  if (element.children.length === 0 && element.attributes.length === 0) return element.text;
  const entries: Entries = new Map();
  for (const attribute of element.attributes) addEntry(entries, attribute.name, attribute.value);
  for (const child of element.children) addEntry(entries, child.name, convertGeneric(child));
  if (!isBlank(element.text)) addEntry(entries, '#text', element.text);
  return toObject(entries);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Text to a primitive. Strings are kept verbatim (whitespace can be data); numbers and booleans are
 * trimmed and coerced only when the text is a JSON literal of that type. Anything else stays a
 * string so the validator reports it, rather than being guessed at ('0x10', '1e400', 'TRUE').
 */
function convertText(text: string, view: SchemaView): unknown {
  const { types } = view;
  if (types.has('string') || types.size === 0) return text;
  const trimmed = trimXmlSpace(text);
  if ((types.has('integer') || types.has('number')) && JSON_NUMBER.test(trimmed)) {
    const value = Number(trimmed);
    if (Number.isFinite(value)) return value;
  }
  if (types.has('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  // XML has no null; an empty element is the natural spelling when the schema allows null.
  if (types.has('null') && trimmed === '') return null;
  return text;
}

type Entries = Map<string, { values: unknown[]; isList: boolean }>;

function addEntry(entries: Entries, key: string, value: unknown, isList = false): void {
  let entry = entries.get(key);
  if (entry === undefined) {
    entry = { values: [], isList };
    entries.set(key, entry);
  }
  entry.isList ||= isList;
  entry.values.push(value);
}

/**
 * Builds the object with own data properties, as JSON.parse does: names come from the document, and
 * plain assignment of "__proto__" would set the prototype instead (CWE-1321).
 */
function toObject(entries: Entries): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, { values, isList }] of entries) {
    const value = isList || values.length !== 1 ? values : values[0];
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

// XML whitespace is only space, tab, CR and LF (XML 1.0 §2.3 S); String#trim would also drop U+00A0
// and friends, which are data. Written as loops: /\s+$/ is quadratic on long runs of spaces (CWE-1333).
function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function trimXmlSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isXmlSpace(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (!isXmlSpace(text.charCodeAt(index))) return false;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
