// JSON bodies read straight from their bytes (RFC 8259), in one validating pass that emits the same
// fields walkJson emits for the parsed value, without building the value first: JSON.parse plus the
// walk cost about three times this scan on a typical body, and the objects they build are walked once
// and dropped. Two differences, both on the side of seeing more: fields come in document order, and a
// repeated key yields every one of its values (`{"role":"user","role":"admin"}`: backends disagree
// on which one wins).
//
// The body must be valid JSON as JSON.parse judges it; otherwise every field the scan added is taken
// back and the caller inspects the body as text. A GraphQL-over-HTTP body (a root object, or a batch
// of them, with a string `query`) is handed back too, to be read as GraphQL.
import { addField, report, type FieldSink } from './field-sink.js';
import { keySegment } from './json.js';
import { CHAR, profileOf } from '../text-profile.js';

export type JsonTextOutcome = 'extracted' | 'invalid' | 'graphql';

/**
 * Module-level aliases of imported functions. Under a CommonJS transform (tsx loading the engine from a
 * CommonJS entry) each use of an imported binding runs two getters, ~15 ns, as much as scanning a
 * short string; a local binding costs nothing in either module system.
 */
const add = addField;
const segmentOf = keySegment;

/** `[0]`, `[1]`... built once: most arrays in a body are short. */
const INDEX_SEGMENTS: readonly string[] = Array.from({ length: 64 }, (_, index) => `[${index}]`);
/** Appended to the location at maxDepth, as walkJson does: every deeper value is located there. */
const DEEPER = '[...]';
/** In the stack of array indexes: the container is an object. */
const OBJECT = -1;
/** Returned by the readers for invalid JSON, and by readKey once the sink is full. */
const INVALID = -1;
const FULL = -2;

/**
 * One body being read. The scan runs over the bytes (indexing a Buffer costs half of charCodeAt on
 * the decoded string); strings are taken from `text` when its offsets are the bytes' (ASCII, the
 * common case), else decoded from their bytes.
 */
interface Body {
  readonly bytes: Buffer;
  readonly text: string;
  readonly isAligned: boolean;
  readonly end: number;
  /** Set by valueEnd and keyEnd: the string they just scanned holds a backslash escape (stringAt clears it). */
  hasEscape: boolean;
  /**
   * Set by valueEnd and keyEnd: the CHAR profile of the string they just scanned, or -1 when it holds
   * an escape (the decoded text's characters are not the bytes').
   */
  profile: number;
  /** Set by keyEnd: the key it just scanned is an identifier by keySegment's rule. */
  isIdentifier: boolean;
  /** Set by readKey: the location and name of the member whose key it read. */
  keyLocation: string;
  keyName: string;
}

/**
 * Scans `bytes` (a whole body; `text` is its UTF-8 decoding) into `sink`; see the file comment for
 * the outcomes. Nothing is added unless the outcome is 'extracted'.
 */
export function extractJsonText(sink: FieldSink, bytes: Buffer, text: string): JsonTextOutcome {
  const fieldCount = sink.fields.length;
  const { charsLeft, isFull, truncated } = sink;
  const problemCount = sink.problems.length;
  // UTF-8 decoding keeps offsets only when every byte became one code unit: ASCII (an invalid byte
  // also becomes one U+FFFD, and every multi-byte sequence shortens the text).
  const body: Body = { bytes, text, isAligned: text.length === bytes.length, end: bytes.length, hasEscape: false, profile: -1, isIdentifier: false, keyLocation: '', keyName: '' };
  const outcome = scan(sink, body);
  if (outcome !== 'extracted') {
    sink.fields.length = fieldCount;
    sink.charsLeft = charsLeft;
    sink.isFull = isFull;
    sink.truncated = truncated;
    sink.problems.length = problemCount;
  }
  return outcome;
}

function scan(sink: FieldSink, body: Body): JsonTextOutcome {
  const { bytes, end } = body;
  const maxDepth = sink.limits.maxDepth;
  // One entry per open container: its location, the key it sits under, and the index of its current
  // item (OBJECT for objects). Explicit stacks: nesting costs memory, never call stack.
  const locations: string[] = [];
  const names: string[] = [];
  const indexes: number[] = [];
  // Where the value about to be read sits, and whether it is an object member (for the GraphQL test).
  let location = 'body.$';
  let name = '';
  let isMember = false;
  // A byte order mark is not JSON (RFC 8259 §8.1) but parseJsonBody skips it, and so do many parsers.
  let at = skipSpace(bytes, end, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  for (;;) {
    // A value at `at`.
    const code = at < end ? (bytes[at] as number) : -1;
    if (code === 0x22) {
      const close = valueEnd(body, at);
      if (close === INVALID) return 'invalid';
      const value = stringAt(body, at, close);
      if (value === undefined) return 'invalid';
      if (isMember && name === 'query' && isGraphqlLevel(indexes)) return 'graphql';
      // A full sink ends the walk: what was read stands, as when a parsed body is walked.
      if (!add(sink, 'body', 'json', location, name, false, value, body.profile)) return 'extracted';
      at = close + 1;
    } else if (code === 0x7b || code === 0x5b) {
      const depth = locations.length + 1;
      // The root is never cut (walkJson starts its count there too).
      if (depth === maxDepth + 1 && depth > 1) {
        report(sink, `nesting deeper than ${maxDepth} levels: deeper values are located at their level-${maxDepth} ancestor`);
        location += DEEPER;
      }
      locations.push(location);
      names.push(name);
      at = skipSpace(bytes, end, at + 1);
      const next = at < end ? bytes[at] : -1;
      if (code === 0x5b) {
        indexes.push(0);
        if (next !== 0x5d) {
          if (depth <= maxDepth) location += '[0]';
          isMember = false;
          continue;
        }
      } else {
        indexes.push(OBJECT);
        if (next !== 0x7d) {
          at = readKey(sink, body, at, location, depth > maxDepth);
          if (at < 0) return at === FULL ? 'extracted' : 'invalid';
          location = body.keyLocation;
          name = body.keyName;
          isMember = true;
          continue;
        }
      }
      // An empty container: closed below with the others.
    } else {
      at = scalarEnd(bytes, end, at, code);
      if (at === INVALID) return 'invalid';
    }
    // After a value: `,` and the next item, or closing brackets, or the end of the body.
    for (;;) {
      at = skipSpace(bytes, end, at);
      const top = indexes.length - 1;
      if (top === -1) return at === end ? 'extracted' : 'invalid';
      const next = at < end ? bytes[at] : -1;
      const index = indexes[top] as number;
      if (next === 0x2c) {
        const parent = locations[top] as string;
        const isDeep = top + 1 > maxDepth;
        at = skipSpace(bytes, end, at + 1);
        if (index === OBJECT) {
          at = readKey(sink, body, at, parent, isDeep);
          if (at < 0) return at === FULL ? 'extracted' : 'invalid';
          location = body.keyLocation;
          name = body.keyName;
          isMember = true;
        } else {
          indexes[top] = index + 1;
          location = isDeep ? parent : parent + (INDEX_SEGMENTS[index + 1] ?? `[${index + 1}]`);
          name = names[top] as string;
          isMember = false;
        }
        break;
      }
      if (next !== (index === OBJECT ? 0x7d : 0x5d)) return 'invalid';
      at++;
      locations.pop();
      names.pop();
      indexes.pop();
    }
  }
}

/**
 * Reads `"key" :` at `at`, adds the key as a name field and sets body.keyLocation / keyName (past
 * maxDepth, `isDeep`, members take their container's location). Returns where the member's value
 * starts, INVALID, or FULL once the sink is.
 */
function readKey(sink: FieldSink, body: Body, at: number, parent: string, isDeep: boolean): number {
  const { bytes, end } = body;
  if (at >= end || bytes[at] !== 0x22) return INVALID;
  const close = keyEnd(body, at);
  if (close === INVALID) return INVALID;
  const key = stringAt(body, at, close);
  if (key === undefined) return INVALID;
  const colon = skipSpace(bytes, end, close + 1);
  if (colon >= end || bytes[colon] !== 0x3a) return INVALID;
  // keySegment's test for `.name` over `["name"]`, already made by the scan (same rule, no second pass).
  const location = isDeep ? parent : body.isIdentifier ? parent + '.' + key : parent + segmentOf(key);
  body.keyLocation = location;
  body.keyName = key;
  if (!add(sink, 'body', 'json', location + '#name', key, true, key, body.profile)) return FULL;
  return skipSpace(bytes, end, colon + 1);
}

/**
 * Where GraphQL-over-HTTP puts `query`: a member of the root object, or of an object in a root array.
 * `indexes` holds the open containers, the innermost (an object: the caller checked) last.
 */
function isGraphqlLevel(indexes: readonly number[]): boolean {
  return indexes.length === 1 || (indexes.length === 2 && indexes[0] !== OBJECT);
}

/**
 * The index of the quote closing the string that opens at `start`; INVALID when the body ends first
 * or a control character appears (JSON wants them escaped). Sets body.hasEscape and body.profile. The
 * loop runs over every byte of every value, so it is kept to one table lookup per byte, which yields
 * the string's profile on the way: the engine need not scan the value again.
 */
function valueEnd(body: Body, start: number): number {
  const { bytes, end } = body;
  let profile = 0;
  let at = start + 1;
  for (;;) {
    let bits = 0;
    while (at < end && ((bits = BYTE_PROFILE[bytes[at] as number] as number) & STRING_STOP) === 0) {
      profile |= bits;
      at++;
    }
    if (at >= end) return INVALID;
    const code = bytes[at] as number;
    if (code === 0x22) break;
    if (code !== 0x5c) return INVALID; // a control character
    body.hasEscape = true;
    at += 2;
  }
  body.profile = body.hasEscape ? -1 : profile;
  return at;
}

/** valueEnd for a key, which also tells whether it is an identifier (body.isIdentifier, keySegment's rule). */
function keyEnd(body: Body, start: number): number {
  const { bytes, end } = body;
  // ASCII letters, digits, `_`, `$`; no digit first; 1 to 256 characters.
  let isIdentifier = start + 1 < end && IDENTIFIER[bytes[start + 1] as number] === IDENTIFIER_START;
  let profile = 0;
  for (let at = start + 1; at < end; at++) {
    const code = bytes[at] as number;
    if (code === 0x22) {
      body.isIdentifier = isIdentifier && at - start <= 257;
      body.profile = body.hasEscape ? -1 : profile;
      return at;
    }
    profile |= BYTE_PROFILE[code] as number;
    if (code === 0x5c) {
      body.hasEscape = true;
      isIdentifier = false;
      at++;
    } else if (code < 0x20) return INVALID;
    else if (IDENTIFIER[code] === 0) isIdentifier = false;
  }
  return INVALID;
}

/** In BYTE_PROFILE, above every CHAR bit: the bytes that end a run of plain string content (`"`, `\`, C0 controls). */
const STRING_STOP = 1 << 30;

/**
 * Per byte: its CHAR bit (profileOf's, taken from profileOf itself; every byte of a multi-byte UTF-8
 * sequence is `nonAscii`, as the character it encodes is), plus STRING_STOP.
 */
const BYTE_PROFILE = Int32Array.from({ length: 256 }, (_, code) => {
  const bits = code < 0x80 ? profileOf(String.fromCharCode(code)) : CHAR.nonAscii;
  return code < 0x20 || code === 0x22 || code === 0x5c ? bits | STRING_STOP : bits;
});

/** Per byte: IDENTIFIER_START for `A-Z a-z _ $`, 1 for digits, 0 for the rest (non-ASCII included). */
const IDENTIFIER_START = 2;
const IDENTIFIER = ((): Uint8Array => {
  const table = new Uint8Array(256);
  for (let code = 0x30; code <= 0x39; code++) table[code] = 1;
  for (let code = 0x41; code <= 0x5a; code++) table[code] = IDENTIFIER_START;
  for (let code = 0x61; code <= 0x7a; code++) table[code] = IDENTIFIER_START;
  table[0x5f] = IDENTIFIER_START;
  table[0x24] = IDENTIFIER_START;
  return table;
})();

/** The string between the quotes at `open` and `close`, escapes undone; undefined when an escape is invalid. */
function stringAt(body: Body, open: number, close: number): string | undefined {
  if (!body.hasEscape) return body.isAligned ? body.text.slice(open + 1, close) : body.bytes.toString('utf8', open + 1, close);
  body.hasEscape = false;
  const literal = body.isAligned ? body.text.slice(open, close + 1) : body.bytes.toString('utf8', open, close + 1);
  try {
    // JSON.parse of the literal alone applies exactly the escapes, and their validation, it would in the body.
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** Past the number or literal starting at `at` (`code` is its first byte); INVALID when there is none. */
function scalarEnd(bytes: Buffer, end: number, at: number, code: number): number {
  if (code === 0x74) return matches(bytes, end, at, TRUE) ? at + 4 : INVALID;
  if (code === 0x66) return matches(bytes, end, at, FALSE) ? at + 5 : INVALID;
  if (code === 0x6e) return matches(bytes, end, at, NULL) ? at + 4 : INVALID;
  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  let position = code === 0x2d ? at + 1 : at;
  const first = position < end ? (bytes[position] as number) : -1;
  if (first === 0x30) position++;
  else if (first >= 0x31 && first <= 0x39) position = digitsEnd(bytes, end, position + 1);
  else return INVALID;
  if (position < end && bytes[position] === 0x2e) {
    const fractionEnd = digitsEnd(bytes, end, position + 1);
    if (fractionEnd === position + 1) return INVALID;
    position = fractionEnd;
  }
  if (position < end && (bytes[position] === 0x65 || bytes[position] === 0x45)) {
    let digits = position + 1;
    if (digits < end && (bytes[digits] === 0x2b || bytes[digits] === 0x2d)) digits++;
    position = digitsEnd(bytes, end, digits);
    if (position === digits) return INVALID;
  }
  return position;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

function matches(bytes: Buffer, end: number, at: number, word: Buffer): boolean {
  if (at + word.length > end) return false;
  for (let index = 1; index < word.length; index++) if (bytes[at + index] !== word[index]) return false;
  return true;
}

function digitsEnd(bytes: Buffer, end: number, at: number): number {
  let position = at;
  while (position < end && isDigit(bytes[position] as number)) position++;
  return position;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Past JSON whitespace (space, tab, LF, CR) from `at`. */
function skipSpace(bytes: Buffer, end: number, at: number): number {
  let position = at;
  while (position < end && isSpace(bytes[position] as number)) position++;
  return position;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
