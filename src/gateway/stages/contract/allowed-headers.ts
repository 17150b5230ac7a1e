// Request headers that are never "unknown parameters": HTTP semantics (RFC 9110/9111), content
// negotiation, conditional requests, CORS and Fetch metadata, client hints, forwarding, and the
// common tracing formats (W3C Trace Context, B3, cloud load balancers). API documents do not list
// these, and reporting them would drown real findings.
export const ALLOWED_REQUEST_HEADERS: readonly string[] = [
  // HTTP semantics and connection management
  'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'authorization', 'cache-control', 'connection',
  'content-encoding', 'content-language', 'content-length', 'content-type', 'cookie', 'date', 'expect', 'host',
  'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'keep-alive', 'max-forwards',
  'pragma', 'priority', 'proxy-authorization', 'range', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'user-agent', 'via', 'dnt', 'save-data', 'upgrade-insecure-requests', 'x-requested-with', 'purpose', 'sec-purpose',
  // CORS and Fetch metadata
  'origin', 'access-control-request-method', 'access-control-request-headers', 'access-control-request-private-network',
  'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user', 'sec-fetch-storage-access',
  // User-agent client hints
  'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-ch-ua-platform-version', 'sec-ch-ua-arch', 'sec-ch-ua-model',
  'sec-ch-ua-full-version-list', 'sec-ch-ua-bitness', 'sec-ch-prefers-color-scheme', 'sec-gpc',
  // Forwarding
  'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-prefix',
  'x-real-ip', 'x-request-id', 'x-correlation-id',
  // Tracing
  'traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled',
  'x-b3-flags', 'x-amzn-trace-id', 'x-cloud-trace-context', 'x-datadog-trace-id', 'x-datadog-parent-id',
  'x-datadog-sampling-priority', 'uber-trace-id',
];
