// nginx JSON access logs (`log_format … escape=json`, docs/discovery-sources.md): the keys of the
// recommended format first, then the names people commonly give the same nginx variables.
import type { TrafficSample } from '../../core/types.js';
import { resolveLimits, type SourceOptions } from './limits.js';
import { pickText } from './log-fields.js';
import { readJsonLog, scanJsonLog } from './log-reader.js';
import type { LogProfile } from './log-record.js';
import type { SourceResult, SourceSummary } from './source-result.js';

export const NGINX_PROFILE: LogProfile = {
  source: 'nginx',
  time: ['time_iso8601', 'time', 'timestamp', '@timestamp', 'time_local', 'msec'],
  method: ['request_method', 'method'],
  // $request_uri is the target as sent; $uri is decoded and normalised, so it comes after.
  target: ['request_uri', 'uri', 'path', 'url'],
  requestLine: ['request'],
  query: ['args', 'query_string', 'query'],
  status: ['status', 'status_code'],
  // nginx times are seconds with millisecond resolution ($request_time); so is any `duration` here.
  duration: ['request_time', 'duration'],
  durationScale: 1000,
  host: ['host', 'http_host'],
  requestId: ['request_id', 'http_x_request_id', 'x_request_id'],
  route: ['route'],
  requestContentType: ['content_type', 'http_content_type', 'request_content_type'],
  requestLength: ['content_length', 'http_content_length', 'request_body_length'],
  requestBody: ['request_body'],
  responseContentType: ['sent_http_content_type', 'response_content_type'],
  responseLength: ['body_bytes_sent', 'response_body_length'],
  authScheme: ['auth_scheme'],
  authorization: ['http_authorization', 'authorization'],
  userAgent: ['http_user_agent', 'user_agent'],
  requestHeaders: ['request_headers'],
  responseHeaders: ['response_headers'],
  // $ssl_client_verify is SUCCESS only for a certificate nginx verified (ssl_verify_client on|optional).
  hasVerifiedClientCertificate: (record) => pickText(record, ['ssl_client_verify']) === 'SUCCESS',
};

/** An nginx JSON access log, read up to maxFileBytes, every sample kept. */
export async function readNginxLog(path: string, options?: SourceOptions): Promise<SourceResult> {
  return readJsonLog(path, NGINX_PROFILE, resolveLimits(options));
}

/** An nginx JSON access log streamed to `visit`, however long it is. */
export async function scanNginxLog(path: string, visit: (sample: TrafficSample) => void, options?: SourceOptions): Promise<SourceSummary> {
  return scanJsonLog(path, NGINX_PROFILE, resolveLimits(options), Number.POSITIVE_INFINITY, visit);
}
