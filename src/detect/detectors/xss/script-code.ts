// What makes a string JavaScript an attacker wants run: calls of the sinks XSS payloads use to prove or
// exploit a hole (alert, eval, fetch, document.cookie ...; PortSwigger XSS cheat sheet), code-shaped
// handler values, and the inert JSX references (`{handler}`) that code snippets in comments carry.

/** Functions whose call is the point of a payload; followed by `(` or a backtick (tagged template call). */
const CALL_SINKS: ReadonlySet<string> = new Set([
  'alert', 'confirm', 'prompt', 'print', 'eval', 'fetch', 'import', 'settimeout', 'setinterval', 'execscript',
  'atob', 'fromcharcode', 'constructor', 'function', 'write', 'writeln', 'sendbeacon',
]);
/** Sinks no prose calls with a space before the parenthesis either. */
const SPACED_CALL_SINKS: ReadonlySet<string> = new Set(['alert', 'confirm', 'prompt', 'eval', 'fromcharcode', 'constructor']);
/** Globals whose members reach the page (cookies, navigation, other windows); followed by `.`, `[` or `=`. */
const OBJECT_SINKS: ReadonlySet<string> = new Set(['document', 'window', 'top', 'self', 'parent', 'frames', 'globalthis', 'opener', 'location', 'cookie']);
/** Identifiers longer than this are not sinks; the bound keeps each word's slice small. */
const MAX_SINK_LENGTH = 12;

/** Index of the first sink call (or, unless `isCallOnly`, sink object access) in [start, end), or -1. */
export function findSink(text: string, start: number, end: number, isCallOnly = false): number {
  let index = start;
  while (index < end) {
    if (!isIdentifierStart(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const wordStart = index;
    while (index < end && isIdentifierPart(text.charCodeAt(index))) index++;
    if (index - wordStart <= MAX_SINK_LENGTH && isSinkUse(text.slice(wordStart, index).toLowerCase(), text, index, end, isCallOnly)) return wordStart;
  }
  return -1;
}

function isSinkUse(word: string, text: string, after: number, end: number, isCallOnly: boolean): boolean {
  let next = after;
  while (next < end && isSpace(text.charCodeAt(next))) next++;
  const code = text.charCodeAt(next);
  // `write (soon)` is prose; `alert (1)` is still a payload.
  if (CALL_SINKS.has(word)) return (code === 40 || code === 96) && (next === after || SPACED_CALL_SINKS.has(word));
  return !isCallOnly && OBJECT_SINKS.has(word) && (code === 46 || code === 91 || (code === 61 && text.charCodeAt(next + 1) !== 61));
}

/** Objects reached without a call of their own name: `document.cookie`, `top['al'+'ert'](1)`, `location=...`. */
const OBJECT_SINK_PREFIXES = ['document.', 'document[', 'window[', 'window.', 'top[', 'self[', 'parent[', 'frames[', 'globalThis', 'location=', 'location.'];

/** Whether a sink starts at `at`: a call sink's name and its `(` or backtick, or an object sink. */
export function isSinkAt(text: string, at: number): boolean {
  if (!isIdentifierStart(text.charCodeAt(at))) return false;
  let end = at;
  while (end < text.length && end - at <= MAX_SINK_LENGTH && isIdentifierPart(text.charCodeAt(end))) end++;
  if (end - at <= MAX_SINK_LENGTH && isSinkUse(text.slice(at, end).toLowerCase(), text, end, text.length, true)) return true;
  return OBJECT_SINK_PREFIXES.some((prefix) => text.startsWith(prefix, at));
}

/**
 * Start of the sink whose call opens at `paren` (a `(` or backtick): `alert(`, `alert (`, `eval\``;
 * -1 when the word before it is not a call sink.
 */
export function callSinkBefore(text: string, paren: number): number {
  let wordEnd = paren;
  while (wordEnd > 0 && paren - wordEnd < 4 && isSpace(text.charCodeAt(wordEnd - 1))) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > 0 && wordEnd - wordStart <= MAX_SINK_LENGTH && isIdentifierPart(text.charCodeAt(wordStart - 1))) wordStart--;
  if (wordEnd - wordStart < 4 || wordEnd - wordStart > MAX_SINK_LENGTH) return -1;
  const word = text.slice(wordStart, wordEnd).toLowerCase();
  return CALL_SINKS.has(word) && (wordEnd === paren || SPACED_CALL_SINKS.has(word)) ? wordStart : -1;
}

/** Whether the word at `at` is one of the calls that only payloads make (alert, confirm, prompt, eval ...). */
export function isPayloadCall(text: string, at: number): boolean {
  let end = at;
  while (end < text.length && end - at <= MAX_SINK_LENGTH && isIdentifierPart(text.charCodeAt(end))) end++;
  return SPACED_CALL_SINKS.has(text.slice(at, end).toLowerCase());
}

/** Whether [start, end) holds more than a name: a call, an assignment, an index or a template. */
export function isCodeLike(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    // ( = [ ` ;
    if (code === 40 || code === 61 || code === 91 || code === 96 || code === 59) return true;
  }
  return false;
}

/** Whether [start, end) calls something: a `(` or a backtick (tagged template). */
export function hasCall(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 40 || code === 96) return true;
  }
  return false;
}

/**
 * Whether a handler value runs nothing: empty, or a JSX-style reference such as `{handleClick}` or
 * `{this.onSave}` (a block that only names a function). Anything with a call, operator or string runs.
 */
export function isInertHandler(text: string, start: number, end: number): boolean {
  let first = start;
  let last = end;
  while (first < last && isSpace(text.charCodeAt(first))) first++;
  while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
  if (first === last) return true;
  if (text.charCodeAt(first) !== 123 || text.charCodeAt(last - 1) !== 125 || last - first < 3) return false;
  for (let index = first + 1; index < last - 1; index++) {
    const code = text.charCodeAt(index);
    if (!isIdentifierPart(code) && code !== 46) return false;
  }
  return true;
}

export function isIdentifierStart(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || code === 95 || code === 36;
}

export function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

/** HTML's ASCII whitespace (tab, LF, FF, CR, space). */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}
