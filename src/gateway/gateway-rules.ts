// Rule ids the gateway core itself answers with (before or around the stages). Together with each
// stage's `rules`, this is the list docs/errors.md is checked against.
import type { RuleDescription } from './stage.js';

export const GATEWAY_RULES: readonly RuleDescription[] = [
  { id: 'gateway.path-invalid', status: 400, title: 'Path not acceptable', severity: 'medium', category: 'API8:2023', description: 'The request target is not origin-form, or its path has an encoded / or \\, a raw \\, a NUL byte, a fragment or bad percent-encoding. Rejected before routing so no component reads the path differently.' },
  { id: 'gateway.route-not-found', status: 404, title: 'No route', severity: 'low', category: 'API9:2023', description: 'No route matches the Host and path.' },
  { id: 'gateway.malformed-request', status: 400, title: 'Malformed HTTP', severity: 'medium', category: 'API8:2023', description: 'The HTTP parser rejected the request (bad syntax, Content-Length with Transfer-Encoding, invalid header characters).' },
  { id: 'limits.headers-too-large', status: 431, title: 'Headers too large', severity: 'low', category: 'API4:2023', description: 'The request line and headers exceed server.maxHeaderBytes.' },
  { id: 'limits.request-timeout', status: 408, title: 'Request too slow', severity: 'low', category: 'API4:2023', description: 'The client did not send its headers within server.timeouts.headers or its request within server.timeouts.request (slowloris).' },
  { id: 'gateway.redirect-invalid-host', status: 400, title: 'Invalid Host for redirect', severity: 'low', category: 'API8:2023', description: 'An HTTP-to-HTTPS redirect listener got a Host header that is not a plain host name.' },
  { id: 'gateway.tls-handshake-failed', status: 0, title: 'TLS handshake failed', severity: 'low', category: 'API8:2023', description: 'A client failed the TLS handshake (e.g. offered only TLS 1.1); counted in metrics, no HTTP answer is possible.' },
  { id: 'gateway.upstream-unavailable', status: 502, title: 'Upstream unreachable', severity: 'low', category: 'upstream-failure', description: 'The upstream refused the connection or could not be resolved.' },
  { id: 'gateway.upstream-timeout', status: 504, title: 'Upstream timeout', severity: 'low', category: 'upstream-failure', description: 'The upstream did not accept the connection within connectTimeout or answer within responseTimeout.' },
  { id: 'gateway.upstream-reset', status: 502, title: 'Upstream reset', severity: 'low', category: 'upstream-failure', description: 'The upstream closed or reset the connection before answering.' },
  { id: 'gateway.upstream-tls', status: 502, title: 'Upstream TLS failure', severity: 'medium', category: 'upstream-failure', description: 'The upstream certificate could not be verified (upstream.tls.rejectUnauthorized is on by default).' },
  { id: 'gateway.upstream-invalid-response', status: 502, title: 'Invalid upstream response', severity: 'low', category: 'upstream-failure', description: 'The upstream answered with something that is not valid HTTP/1.1.' },
  { id: 'gateway.upstream-error', status: 502, title: 'Upstream error', severity: 'low', category: 'upstream-failure', description: 'The upstream request failed for another reason.' },
  { id: 'gateway.response-uninspected', status: 0, title: 'Response body not inspected', severity: 'low', category: 'API3:2023', description: 'A response-body stage (contract-response) wanted to inspect the upstream body, but it was larger than the stage\'s maxBodyBytes (or could not be decoded within it); it was passed on unchanged. Recorded as an `allowed` event.' },
  { id: 'gateway.internal', status: 500, title: 'Internal error', severity: 'high', category: 'bug', description: 'A bug in the gateway; logged with a stack trace, never shown to the client.' },
  { id: '<stage>.failure', status: 503, title: 'Stage failure', severity: 'medium', category: 'stage-failure', description: 'A stage threw (a bug or an outage of its dependency). Its failure policy decides: closed answers 503 with Retry-After; open lets the request through and records an `allowed` event.' },
];
