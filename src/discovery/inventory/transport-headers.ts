// Request headers that belong to HTTP itself, the browser, a proxy or tracing, not to the API: they
// are not learned as parameters, exported, or reported as shadow parameters.
const TRANSPORT_HEADERS = new Set([
  'accept', 'accept-encoding', 'accept-language', 'accept-charset', 'authorization', 'cache-control', 'connection', 'content-length',
  'content-type', 'content-encoding', 'cookie', 'host', 'keep-alive', 'origin', 'pragma', 'proxy-authorization', 'referer', 'te',
  'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'via', 'forwarded', 'x-forwarded-for', 'x-forwarded-host',
  'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'x-request-id', 'traceparent', 'tracestate', 'expect', 'if-none-match',
  'if-modified-since', 'if-match', 'if-unmodified-since', 'range', 'dnt', 'priority', 'sec-fetch-site', 'sec-fetch-mode',
  'sec-fetch-dest', 'sec-fetch-user', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'upgrade-insecure-requests',
]);

/** Lowercase name. */
export function isTransportHeader(name: string): boolean {
  return TRANSPORT_HEADERS.has(name);
}
