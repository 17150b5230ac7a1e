// Path segments as fields `path[0]`, `path[1]`...: raw and still percent-encoded (the normalisers decode,
// repeatedly), split only on literal slashes so `%2F` stays inside its segment, as a router sees it.
// Matrix parameters (`;jsessionid=x`, RFC 3986 §3.3) stay part of their segment.
//
// A payload that holds literal slashes (`http://127.0.0.1/admin`, `; cat /etc/passwd`, `//proc/self/environ`)
// spans segments, and a catch-all route (`/files/*path`, `{proxy+}`) hands it to the backend whole. So
// the rest of the path from the first segment that is not a plain route word (`api`, `v1`, `orders`,
// `42`) is one more field, `path[3..]`, when more segments follow it: each piece alone says nothing.
import { addField, type FieldSink } from './field-sink.js';

/** Module-level alias: see json-text.ts (imported bindings cost two getters each under a CommonJS transform). */
const add = addField;

/** `path[0]`... built once: nearly every path is shorter. */
const SEGMENT_LOCATIONS: readonly string[] = Array.from({ length: 32 }, (_, index) => `path[${index}]`);

export function extractPath(sink: FieldSink, path: string): void {
  // The first segment follows the leading slash; a target without one (`*`, absolute-form) starts at 0.
  const hasRoot = path.charCodeAt(0) === 47;
  let start = hasRoot ? 1 : 0;
  let index = 0;
  // Where the rest of the path turns into something other than route words; -1 while it has not.
  let tailStart = -1;
  let tailIndex = 0;
  while (start <= path.length) {
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    // Empty segments (`//`) keep their number, so `path[2]` names the same place however slashes repeat.
    if (end > start && !add(sink, 'path', 'path', SEGMENT_LOCATIONS[index] ?? `path[${index}]`, '', false, path.slice(start, end))) return;
    if (tailStart === -1 && hasRoot && end < path.length && !isRouteWord(path, start, end)) {
      tailStart = start;
      tailIndex = index;
    }
    index++;
    start = end + 1;
  }
  if (tailStart !== -1 && hasContent(path, tailStart)) add(sink, 'path', 'path', `path[${tailIndex}..]`, '', false, path.slice(tailStart));
}

/** Something other than slashes from `start` on: a run of empty segments alone is no payload. */
function hasContent(path: string, start: number): boolean {
  for (let at = start; at < path.length; at++) if (path.charCodeAt(at) !== 47) return true;
  return false;
}

/**
 * A segment a router matches as it is: letters, digits and `-_.~` (RFC 3986 unreserved), not empty and
 * not a dot segment. Anything else (`%`, `:`, `;`, quotes, an empty `//` segment, `..`) may be the
 * start of a payload.
 */
function isRouteWord(path: string, start: number, end: number): boolean {
  if (end === start) return false;
  let dots = 0;
  for (let at = start; at < end; at++) {
    const code = path.charCodeAt(at);
    if (code === 0x2e) dots++;
    else if (!isUnreservedWordCharacter(code)) return false;
  }
  return dots < end - start || dots > 2;
}

/** ASCII letters, digits, `-`, `_` and `~`. */
function isUnreservedWordCharacter(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f || code === 0x7e;
}
