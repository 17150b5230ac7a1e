// Range headers that make a server do far more work than the resource is worth (CVE-2011-3192, "Apache
// Killer": hundreds of overlapping ranges, each answered as its own part of a multipart response).
// RFC 9110 §14.2 lets a server refuse many small or overlapping ranges; a client has no use for either.

/** More ranges than a client splits one download into; CVE-2011-3192 sends hundreds. */
export const MAX_RANGES = 10;

/**
 * Whether a Range value asks for more than MAX_RANGES ranges, or for byte ranges that overlap (a
 * second request for bytes already asked for). Open (`500-`) and suffix (`-500`) ranges count; a
 * suffix range is left out of the overlap test, as its place depends on the length.
 */
export function isAbusiveRange(value: string): boolean {
  const equals = value.indexOf('=');
  if (equals === -1) return false;
  const ranges: [number, number][] = [];
  let start = equals + 1;
  for (let count = 0; start <= value.length; count++) {
    if (count >= MAX_RANGES) return true;
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const range = parseRange(value, start, end);
    if (range !== undefined) {
      for (const other of ranges) if (range[0] <= other[1] && other[0] <= range[1]) return true;
      ranges.push(range);
    }
    start = end + 1;
  }
  return false;
}

/** `first-last` or `first-` as an inclusive pair (an open end is Infinity); undefined for a suffix or malformed range. */
function parseRange(value: string, start: number, end: number): [number, number] | undefined {
  const spec = value.slice(start, end).trim();
  const dash = spec.indexOf('-');
  if (dash <= 0) return undefined;
  const first = Number(spec.slice(0, dash));
  const lastText = spec.slice(dash + 1);
  const last = lastText === '' ? Infinity : Number(lastText);
  if (!Number.isInteger(first) || Number.isNaN(last)) return undefined;
  // `5-0` is unsatisfiable; it still asks for byte 5 onwards to a parser that swaps or clamps.
  return last < first ? [last, first] : [first, last];
}
