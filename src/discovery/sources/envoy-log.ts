// Envoy JSON access logs (file access logger, `log_format.json_format` or `typed_json_format`): the
// keys of the recommended format (docs/discovery-sources.md), then those of Envoy Gateway and Istio.
import type { TrafficSample } from '../../core/types.js';
import { resolveLimits, type SourceOptions } from './limits.js';
import { pick } from './log-fields.js';
import { readJsonLog, scanJsonLog } from './log-reader.js';
import type { LogProfile } from './log-record.js';
import type { SourceResult, SourceSummary } from './source-result.js';

// Envoy fills these only when the downstream TLS connection carried a client certificate.
const PEER_CERTIFICATE_KEYS = ['downstream_peer_subject', 'peer_subject', 'downstream_peer_uri_san', 'downstream_peer_fingerprint_256'];

export const ENVOY_PROFILE: LogProfile = {
  source: 'envoy',
  time: ['start_time', 'timestamp', 'time', '@timestamp'],
  method: ['method', ':method', 'request_method'],
  // %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%: the path before any route rewrite, with its query.
  target: ['path', 'x-envoy-origin-path', 'x-envoy-original-path', ':path', 'request_uri', 'uri'],
  requestLine: ['request'],
  query: ['query'],
  status: ['response_code', 'status', 'status_code'],
  // %DURATION% is whole milliseconds.
  duration: ['duration', 'duration_ms'],
  durationScale: 1,
  host: ['authority', ':authority', 'host'],
  requestId: ['request_id', 'x-request-id', 'x_request_id'],
  route: ['route_name'],
  requestContentType: ['request_content_type', 'content_type', 'content-type'],
  requestLength: ['bytes_received'],
  requestBody: ['request_body'],
  responseContentType: ['response_content_type', 'resp_content_type'],
  responseLength: ['bytes_sent'],
  authScheme: ['auth_scheme'],
  authorization: ['authorization'],
  userAgent: ['user_agent', 'user-agent'],
  requestHeaders: ['request_headers'],
  responseHeaders: ['response_headers'],
  // Envoy completes the handshake only with a certificate its validation context accepted, unless
  // trust_chain_verification is ACCEPT_UNTRUSTED (documented as a gap).
  hasVerifiedClientCertificate: (record) => pick(record, PEER_CERTIFICATE_KEYS) !== undefined,
};

/** An Envoy JSON access log, read up to maxFileBytes, every sample kept. */
export async function readEnvoyLog(path: string, options?: SourceOptions): Promise<SourceResult> {
  return readJsonLog(path, ENVOY_PROFILE, resolveLimits(options));
}

/** An Envoy JSON access log streamed to `visit`, however long it is. */
export async function scanEnvoyLog(path: string, visit: (sample: TrafficSample) => void, options?: SourceOptions): Promise<SourceSummary> {
  return scanJsonLog(path, ENVOY_PROFILE, resolveLimits(options), Number.POSITIVE_INFINITY, visit);
}
