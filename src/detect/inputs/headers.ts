// Request headers: every value as `header.<name>` (names lowercased), and the names themselves only when
// they are not standard or common ones: a custom header name is client-chosen text that logging and
// routing code reads. `Cookie` is left to the cookie extractor, which splits it.
import { addField, locationName, type FieldSink } from './field-sink.js';

/**
 * Names that carry no attack of their own (RFC 9110, RFC 6265, Fetch, CORS, tracing and proxy
 * conventions); anything else is inspected as a name too.
 */
const COMMON_HEADER_NAMES: ReadonlySet<string> = new Set([
  'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'accept-datetime', 'access-control-request-headers',
  'access-control-request-method', 'authorization', 'b3', 'baggage', 'cache-control', 'cdn-loop', 'connection',
  'content-disposition', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5',
  'content-range', 'content-type', 'cookie', 'date', 'device-memory', 'digest', 'dnt', 'downlink', 'early-data', 'ect',
  'expect', 'forwarded', 'from', 'host', 'idempotency-key', 'if-match', 'if-modified-since', 'if-none-match', 'if-range',
  'if-unmodified-since', 'keep-alive', 'max-forwards', 'origin', 'pragma', 'prefer', 'priority', 'proxy-authorization',
  'proxy-connection', 'purpose', 'range', 'referer', 'rtt', 'save-data', 'sec-ch-ua', 'sec-ch-ua-mobile',
  'sec-ch-ua-platform', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-user', 'sec-gpc', 'sec-purpose',
  'sec-websocket-extensions', 'sec-websocket-key', 'sec-websocket-protocol', 'sec-websocket-version', 'te', 'trailer',
  'traceparent', 'tracestate', 'transfer-encoding', 'upgrade', 'upgrade-insecure-requests', 'user-agent', 'via', 'warning',
  'x-amzn-trace-id', 'x-api-key', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-spanid', 'x-b3-traceid', 'x-correlation-id',
  'x-csrf-token', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-prefix', 'x-forwarded-proto',
  'x-http-method-override', 'x-real-ip', 'x-request-id', 'x-requested-with', 'x-xsrf-token',
]);

/** What a header name contributes to its fields; `nameLocation` is undefined for a common name (not a field) and skipped headers. */
interface HeaderName {
  readonly name: string;
  readonly location: string;
  readonly nameLocation: string | undefined;
  /** Cookie (the cookie extractor's) and the HTTP/2 pseudo-headers that repeat the request line. */
  readonly isSkipped: boolean;
}

/**
 * Header names as received (`User-Agent`) to what they contribute: a request repeats the same dozen
 * names, and lowercasing and building locations for each was a fifth of the extraction's cost. Only
 * short names are kept, and the map is emptied when full, so names an attacker invents cost memory
 * only up to the bound and never evict anything for long.
 */
const HEADER_NAMES = new Map<string, HeaderName>();
const MAX_CACHED_NAMES = 512;
const MAX_CACHED_NAME_LENGTH = 64;

/** Module-level alias: see json-text.ts (imported bindings cost two getters each under a CommonJS transform). */
const add = addField;

export function extractHeaders(sink: FieldSink, rawHeaders: readonly string[]): void {
  for (let index = 0; index + 1 < rawHeaders.length && !sink.isFull; index += 2) {
    const header = headerName(rawHeaders[index] as string);
    if (header.isSkipped) continue;
    if (header.nameLocation !== undefined) add(sink, 'header', 'header', header.nameLocation, header.name, true, header.name);
    // Credentials are inspected too (a payload in a bearer token is still a payload); evidence masks them.
    add(sink, 'header', 'header', header.location, header.name, false, rawHeaders[index + 1] as string);
  }
}

function headerName(raw: string): HeaderName {
  const cached = HEADER_NAMES.get(raw);
  if (cached !== undefined) return cached;
  const name = raw.toLowerCase();
  const location = 'header.' + locationName(name);
  // HTTP/2 pseudo-headers repeat the request line, which is inspected as path and query; the authority is not.
  const isSkipped = name === 'cookie' || (name.charCodeAt(0) === 58 && name !== ':authority');
  const header: HeaderName = { name, location, nameLocation: isSkipped || COMMON_HEADER_NAMES.has(name) ? undefined : location + '#name', isSkipped };
  if (raw.length <= MAX_CACHED_NAME_LENGTH) {
    if (HEADER_NAMES.size >= MAX_CACHED_NAMES) HEADER_NAMES.clear();
    HEADER_NAMES.set(raw, header);
  }
  return header;
}
