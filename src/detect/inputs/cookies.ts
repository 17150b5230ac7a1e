// Cookies (RFC 6265 §5.4, every `Cookie` header): split on `;`, trimmed, `name=value` at the first `=`
// (values keep theirs: base64 padding, nested `k=v`), raw and still percent-encoded. A pair without `=`
// is a nameless cookie whose value is the whole pair, as RFC 6265bis and browsers read it.
import { addField, locationName, type FieldSink } from './field-sink.js';

/** Module-level aliases: see json-text.ts (imported bindings cost two getters each under a CommonJS transform). */
const add = addField;
const nameInLocation = locationName;

export function extractCookies(sink: FieldSink, rawHeaders: readonly string[]): void {
  for (let index = 0; index + 1 < rawHeaders.length && !sink.isFull; index += 2) {
    const name = rawHeaders[index] as string;
    if (name.length === 6 && name.toLowerCase() === 'cookie') extractCookieHeader(sink, rawHeaders[index + 1] as string);
  }
}

function extractCookieHeader(sink: FieldSink, header: string): void {
  let start = 0;
  while (start < header.length && !sink.isFull) {
    let end = header.indexOf(';', start);
    if (end === -1) end = header.length;
    const pair = trimSpaces(header, start, end);
    if (pair.length > 0) {
      const equals = pair.indexOf('=');
      if (equals === -1) {
        add(sink, 'cookie', 'cookie', 'cookie.', '', false, pair);
      } else {
        const cookieName = trimSpaces(pair, 0, equals);
        const location = 'cookie.' + nameInLocation(cookieName);
        add(sink, 'cookie', 'cookie', location + '#name', cookieName, true, cookieName);
        add(sink, 'cookie', 'cookie', location, cookieName, false, trimSpaces(pair, equals + 1, pair.length));
      }
    }
    start = end + 1;
  }
}

/** `text[start, end)` without leading and trailing spaces and tabs (RFC 6265 OWS). */
function trimSpaces(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}
