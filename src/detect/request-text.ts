// Reads a request for `bulwark detect` from what people have at hand when tuning: an HTTP/1.1 message
// as a proxy or a browser's "copy as raw" gives it, or a small JSON description. Never throws: a
// problem comes back as text naming what is wrong.
import type { InspectRequest } from './request.js';

export type RequestTextParse = { ok: true; request: InspectRequest } | { ok: false; problem: string };

/** A JSON request description: `{ method, path, query?, headers?, body?, bodyBase64? }`. */
interface JsonRequest {
  method?: unknown;
  path?: unknown;
  query?: unknown;
  headers?: unknown;
  body?: unknown;
  bodyBase64?: unknown;
}

export function parseRequestText(text: string): RequestTextParse {
  const start = text.trimStart()[0];
  return start === '{' || start === '[' ? parseJsonRequest(text) : parseHttpMessage(text);
}

function parseHttpMessage(text: string): RequestTextParse {
  // RFC 9112 §2.2: recipients may accept a bare LF as a line terminator, as files edited by hand have.
  const headEnd = findHeadEnd(text);
  const head = text.slice(0, headEnd.at).split(/\r?\n/);
  const requestLine = (head.shift() ?? '').trim();
  const parts = requestLine.split(' ');
  if (parts.length !== 3 || !/^[A-Za-z]+$/.test(parts[0] ?? '') || !(parts[2] ?? '').startsWith('HTTP/')) {
    return { ok: false, problem: `line 1: expected a request line such as "POST /path?x=1 HTTP/1.1", got "${requestLine.slice(0, 60)}"` };
  }
  const rawHeaders: string[] = [];
  for (const [index, line] of head.entries()) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, problem: `line ${index + 2}: expected "Name: value"` };
    rawHeaders.push(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const target = parts[1] as string;
  const body = headEnd.bodyAt === -1 ? '' : text.slice(headEnd.bodyAt);
  return { ok: true, request: build((parts[0] as string).toUpperCase(), target, rawHeaders, body.length > 0 ? Buffer.from(body, 'utf8') : undefined) };
}

function findHeadEnd(text: string): { at: number; bodyAt: number } {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { at: crlf, bodyAt: crlf + 4 };
  if (lf !== -1) return { at: lf, bodyAt: lf + 2 };
  return { at: text.replace(/\s+$/, '').length, bodyAt: -1 };
}

function parseJsonRequest(text: string): RequestTextParse {
  let parsed: JsonRequest;
  try {
    parsed = JSON.parse(text) as JsonRequest;
  } catch (error) {
    return { ok: false, problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'expected a JSON object' };
  const method = parsed.method ?? 'GET';
  const path = parsed.path ?? '/';
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) return { ok: false, problem: 'method: expected an HTTP method name' };
  if (typeof path !== 'string' || path.length === 0) return { ok: false, problem: 'path: expected a string such as "/users?id=1"' };
  if (parsed.query !== undefined && typeof parsed.query !== 'string') return { ok: false, problem: 'query: expected the raw query string' };
  const rawHeaders: string[] = [];
  if (parsed.headers !== undefined) {
    if (parsed.headers === null || typeof parsed.headers !== 'object' || Array.isArray(parsed.headers)) return { ok: false, problem: 'headers: expected an object of names to values' };
    for (const [name, value] of Object.entries(parsed.headers as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) {
        if (typeof item !== 'string') return { ok: false, problem: `headers.${name}: expected a string or a list of strings` };
        rawHeaders.push(name, item);
      }
    }
  }
  let body: Buffer | undefined;
  if (parsed.body !== undefined) {
    body = Buffer.from(typeof parsed.body === 'string' ? parsed.body : JSON.stringify(parsed.body), 'utf8');
  } else if (parsed.bodyBase64 !== undefined) {
    if (typeof parsed.bodyBase64 !== 'string') return { ok: false, problem: 'bodyBase64: expected a base64 string' };
    body = Buffer.from(parsed.bodyBase64, 'base64');
  }
  const target = parsed.query === undefined ? path : `${path.split('?')[0] as string}?${parsed.query}`;
  return { ok: true, request: build(method.toUpperCase(), target, rawHeaders, body) };
}

function build(method: string, target: string, rawHeaders: readonly string[], body: Buffer | undefined): InspectRequest {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (body === undefined) return { method, path, query, rawHeaders };
  const contentType = headerValue(rawHeaders, 'content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return { method, path, query, rawHeaders, body: { mediaType, contentType, bytes: body } };
}

function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === name) return rawHeaders[i + 1];
  }
  return undefined;
}
