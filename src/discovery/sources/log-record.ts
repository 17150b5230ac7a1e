// One JSON access-log line as a TrafficSample, driven by a profile that says which keys a log format
// uses for each fact (nginx and Envoy name and scale them differently). A line missing a required
// fact yields a problem naming the key, never an exception.
import type { SampleBody, TrafficSample } from '../../core/types.js';
import type { ValueBudget } from './json-budget.js';
import { headerObject, nonNegativeNumber, parseLogTime, pick, pickText, type LogRecord } from './log-fields.js';
import { sampleBody, type RecordedBody } from './sample-body.js';
import { parseQuery, splitTarget, splitUrl, type Target } from './uri.js';

export interface LogProfile {
  readonly source: 'nginx' | 'envoy';
  readonly time: readonly string[];
  readonly method: readonly string[];
  /** Path with query (`$request_uri`, `%REQ(:PATH)%`). */
  readonly target: readonly string[];
  /** A whole request line (`GET /a?b HTTP/1.1`), used when method or target is absent. */
  readonly requestLine: readonly string[];
  /** The query alone, used when the target has none (`$args`). */
  readonly query: readonly string[];
  readonly status: readonly string[];
  readonly duration: readonly string[];
  readonly durationScale: number;
  readonly host: readonly string[];
  readonly requestId: readonly string[];
  readonly route: readonly string[];
  readonly requestContentType: readonly string[];
  readonly requestLength: readonly string[];
  readonly requestBody: readonly string[];
  readonly responseContentType: readonly string[];
  readonly responseLength: readonly string[];
  /** The Authorization scheme alone, reduced by the proxy (an nginx map, an Envoy metadata rule). */
  readonly authScheme: readonly string[];
  /** A raw Authorization value some people log anyway: reduced to its scheme here, never passed on. */
  readonly authorization: readonly string[];
  readonly userAgent: readonly string[];
  readonly requestHeaders: readonly string[];
  readonly responseHeaders: readonly string[];
  readonly hasVerifiedClientCertificate: (record: LogRecord) => boolean;
}

export interface LineContext {
  readonly file: string;
  readonly line: number;
  readonly maxBodyBytes: number;
  readonly budget: ValueBudget;
}

type Outcome = { sample: TrafficSample } | { problem: string };

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;
// An auth scheme is an RFC 9110 token; anything else logged under that key is not passed on.
const SCHEME = /^[A-Za-z][A-Za-z0-9._~+-]{0,31}$/;

export function recordToSample(record: LogRecord, profile: LogProfile, context: LineContext): Outcome {
  const request = requestOf(record, profile);
  if ('problem' in request) return request;
  const status = statusOf(record, profile);
  if (typeof status === 'string') return { problem: status };
  const timeField = pick(record, profile.time);
  if (timeField === undefined) return { problem: missing('time', profile.time) };
  const time = parseLogTime(timeField.value);
  if (time === undefined) return { problem: `${timeField.key}: not a time` };
  const duration = nonNegativeNumber(pick(record, profile.duration)?.value) ?? 0;
  const query = request.target.query ?? pickText(record, profile.query);
  const sample: TrafficSample = {
    requestId: pickText(record, profile.requestId) ?? `${context.file}:${context.line}`,
    time,
    route: pickText(record, profile.route) ?? '',
    method: request.method,
    path: request.target.path,
    status,
    durationMs: Math.round(duration * profile.durationScale * 1000) / 1000,
    requestHeaders: requestHeadersOf(record, profile),
    responseHeaders: responseHeadersOf(record, profile),
    source: profile.source,
  };
  if (query !== undefined) sample.query = parseQuery(query);
  const host = request.host ?? pickText(record, profile.host)?.toLowerCase();
  if (host !== undefined) sample.host = host;
  addBodies(sample, record, profile, context);
  if (profile.hasVerifiedClientCertificate(record)) sample.clientCertificate = true;
  return { sample };
}

function requestOf(record: LogRecord, profile: LogProfile): { method: string; target: Target; host?: string } | { problem: string } {
  const line = pickText(record, profile.requestLine)?.split(' ');
  const method = pickText(record, profile.method) ?? line?.[0];
  if (method === undefined) return { problem: missing('method', profile.method) };
  if (!METHOD.test(method)) return { problem: `${pick(record, profile.method)?.key ?? 'request'}: not an HTTP method` };
  const raw = pickText(record, profile.target) ?? line?.[1];
  if (raw === undefined) return { problem: missing('path', profile.target) };
  const targetKey = pick(record, profile.target)?.key ?? 'request';
  if (method.toUpperCase() === 'CONNECT') return { problem: `${targetKey}: CONNECT opens a tunnel, not an API call` };
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw) ? splitUrl(raw) : undefined;
  if (absolute !== undefined) return { method, target: absolute, host: absolute.host };
  const target = splitTarget(raw);
  return target === undefined ? { problem: `${targetKey}: not a path` } : { method, target };
}

function statusOf(record: LogRecord, profile: LogProfile): number | string {
  const field = pick(record, profile.status);
  if (field === undefined) return missing('status', profile.status);
  const status = nonNegativeNumber(field.value);
  // Envoy logs 0 when the client left before any response: there is no status to learn from.
  if (status === 0) return `${field.key}: 0, no response was sent`;
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) return `${field.key}: not an HTTP status`;
  return status;
}

function missing(fact: string, names: readonly string[]): string {
  return `${fact}: missing (looked for ${names.join(', ')})`;
}

function requestHeadersOf(record: LogRecord, profile: LogProfile): Record<string, string> {
  const headers = headerObject(pick(record, profile.requestHeaders)?.value);
  setIfPresent(headers, 'content-type', pickText(record, profile.requestContentType));
  setIfPresent(headers, 'user-agent', pickText(record, profile.userAgent));
  const scheme = pickText(record, profile.authScheme) ?? schemeOf(pickText(record, profile.authorization) ?? headers.authorization);
  if (scheme === undefined) delete headers.authorization;
  else headers.authorization = SCHEME.test(scheme) ? scheme : 'no-scheme';
  return headers;
}

/** `Bearer eyJ…` → `Bearer`; a value without a scheme (a bare key) → `no-scheme`. The credentials go nowhere. */
function schemeOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^(\S+)\s/.exec(authorization);
  return match?.[1] ?? 'no-scheme';
}

function responseHeadersOf(record: LogRecord, profile: LogProfile): Record<string, string> {
  const headers = headerObject(pick(record, profile.responseHeaders)?.value);
  setIfPresent(headers, 'content-type', pickText(record, profile.responseContentType));
  return headers;
}

function setIfPresent(headers: Record<string, string>, name: string, value: string | undefined): void {
  if (value !== undefined) headers[name] = value;
}

function addBodies(sample: TrafficSample, record: LogRecord, profile: LogProfile, context: LineContext): void {
  const requestText = pickText(record, profile.requestBody);
  const requestSize = nonNegativeNumber(pick(record, profile.requestLength)?.value);
  if (requestText !== undefined || (requestSize ?? 0) > 0) {
    sample.requestBody = bodyOf({ contentType: sample.requestHeaders['content-type'], text: requestText, size: requestSize }, context);
  }
  const responseSize = nonNegativeNumber(pick(record, profile.responseLength)?.value);
  if ((responseSize ?? 0) > 0) sample.responseBody = bodyOf({ contentType: sample.responseHeaders['content-type'], text: undefined, size: responseSize }, context);
}

function bodyOf(body: { contentType: string | undefined; text: string | undefined; size: number | undefined }, context: LineContext): SampleBody {
  const recorded: RecordedBody = { contentType: body.contentType };
  if (body.text !== undefined) recorded.text = body.text;
  if (body.size !== undefined) recorded.size = body.size;
  return sampleBody(recorded, context.maxBodyBytes, context.budget);
}
