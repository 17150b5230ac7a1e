// XML and SOAP bodies, tokenised by saxes (which never fetches or expands anything): element text and
// CDATA as `body.xml./Envelope/Body/getUser/name`, attribute values as `.../name@attr`, processing
// instructions, and the whole DOCTYPE with its internal subset as `body.xml#doctype` (CWE-611, CWE-776).
// A document saxes cannot read is also inspected as raw text, after whatever was extracted.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { addField, locationName, note, report, type FieldSink } from './field-sink.js';
import { extractRawText } from './raw.js';

/**
 * Elements are located by local name, so a SOAP path does not depend on the prefix a client picked;
 * XInclude and XSLT elements keep a fixed prefix instead, found by namespace, whatever the document
 * wrote, because the XXE detector reads `xi:include@href` and `xsl:...` from the location.
 */
const FIXED_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['http://www.w3.org/2001/XInclude', 'xi:'],
  ['http://www.w3.org/1999/XSL/Transform', 'xsl:'],
]);

/** An entity declared in a DTD (which saxes does not read) leaves the document readable; it stays `&name;` in the text. */
const TOLERATED_ERROR = 'undefined entity';
/** Each saxes error builds an Error: past this many the document is read as text instead. */
const MAX_ERRORS = 64;
/** Thrown from the error handler to stop saxes. */
const STOP = new Error('xml extraction stopped');

/** The walk's state: one entry per open element in each list, and the namespace bindings in scope. */
interface XmlWalk {
  readonly sink: FieldSink;
  readonly locations: string[];
  readonly names: string[];
  /** Text gathered so far: mixed content and CDATA join up, as textContent reads them. */
  readonly texts: string[];
  /** The prefixes each element declares ('' for a default namespace), undefined when none. */
  readonly declared: (string[] | undefined)[];
  /**
   * Namespace URIs in scope by prefix, innermost last. saxes's own namespace mode looks prefixes up
   * through every open element, which is quadratic in nesting depth on a hostile document; this is
   * constant time per lookup.
   */
  readonly namespaces: Map<string, string[]>;
}

export function extractXml(sink: FieldSink, bytes: Buffer): void {
  // Namespace processing is done here (see XmlWalk.namespaces), so an unbound prefix is no error either.
  const parser = new SaxesParser({ xmlns: false, position: false });
  const walk: XmlWalk = { sink, locations: [], names: [], texts: [], declared: [], namespaces: new Map() };
  let errors = 0;
  let isMalformed = false;
  const appendText = (text: string): void => {
    const last = walk.texts.length - 1;
    // Outside the root only whitespace arrives here (saxes reports anything else as an error).
    if (last >= 0) walk.texts[last] += text;
  };
  listen(parser, {
    doctype: (doctype) => addField(sink, 'body', 'xml', 'body.xml#doctype', '!doctype', false, '<!DOCTYPE' + doctype + '>'),
    // xml-stylesheet and friends point a consumer at other documents.
    processinginstruction: (pi) => addField(sink, 'body', 'xml', 'body.xml#pi.' + locationName(pi.target), pi.target, false, pi.body),
    opentag: (tag) => openElement(walk, tag),
    text: appendText,
    cdata: appendText,
    closetag: () => closeElement(walk),
    error: (error) => {
      errors++;
      if (!error.message.includes(TOLERATED_ERROR)) isMalformed = true;
      if (errors > MAX_ERRORS) throw STOP;
    },
  });
  try {
    parser.write(bytes.toString('utf8')).close();
  } catch {
    isMalformed = true;
  }
  while (walk.texts.length > 0) closeElement(walk);
  if (isMalformed && !sink.isFull) {
    note(sink, 'a malformed XML body was also inspected as text');
    extractRawText(sink, bytes, 'body', 'raw', 'body.raw', '');
  }
}

function openElement(walk: XmlWalk, tag: SaxesTagPlain): void {
  // Nothing more can be added: stop reading (the raw fallback is skipped for a full sink as well).
  if (walk.sink.isFull) throw STOP;
  const { attributes } = tag;
  let declared: string[] | undefined;
  for (const name in attributes) {
    // xmlns="uri" and xmlns:prefix="uri" (Namespaces in XML 1.0 §3).
    if (name.charCodeAt(0) !== 120 || !name.startsWith('xmlns') || (name.length > 5 && name.charCodeAt(5) !== 58)) continue;
    const prefix = name.slice(6);
    (declared ??= []).push(prefix);
    const scope = walk.namespaces.get(prefix);
    if (scope === undefined) walk.namespaces.set(prefix, [attributes[name] as string]);
    else scope.push(attributes[name] as string);
  }
  const colon = tag.name.indexOf(':');
  const local = colon === -1 ? tag.name : tag.name.slice(colon + 1);
  const location = elementLocation(walk, colon === -1 ? '' : tag.name.slice(0, colon), local);
  walk.locations.push(location);
  walk.names.push(local);
  walk.texts.push('');
  walk.declared.push(declared);
  for (const name in attributes) addField(walk.sink, 'body', 'xml', location + '@' + locationName(name), name, false, attributes[name] as string);
}

function elementLocation(walk: XmlWalk, prefix: string, local: string): string {
  const depth = walk.locations.length;
  const maxDepth = walk.sink.limits.maxDepth;
  const parent = depth === 0 ? 'body.xml.' : (walk.locations[depth - 1] as string);
  if (depth > maxDepth) return parent;
  if (depth === maxDepth) {
    report(walk.sink, `nesting deeper than ${maxDepth} levels: deeper values are located at their level-${maxDepth} ancestor`);
    return parent + '/...';
  }
  const uri = walk.namespaces.get(prefix)?.at(-1);
  const fixed = uri === undefined ? undefined : FIXED_PREFIXES.get(uri);
  return parent + '/' + (fixed ?? '') + locationName(local);
}

function closeElement(walk: XmlWalk): void {
  const location = walk.locations.pop() as string;
  const name = walk.names.pop() as string;
  const text = walk.texts.pop() as string;
  for (const prefix of walk.declared.pop() ?? []) walk.namespaces.get(prefix)?.pop();
  if (!isBlank(text)) addField(walk.sink, 'body', 'xml', location, name, false, text);
}

/** Only XML whitespace (XML 1.0 §2.3 S): indentation between elements is not data. */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

type Parser = SaxesParser<{ xmlns: false; position: false }>;

interface Handlers {
  readonly doctype: (doctype: string) => void;
  readonly processinginstruction: (pi: { target: string; body: string }) => void;
  readonly opentag: (tag: SaxesTagPlain) => void;
  readonly text: (text: string) => void;
  readonly cdata: (text: string) => void;
  readonly closetag: () => void;
  readonly error: (error: Error) => void;
}

/**
 * Where saxes 6 keeps each handler. `on()` stores a handler under a computed key, and V8 turns an
 * object that gains a seventh property that way into a dictionary, which made every later read of
 * the parser's state (per character) about five times slower; assigning the same slots by name keeps
 * the parser a fast object. Checked against `on()` at load, with `on()` as the fallback should a
 * saxes release rename them.
 */
const HANDLER_SLOTS: Readonly<Record<keyof Handlers, string>> = {
  doctype: 'doctypeHandler', processinginstruction: 'piHandler', opentag: 'openTagHandler', text: 'textHandler',
  cdata: 'cdataHandler', closetag: 'closeTagHandler', error: 'errorHandler',
};

/** Whether the installed saxes keeps its handlers in HANDLER_SLOTS (a test asserts it does). */
export const HAS_HANDLER_SLOTS = ((): boolean => {
  const probe = new SaxesParser() as unknown as Record<string, unknown> & { on(event: string, handler: () => void): void };
  return Object.entries(HANDLER_SLOTS).every(([event, slot]) => {
    const marker = (): void => undefined;
    probe.on(event, marker);
    return probe[slot] === marker;
  });
})();

function listen(parser: Parser, handlers: Handlers): void {
  if (!HAS_HANDLER_SLOTS) {
    for (const event of Object.keys(HANDLER_SLOTS) as (keyof Handlers)[]) parser.on(event, handlers[event]);
    return;
  }
  const slots = parser as unknown as Record<string, unknown>;
  slots.doctypeHandler = handlers.doctype;
  slots.piHandler = handlers.processinginstruction;
  slots.openTagHandler = handlers.opentag;
  slots.textHandler = handlers.text;
  slots.cdataHandler = handlers.cdata;
  slots.closeTagHandler = handlers.closetag;
  slots.errorHandler = handlers.error;
}
