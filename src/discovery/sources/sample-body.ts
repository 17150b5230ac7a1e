// A recorded body as a SampleBody: its media type and size, and for JSON or a URL-encoded form the
// parsed value, when it is small enough and the file's value budget allows it.
import type { SampleBody } from '../../core/types.js';
import { takeFromBudget, type ValueBudget } from './json-budget.js';
import { parseQuery } from './uri.js';

export interface RecordedBody {
  /** The Content-Type as recorded (parameters are dropped). */
  contentType: string | undefined;
  /** The body as the file holds it, when it does: UTF-8 text, or the bytes in base64 (HAR `encoding`). */
  text?: string;
  isBase64?: boolean;
  /** The size the file states (Content-Length, HAR bodySize / content.size); else the text's byte length. */
  size?: number;
  /** Already-parsed form fields (HAR `postData.params`), used when there is no text. */
  fields?: readonly [string, string][];
}

const FORM = 'application/x-www-form-urlencoded';

/** `Application/JSON; charset=utf-8` → `application/json`; '' when absent. */
export function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return '';
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** application/json and the structured-syntax suffix `+json` (RFC 6839 §3.1), e.g. problem+json. */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType === 'text/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

export function sampleBody(recorded: RecordedBody, maxBodyBytes: number, budget: ValueBudget): SampleBody {
  const contentType = mediaTypeOf(recorded.contentType);
  const textBytes = recorded.text === undefined ? undefined : byteLengthOf(recorded.text, recorded.isBase64 === true);
  const body: SampleBody = { contentType, size: recorded.size ?? textBytes ?? 0 };
  const isForm = contentType === FORM;
  if (!isForm && !isJsonMediaType(contentType)) return body;
  if (recorded.text === undefined || textBytes === undefined) {
    return isForm && recorded.fields !== undefined ? withFields(body, recorded.fields, budget) : body;
  }
  // Measured before decoding, so that an oversized body is never copied.
  if (textBytes > maxBodyBytes) return { ...body, truncated: true };
  const bytes = Buffer.from(recorded.text, recorded.isBase64 === true ? 'base64' : 'utf8');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (isForm) return withFields(body, parseQuery(text), budget);
  // The values a body holds are bounded by its bytes; the budget bounds them across the whole file.
  if (!takeFromBudget(budget, bytes)) return { ...body, truncated: true };
  try {
    return { ...body, value: JSON.parse(text) as unknown };
  } catch {
    // Declared JSON that is not: discovery still learns the media type and size.
    return body;
  }
}

/** Bytes the body has: UTF-8 length of text, or what base64 decodes to (RFC 4648 §4: 3 bytes per 4 characters). */
function byteLengthOf(text: string, isBase64: boolean): number {
  if (!isBase64) return Buffer.byteLength(text, 'utf8');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  // Whitespace is counted too: an estimate a little high only ever marks a body truncated early.
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

function withFields(body: SampleBody, fields: readonly [string, string][], budget: ValueBudget): SampleBody {
  if (fields.length > budget.remaining) return { ...body, truncated: true };
  budget.remaining -= fields.length;
  return { ...body, value: formObject(fields) };
}

/**
 * Fields as an object of strings, the first value of a repeated name winning (as core's
 * queryParameter reads them). Object.fromEntries defines own properties, so `__proto__` is a plain key.
 */
export function formObject(fields: readonly [string, string][]): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of fields) if (!first.has(name)) first.set(name, value);
  return Object.fromEntries(first);
}
