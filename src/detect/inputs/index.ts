// The input extractors: every string of a request the detectors inspect, each with the place it came
// from (path segments, query, headers, cookies, and the body by its type: JSON, form, multipart, XML,
// GraphQL, else raw text), under limits that bound the work and report what they cut. Never throws.
import type { InspectBody, InspectRequest } from '../request.js';
import { extractCookies } from './cookies.js';
import { createFieldSink, note, report, type FieldSink } from './field-sink.js';
import { extractForm } from './form.js';
import { extractGraphqlBody, extractGraphqlJson } from './graphql.js';
import { extractHeaders } from './headers.js';
import { parseJsonBody, walkJson } from './json.js';
import { extractJsonText } from './json-text.js';
import type { ExtractLimits, ExtractResult } from './limits.js';
import { extractMultipart } from './multipart.js';
import { extractPath } from './path.js';
import { extractQuery } from './query.js';
import { decodeUtf8, extractRawBody, extractRawText } from './raw.js';
import { extractXml } from './xml.js';

export { DEFAULT_EXTRACT_LIMITS } from './limits.js';
export type { ExtractLimits, ExtractResult } from './limits.js';

export function extractFields(request: InspectRequest, limits: ExtractLimits): ExtractResult {
  const sink = createFieldSink(limits);
  guarded(sink, 'path', () => extractPath(sink, request.path));
  guarded(sink, 'query', () => extractQuery(sink, request.query, request.path));
  guarded(sink, 'headers', () => extractHeaders(sink, request.rawHeaders));
  guarded(sink, 'cookies', () => extractCookies(sink, request.rawHeaders));
  const body = request.body;
  if (body !== undefined && body.bytes.length > 0 && !sink.isFull) {
    guarded(sink, 'body', () => extractBody(sink, body), () => extractRawText(sink, body.bytes, 'body', 'raw', 'body.raw', ''));
  }
  return { fields: sink.fields, truncated: sink.truncated, problems: sink.problems };
}

function extractBody(sink: FieldSink, body: InspectBody): void {
  const { mediaType, bytes } = body;
  if (isJsonMediaType(mediaType)) extractJsonBody(sink, body);
  else if (mediaType === 'application/x-www-form-urlencoded') extractForm(sink, bytes);
  else if (mediaType === 'multipart/form-data') extractMultipart(sink, bytes, body.contentType);
  else if (isXmlMediaType(mediaType)) extractXml(sink, bytes);
  else if (mediaType === 'application/graphql') {
    if (!extractGraphqlBody(sink, decodeUtf8(bytes, bytes.length))) invalid(sink, 'GraphQL', bytes);
  } else extractRawBody(sink, bytes, mediaType);
}

/**
 * Read from the text in one pass (json-text.ts), which also sees every value of a repeated key; a
 * GraphQL request is read from the parsed value, the caller's memoised parse when there is one.
 */
function extractJsonBody(sink: FieldSink, body: InspectBody): void {
  const text = decodeUtf8(body.bytes, body.bytes.length);
  const outcome = extractJsonText(sink, body.bytes, text);
  if (outcome === 'invalid') return invalid(sink, 'JSON', body.bytes);
  if (outcome === 'extracted') return;
  const parsed = body.json === undefined ? parseJsonBody(text) : body.json();
  if (!parsed.ok) return invalid(sink, 'JSON', body.bytes);
  if (!extractGraphqlJson(sink, parsed.value)) walkJson(sink, parsed.value, 'body.$', '', 'body', 'json');
}

/** A body that does not parse as its declared type is inspected as text: a lenient parser upstream may still read it. */
function invalid(sink: FieldSink, type: string, bytes: Buffer): void {
  note(sink, `the body is not valid ${type} and was inspected as text`);
  extractRawText(sink, bytes, 'body', 'raw', 'body.raw', '');
}

/** `application/json` and the structured suffix `+json` (RFC 6839): `application/problem+json`, `application/vnd.api+json`. */
function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** `application/xml`, `text/xml` and `+xml` (RFC 7303): SOAP 1.2, SVG, Atom. */
function isXmlMediaType(mediaType: string): boolean {
  return mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml');
}

/**
 * Runs one extractor; a bug in it (an exception) must not let the request through uninspected, nor
 * lose what the others found. `fallback` inspects the body as text instead.
 */
function guarded(sink: FieldSink, part: string, extract: () => void, fallback?: () => void): void {
  try {
    extract();
  } catch {
    report(sink, `the ${part} could not be read by its extractor`);
    if (fallback === undefined) return;
    try {
      fallback();
    } catch {
      // Nothing left to try; the problem is recorded.
    }
  }
}
