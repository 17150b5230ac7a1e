// One HAR 1.2 entry (request, response, timings) as a TrafficSample, or the reason it gives none,
// naming the key (`log.entries[3].request.url: not a URL`).
import type { SampleBody, TrafficSample } from '../../core/types.js';
import { asLoose, harHeaders, namedPairs, type Loose } from './har-headers.js';
import type { ValueBudget } from './json-budget.js';
import { parseLogTime } from './log-fields.js';
import { sampleBody, type RecordedBody } from './sample-body.js';
import { parseQuery, splitUrl } from './uri.js';

export interface EntryContext {
  readonly file: string;
  readonly maxBodyBytes: number;
  readonly budget: ValueBudget;
}

type Outcome = { sample: TrafficSample } | { problem: string };

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;
// WebSocket handshakes (ws:, wss:) are kept: an upgrade endpoint belongs in the inventory too.
const SCHEMES = new Set(['http', 'https', 'ws', 'wss']);

export function sampleFromEntry(value: unknown, index: number, context: EntryContext): Outcome {
  const at = `log.entries[${index}]`;
  const entry = asLoose(value);
  const request = asLoose(entry?.request);
  const response = asLoose(entry?.response);
  if (entry === undefined) return { problem: `${at}: not an object` };
  if (request === undefined) return { problem: `${at}.request: missing or not an object` };
  if (response === undefined) return { problem: `${at}.response: missing or not an object` };
  const method = request.method;
  if (typeof method !== 'string' || !METHOD.test(method)) return { problem: `${at}.request.method: not an HTTP method` };
  if (method.toUpperCase() === 'CONNECT') return { problem: `${at}.request.method: CONNECT opens a tunnel, not an API call` };
  const url = urlOf(request.url, `${at}.request.url`);
  if ('problem' in url) return url;
  const status = statusOf(response.status, `${at}.response.status`);
  if (typeof status === 'string') return { problem: status };
  const time = typeof entry.startedDateTime === 'string' ? parseLogTime(entry.startedDateTime) : undefined;
  if (time === undefined) return { problem: `${at}.startedDateTime: not a date` };
  const sample: TrafficSample = {
    requestId: `${context.file}#${index}`,
    time,
    route: '',
    method,
    path: url.path,
    status,
    durationMs: typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0,
    requestHeaders: harHeaders(request.headers, request.cookies, 'cookie'),
    responseHeaders: harHeaders(response.headers, response.cookies, 'set-cookie'),
    host: url.host,
    source: 'har',
  };
  // The query comes from the URL, not queryString[]: browsers disagree on whether that list is decoded.
  if (url.query !== undefined) sample.query = parseQuery(url.query);
  addBodies(sample, request, response, context);
  return { sample };
}

function urlOf(value: unknown, at: string): { path: string; query?: string; host: string } | { problem: string } {
  if (typeof value !== 'string') return { problem: `${at}: missing or not a string` };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined && !SCHEMES.has(scheme)) return { problem: `${at}: a ${scheme}: URL, not HTTP` };
  const parts = splitUrl(value);
  return parts === undefined ? { problem: `${at}: not a URL` } : parts;
}

function statusOf(value: unknown, at: string): number | string {
  // Browsers record 0 for a request that got no response (blocked, failed, cancelled).
  if (value === 0) return `${at}: 0, no response was received`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599) return `${at}: not an HTTP status`;
  return value;
}

function addBodies(sample: TrafficSample, request: Loose, response: Loose, context: EntryContext): void {
  const postData = asLoose(request.postData);
  if (postData !== undefined) {
    const text = typeof postData.text === 'string' && postData.text !== '' ? postData.text : undefined;
    const fields = namedPairs(postData.params);
    // Without text or bodySize, the form's own encoding is the best measure of what was sent.
    const size = sizeOf(request.bodySize) ?? (text === undefined && fields.length > 0 ? Buffer.byteLength(new URLSearchParams(fields).toString()) : undefined);
    if (text !== undefined || fields.length > 0 || (size ?? 0) > 0) {
      const recorded: RecordedBody = { contentType: stringOr(postData.mimeType, sample.requestHeaders['content-type']), fields };
      if (text !== undefined) recorded.text = text;
      if (size !== undefined) recorded.size = size;
      sample.requestBody = sampleBody(recorded, context.maxBodyBytes, context.budget);
    }
  }
  const content = asLoose(response.content);
  const responseBody = content === undefined ? undefined : responseBodyOf(content, sample.responseHeaders['content-type'], context);
  if (responseBody !== undefined) sample.responseBody = responseBody;
}

function responseBodyOf(content: Loose, headerType: string | undefined, context: EntryContext): SampleBody | undefined {
  const hasText = typeof content.text === 'string' && content.text !== '';
  const encoding = typeof content.encoding === 'string' ? content.encoding.toLowerCase() : undefined;
  // HAR 1.2 leaves `encoding` out for decoded text; base64 is the one other encoding exporters write.
  const isReadable = hasText && (encoding === undefined || encoding === '' || encoding === 'base64');
  const size = sizeOf(content.size);
  if (!hasText && (size ?? 0) === 0) return undefined;
  const recorded: RecordedBody = { contentType: stringOr(content.mimeType, headerType) };
  if (isReadable) recorded.text = content.text as string;
  if (encoding === 'base64') recorded.isBase64 = true;
  if (size !== undefined) recorded.size = size;
  return sampleBody(recorded, context.maxBodyBytes, context.budget);
}

/** HAR writes -1 for "unknown"; only a whole number of bytes ≥ 0 is a size. */
function sizeOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function stringOr(value: unknown, fallback: string | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
