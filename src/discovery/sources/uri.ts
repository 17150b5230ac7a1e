// Request targets as files record them: split into path and query without normalising the path
// (RFC 3986 §3), query pairs decoded leniently, so that no byte sequence a client sent can throw.

export interface Target {
  /** Percent-encoded path, never normalised (dot segments and `%2F` are what discovery must see). */
  path: string;
  /** The raw query after `?`, without a fragment; undefined when there is no `?`. */
  query?: string;
}

// RFC 3986 pchar plus "/": what may stand unencoded in a path. Anything else is percent-encoded.
const PATH_SAFE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/** Origin-form target (`/a/b?x=1#f`) into path and query; undefined when it is not origin-form. */
export function splitTarget(target: string): Target | undefined {
  if (!target.startsWith('/')) return undefined;
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  if (question === -1) return { path: encodePath(withoutFragment) };
  return { path: encodePath(withoutFragment.slice(0, question)), query: withoutFragment.slice(question + 1) };
}

/**
 * An absolute URL into scheme, host and target, reading the path from the raw text because WHATWG
 * `URL` rewrites it (dot segments, `\` to `/`), which would hide what the client sent. The host comes
 * from `URL` (lowercased, IDNA, default port dropped, user:password removed). Undefined when unusable.
 */
export function splitUrl(url: string): (Target & { scheme: string; host: string }) | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/[^/?#]*/.exec(url);
  if (match === null) return undefined;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return undefined;
  }
  const rest = url.slice(match[0].length);
  const target = splitTarget(rest.startsWith('/') ? rest : `/${rest}`);
  if (target === undefined) return undefined;
  return { ...target, scheme: (match[1] ?? '').toLowerCase(), host };
}

/**
 * The path as sent where it is valid, with the characters that cannot stand raw in a path (space,
 * controls, non-ASCII, `"<>\^`{|}`, a `%` not starting an escape) percent-encoded as UTF-8, so that
 * every consumer can decode it the same way.
 */
export function encodePath(path: string): string {
  if (PATH_SAFE.test(path)) return path;
  let encoded = '';
  for (let index = 0; index < path.length; index++) {
    const char = path[index] ?? '';
    if (char === '%' && HEX_PAIR.test(path.slice(index + 1, index + 3))) encoded += char;
    else if (PATH_CHAR.test(char)) encoded += char;
    else encoded += percentEncode(char, path.charCodeAt(index + 1));
    // A surrogate pair was encoded as one code point: step over its second half.
    if (isHighSurrogate(path.charCodeAt(index)) && isLowSurrogate(path.charCodeAt(index + 1))) index += 1;
  }
  return encoded;
}

function percentEncode(char: string, nextCode: number): string {
  const codePoint = isHighSurrogate(char.charCodeAt(0)) && isLowSurrogate(nextCode) ? char + String.fromCharCode(nextCode) : char;
  // A lone surrogate becomes U+FFFD (EF BF BD), as Buffer.from does for any unpaired half.
  return [...Buffer.from(codePoint, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * One query or form component: `+` as space, then percent-decoding (WHATWG URL §5.1). A stray `%`
 * stays as is and escapes that are not UTF-8 become U+FFFD, as browsers and most servers decode.
 */
export function decodeComponent(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeLeniently(spaced);
  }
}

function decodeLeniently(text: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const pair = text.slice(index + 1, index + 3);
    if (text[index] === '%' && HEX_PAIR.test(pair)) {
      bytes.push(Number.parseInt(pair, 16));
      index += 2;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? 0;
    const char = String.fromCodePoint(codePoint);
    bytes.push(...Buffer.from(char, 'utf8'));
    index += char.length - 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `a=1&b&c=x+y` → [['a','1'], ['b',''], ['c','x y']], in order; empty pieces (`&&`) are dropped. */
export function parseQuery(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    if (equals === -1) pairs.push([decodeComponent(piece), '']);
    else pairs.push([decodeComponent(piece.slice(0, equals)), decodeComponent(piece.slice(equals + 1))]);
  }
  return pairs;
}
