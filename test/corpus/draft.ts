// A request under construction (the placement's part) and its completion with the benign background
// headers, the cookie header and the body's Content-Type / Content-Length.
import { backgroundHeaders, type BackgroundPools } from './background.js';
import type { CaseRequest } from './case.js';

export interface DraftBody {
  readonly contentType: string;
  readonly bytes: Buffer;
  /** Binary bodies are stored as base64 in the case. */
  readonly isBinary: boolean;
}

export interface Draft {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Added after the background; a background header with the same name is dropped. */
  readonly headers?: readonly (readonly [string, string])[];
  /** `name=value` pairs appended to the background Cookie header (or a new one). */
  readonly cookiePairs?: readonly string[];
  /** Replaces the whole Cookie header. */
  readonly cookieHeader?: string;
  readonly body?: DraftBody;
}

export function textBody(contentType: string, text: string): DraftBody {
  return { contentType, bytes: Buffer.from(text, 'utf8'), isBinary: false };
}

export function jsonBody(text: string, contentType = 'application/json'): DraftBody {
  return textBody(contentType, text);
}

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly content: string | Buffer;
}

const BOUNDARIES = ['----WebKitFormBoundary7MA4YWxkTrZu0gW', '----formdata-undici-034512980551', '--------------------------418093372187601437622915'];

/** A name or filename inside Content-Disposition quotes, escaped as browsers do (WHATWG, RFC 7578 4.2). */
function dispositionQuote(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartBody(parts: readonly MultipartPart[], variant: number): DraftBody {
  const boundary = BOUNDARIES[variant % BOUNDARIES.length]!;
  const chunks: Buffer[] = [];
  let isBinary = false;
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${dispositionQuote(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${dispositionQuote(part.filename)}"`;
    head += '\r\n';
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'));
    if (Buffer.isBuffer(part.content)) isBinary = true;
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat(chunks), isBinary };
}

function hasHeader(headers: readonly (readonly [string, string])[], name: string): boolean {
  return headers.some(([header]) => header.trim().toLowerCase() === name);
}

/** The draft with the background of this case id around it, as the case stores it. */
export function completeRequest(draft: Draft, caseId: string, pools: BackgroundPools): CaseRequest {
  const own = draft.headers ?? [];
  const replaced = new Set(own.map(([name]) => name.trim().toLowerCase()));
  if (draft.cookieHeader !== undefined) replaced.add('cookie');
  const headers: [string, string][] = backgroundHeaders(caseId, pools).filter(([name]) => !replaced.has(name.toLowerCase()));
  headers.push(...own.map(([name, value]): [string, string] => [name, value]));
  if (draft.cookieHeader !== undefined) headers.push(['Cookie', draft.cookieHeader]);
  if (draft.cookiePairs !== undefined && draft.cookiePairs.length > 0) {
    const extra = draft.cookiePairs.join('; ');
    const existing = headers.find(([name]) => name.toLowerCase() === 'cookie');
    if (existing === undefined) headers.push(['Cookie', extra]);
    else existing[1] = `${existing[1]}; ${extra}`;
  }
  if (draft.body !== undefined) {
    if (!hasHeader(own, 'content-type')) headers.push(['Content-Type', draft.body.contentType]);
    if (!hasHeader(own, 'content-length') && !hasHeader(own, 'transfer-encoding')) headers.push(['Content-Length', String(draft.body.bytes.length)]);
  }
  const request: CaseRequest = { method: draft.method, path: draft.path, query: draft.query, rawHeaders: headers.flat() };
  if (draft.body === undefined) return request;
  const body = draft.body.isBinary
    ? { contentType: draft.body.contentType, base64: draft.body.bytes.toString('base64') }
    : { contentType: draft.body.contentType, text: draft.body.bytes.toString('utf8') };
  return { ...request, body };
}
