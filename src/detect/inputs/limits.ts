// How much of a request the input extractors read, and what they hand back: the fields plus whether
// anything was cut or left out (an attacker pads requests to push an attack past the limits).
import type { InputField } from '../field.js';

export interface ExtractLimits {
  /** Strings (names and values) per request; the rest is left out and reported. */
  readonly maxFields: number;
  /** Characters per value; longer values are cut (a raw body is chunked instead). */
  readonly maxFieldChars: number;
  /** Characters of all values together: the work one request can cause. */
  readonly maxTotalChars: number;
  /** Bytes of a text body read as raw text (other types, invalid JSON, malformed XML). */
  readonly maxRawBytes: number;
  /** Bytes of one uploaded file read, when it is text. */
  readonly maxPartBytes: number;
  /** JSON / XML nesting that still extends a location; deeper values are kept under the cut path. */
  readonly maxDepth: number;
}

export interface ExtractResult {
  readonly fields: InputField[];
  /** Something was cut or left out: see `problems`. */
  readonly truncated: boolean;
  /** What was cut, left out or read as text instead, in fixed wording (never request content). */
  readonly problems: string[];
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = Object.freeze({
  maxFields: 2000,
  maxFieldChars: 65_536,
  maxTotalChars: 4 * 1024 * 1024,
  maxRawBytes: 1024 * 1024,
  maxPartBytes: 65_536,
  maxDepth: 64,
});
