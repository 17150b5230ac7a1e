// Splits a request path into percent-decoded segments: no query, no empty or dot segments.

/** Runs of %XX escapes; each run decodes as a whole so multi-byte UTF-8 sequences survive. */
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Decodes valid escapes and keeps malformed ones as written: `%E2%82%AC` is `€`, `%zz` and a lone
 * `%C3` stay literal, so a hostile path cannot make decoding throw or pick a different split.
 */
export function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  return segment.replace(ESCAPE_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * The path is split before decoding, so an encoded `%2F` stays inside its segment. Empty segments
 * (`//`, a trailing `/`) are dropped: `/users/` and `/users` are one endpoint for an inventory. `.`
 * is dropped and `..` removes the previous segment (RFC 3986 section 5.2.4), never above the root.
 */
export function splitPath(path: string): string[] {
  let end = path.length;
  const query = path.indexOf('?');
  if (query !== -1) end = query;
  const fragment = path.indexOf('#');
  if (fragment !== -1 && fragment < end) end = fragment;
  const segments: string[] = [];
  for (const raw of path.slice(0, end).split('/')) {
    if (raw === '' || raw === '.') continue;
    const segment = decodeSegment(raw);
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments;
}
