// One pass over a request's raw headers (Node's rawHeaders: names as sent, alternating with values),
// keeping what the protocol checks need: the framing and routing headers by value, and the first
// header whose name or value the HTTP grammar (RFC 9110 §5.1, §5.5) does not allow.

export interface HeaderSummary {
  readonly transferEncodings: string[];
  readonly contentLengths: string[];
  readonly hosts: string[];
  expect?: string;
  /** X-HTTP-Method-Override and its siblings: the header as sent and its value. */
  methodOverride?: { readonly name: string; readonly value: string };
  connection?: string;
  upgrade?: string;
  readonly contentTypes: string[];
  /** The first Range header (RFC 9110 §14.2). */
  range?: string;
  /** A framing or forwarding header spelled with underscores (`Transfer_Encoding`), as sent. */
  underscoreName?: string;
  /** A name that is not an RFC 9110 token (spaces, colons, controls, non-ASCII). */
  invalidName?: string;
  /** A header whose value holds CR, LF, NUL or another control character (smuggled lines, obs-fold). */
  controlValue?: { readonly name: string; readonly value: string };
  readonly count: number;
}

/** The names clients send: a subset of tokens without underscores. */
const PLAIN_NAME = /^[A-Za-z0-9-]+$/;
/** RFC 9110 §5.6.2: token = 1*tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * RFC 9110 §5.5: field values are visible characters, spaces, tabs and obs-text; nothing else. Written
 * as "all allowed" rather than a search for a control: V8 runs the anchored greedy class about twice as
 * fast, and every value of every request goes through it.
 */
const VALID_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;
/**
 * The same name this many times is flooding (parameter pollution across duplicates, parser limits);
 * repeats below it are left to the upstream's rules. Also the header count below which nobody floods,
 * so the common request skips the count.
 */
const FLOOD_COUNT = 16;
/** Cookie may legitimately arrive split over several lines (HTTP/2 to HTTP/1.1 translation, RFC 9113 §8.2.3). */
const REPEATABLE = new Set(['cookie']);
/** The headers kept by value; names are matched without lowercasing every header of every request. */
const WATCHED = [
  'host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'content-type', 'range',
  'x-http-method-override', 'x-http-method', 'x-method-override',
];
/**
 * Headers whose underscore spelling CGI, WSGI, PHP and some proxies fold onto the real name (both become
 * HTTP_TRANSFER_ENCODING): one hop frames or trusts the request by a header the other does not see.
 */
const UNDERSCORE_SPELLINGS = new Set([
  'transfer_encoding', 'content_length', 'content_type', 'x_forwarded_for', 'x_forwarded_host', 'x_forwarded_proto', 'x_real_ip',
]);
const METHOD_OVERRIDES = new Set(['x-http-method-override', 'x-http-method', 'x-method-override']);

export function summarizeHeaders(rawHeaders: readonly string[]): HeaderSummary {
  const summary: HeaderSummary = { transferEncodings: [], contentLengths: [], hosts: [], contentTypes: [], count: rawHeaders.length >> 1 };
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const value = rawHeaders[index + 1] as string;
    // Nearly every name is letters, digits and dashes: one scan settles both the grammar and the underscores.
    if (!PLAIN_NAME.test(name)) inspectUnusualName(summary, name);
    if (summary.controlValue === undefined && !VALID_VALUE.test(value)) summary.controlValue = { name, value };
    const watched = watchedName(name);
    if (watched !== undefined) keepWatched(summary, watched, value);
  }
  return summary;
}

function inspectUnusualName(summary: HeaderSummary, name: string): void {
  if (summary.invalidName === undefined && !TOKEN.test(name)) summary.invalidName = name;
  if (summary.underscoreName === undefined && name.indexOf('_') !== -1 && UNDERSCORE_SPELLINGS.has(name.toLowerCase())) summary.underscoreName = name;
}

function keepWatched(summary: HeaderSummary, name: string, value: string): void {
  switch (name) {
    case 'transfer-encoding': summary.transferEncodings.push(value); break;
    case 'content-length': summary.contentLengths.push(value); break;
    case 'host': summary.hosts.push(value); break;
    case 'expect': summary.expect ??= value; break;
    case 'connection': summary.connection ??= value; break;
    case 'upgrade': summary.upgrade ??= value; break;
    case 'content-type': summary.contentTypes.push(value); break;
    case 'range': summary.range ??= value; break;
    default: if (METHOD_OVERRIDES.has(name)) summary.methodOverride ??= { name, value };
  }
}

/** WATCHED by name length: most names are ruled out by one array lookup, the rest by a compare or two. */
const WATCHED_BY_LENGTH = buildWatchedByLength();

function buildWatchedByLength(): (readonly string[] | undefined)[] {
  const byLength: string[][] = [];
  for (const name of WATCHED) (byLength[name.length] ??= []).push(name);
  return byLength;
}

function watchedName(name: string): string | undefined {
  const candidates = WATCHED_BY_LENGTH[name.length];
  if (candidates === undefined) return undefined;
  for (const watched of candidates) if (equalsIgnoringCase(name, watched)) return watched;
  return undefined;
}

/** `name` equals the lowercase `lower` with ASCII letters folded (header names are case-insensitive, RFC 9110 §5.1). */
function equalsIgnoringCase(name: string, lower: string): boolean {
  for (let index = 0; index < lower.length; index++) {
    const code = name.charCodeAt(index);
    const folded = code >= 65 && code <= 90 ? code + 32 : code;
    if (folded !== lower.charCodeAt(index)) return false;
  }
  return true;
}

/** A name sent FLOOD_COUNT times or more (Cookie aside), or undefined. */
export function floodedName(rawHeaders: readonly string[]): string | undefined {
  if (rawHeaders.length < FLOOD_COUNT * 2) return undefined;
  const counts = new Map<string, number>();
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as string).toLowerCase();
    if (REPEATABLE.has(name)) continue;
    const count = (counts.get(name) ?? 0) + 1;
    if (count >= FLOOD_COUNT) return name;
    counts.set(name, count);
  }
  return undefined;
}
