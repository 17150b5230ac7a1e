// Base64 and base64url payloads (RFC 4648 sections 4 and 5) and `data:...;base64,` URIs (RFC 2397)
// decoded when they carry text: APIs pass cursors, filters and documents base64-encoded, and a backend
// that decodes `JyBvciAxPTEtLQ==` runs `' or 1=1--`. Binary payloads (images, keys) stay unchanged.
import { Buffer } from 'node:buffer';
import { unchanged, type Normalized } from './normalizer.js';

/** Decoded bytes looked at, at most: a 5 MB image costs no more than 64 KiB of it. */
export const MAX_BASE64_DECODED_BYTES = 64 * 1024;
/** Shorter strings are ids and words far more often than encoded attacks (12 characters: 9 bytes). */
export const MIN_BASE64_LENGTH = 12;
/**
 * Shorter values still decode when what they decode to is unmistakably text with syntax in it:
 * `fCBpZA==` is `| id`, `JHs3Kjd9` is `${7*7}`, `Cmlk` is LF + `id`. The word and noise heuristics
 * cannot judge 4 to 11 characters (`Cmlk` is shaped like a name), so the decoded bytes do: every one
 * printable and at least one ASCII punctuation character (see isShortText).
 */
export const MIN_SHORT_BASE64_LENGTH = 4;
/** Below this length the 1-in-20 rule tolerates no bad byte at all, so the first quantum decides (startsLikeBase64Text). */
const STRICT_TEXT_LENGTH = 27;
/** Characters looked at first to reject binary cheaply (48 bytes: any image header is in there). */
const HEAD_CHARACTERS = 64;
/** Encoded characters that decode to MAX_BASE64_DECODED_BYTES at most (a whole number of quanta). */
const MAX_ENCODED_CHARACTERS = Math.floor(MAX_BASE64_DECODED_BYTES / 3) * 4;
const DATA_URI = /^data:[^,]{0,256};base64,/i;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Whether `input` looks like base64 or base64url rather than a word or an id: long enough, one
 * alphabet (`+/` or `-_`, not both), `=` only as final padding with a length that is a multiple of
 * four (unpadded: any length but 4n+1, which no encoding produces), and a mix of character classes
 * (a capitalised word, a number or a hex id / UUID never qualifies). Linear, no allocation.
 */
export function isPlausibleBase64(input: string): boolean {
  return input.length >= MIN_BASE64_LENGTH && hasBase64Shape(input, input.length, true);
}

/** The text a base64 value or base64 data URI decodes to; unchanged when it is not that or decodes to binary. */
export function decodeBase64(input: string): Normalized {
  const dataUri = (input.charCodeAt(0) | 0x20) === 0x64 ? DATA_URI.exec(input) : null; // `d`: maybe `data:`
  const payload = dataUri === null ? input : input.slice(dataUri[0].length);
  const end = Math.min(payload.length, MAX_ENCODED_CHARACTERS);
  const head = Math.min(end, HEAD_CHARACTERS);
  // Most base64 in API traffic is binary (images, keys, signatures, random tokens): its first bytes
  // say so without allocating, and then the rest is never scanned.
  if (!hasBase64Shape(payload, head, false) || !headLooksLikeText(payload, head)) return unchanged(input);
  if (dataUri === null && end < MIN_BASE64_LENGTH) {
    if (end < MIN_SHORT_BASE64_LENGTH) return unchanged(input);
    if (!isCanonical(payload)) return unchanged(input);
    const short = decodeShortText(payload);
    return short !== undefined && isShortText(short) ? { value: short, changed: true } : unchanged(input);
  }
  // A data URI declares its encoding, so only the alphabet is checked there, not the word heuristics.
  const isCandidate = dataUri === null ? hasBase64Shape(payload, end, true) : hasBase64Shape(payload, end, false);
  if (!isCandidate) return unchanged(input);
  const text = decodeText(end < payload.length ? payload.slice(0, end) : payload);
  return isMostlyText(text) ? { value: text, changed: true } : unchanged(input);
}

/**
 * A cheap necessary condition for decodeBase64 to find text, for the inspection pipeline's fast path:
 * false only when `input` cannot decode to anything (too short, or short and its first four characters
 * already decode to a byte no text has). Longer values and data URIs are left to decodeBase64.
 */
export function startsLikeBase64Text(input: string): boolean {
  const length = input.length;
  if ((input.charCodeAt(0) | 0x20) === 0x64) return true; // `d`: maybe `data:`
  // 4n+1 characters: no encoding produces that (hasBase64Shape's rule).
  if (length < MIN_SHORT_BASE64_LENGTH || (length & 3) === 1) return false;
  if (length < STRICT_TEXT_LENGTH) return headLooksLikeText(input, MIN_SHORT_BASE64_LENGTH);
  // A space in the head fails decodeBase64's alphabet test there: prose and header values stop here.
  const space = input.indexOf(' ');
  return space === -1 || space >= HEAD_CHARACTERS;
}

/**
 * Whether a value shorter than 27 characters can decode to text at all, by its first two characters:
 * they hold the first byte and the top half of the second, and text starts with printable ASCII, a
 * whitespace control or a UTF-8 lead byte, followed by what may follow that. Rules most ids and words
 * out at once (`orderId`, `status`, `customerId`), for the pipeline's fast path; a necessary condition
 * for headLooksLikeText on such a value, never more.
 */
export function isShortBase64TextStart(input: string): boolean {
  if (input.length < 2) return false;
  const first = input.charCodeAt(0);
  const second = input.charCodeAt(1);
  const high = first < 128 ? (SEXTET[first] ?? -1) : -1;
  const low = second < 128 ? (SEXTET[second] ?? -1) : -1;
  if (high === -1 || low === -1) return false;
  const byte = (high << 2) | (low >> 4);
  const nextHalf = low & 0x0f; // the second byte's top four bits
  if (byte < 0x80) return isPrintableAscii(byte) && nextHalf !== 1 && (nextHalf < 8 || nextHalf >= 0x0c);
  return byte >= 0xc2 && byte <= 0xf4 && nextHalf >= 8 && nextHalf < 0x0c;
}

/**
 * Decoded text of a 4 to 11 character value that is surely text meant as such: every character
 * printable (whitespace controls count) and one at least that is shell, SQL, template or markup
 * syntax (SHORT_SYNTAX). A word such as `city` decodes to printable `r+r` now and then; that stays a
 * word. (Canonical encoding, zero unused bits, is checked by the caller.)
 */
function isShortText(text: string): boolean {
  let hasSyntax = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x7f ? code <= 0x9f || code === 0xfffd : code < 0x20 && (code < 9 || code > 13)) return false;
    if (code < 0x7f && SHORT_SYNTAX.includes(text[index] as string)) hasSyntax = true;
  }
  return hasSyntax;
}

/** What a short payload cannot do without: quotes, command separators and substitution, brackets, escapes, line breaks. */
const SHORT_SYNTAX = '\'"`;|&$<>(){}\\%\n\r';

/**
 * Whether the bits a short value's last character leaves unused are zero, as every encoder writes
 * them: random tokens of 4n+2 and 4n+3 characters mostly are not, and are not base64 then.
 */
function isCanonical(payload: string): boolean {
  let end = payload.length;
  while (end > 0 && payload.charCodeAt(end - 1) === 0x3d) end--;
  const spare = (end & 3) === 2 ? 0x0f : (end & 3) === 3 ? 0x03 : 0;
  return spare === 0 || ((SEXTET[payload.charCodeAt(end - 1)] ?? 0) & spare) === 0;
}

/**
 * Whether the bytes the first `characters` base64 characters stand for look like UTF-8 text, by the
 * same 1-in-20 rule as isMostlyText: printable ASCII or well-formed multi-byte sequences (RFC 3629).
 * Decodes in place, allocation-free; the characters must already have passed hasBase64Shape.
 */
function headLooksLikeText(payload: string, characters: number): boolean {
  let accumulator = 0;
  let bits = 0;
  let bytes = 0;
  let bad = 0;
  let continuations = 0;
  const tolerated = Math.floor((characters * 6) / 8 / 20); // bad bytes the 1-in-20 rule can ever allow
  for (let index = 0; index < characters && bad <= tolerated; index++) {
    const code = payload.charCodeAt(index);
    const sextet = code < 128 ? (SEXTET[code] ?? -1) : -1;
    if (sextet === -1) break; // padding
    accumulator = ((accumulator << 6) | sextet) & 0xffff;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const byte = (accumulator >> bits) & 0xff;
    bytes++;
    if (continuations > 0 && (byte & 0xc0) === 0x80) {
      continuations--;
      continue;
    }
    if (continuations > 0) bad++; // a sequence cut short; this byte starts afresh
    continuations = byte < 0x80 ? 0 : byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
    if (continuations === -1 || (byte < 0x80 && !isPrintableAscii(byte))) bad++;
    if (continuations === -1) continuations = 0;
  }
  return bytes > 0 && bad * 20 <= bytes;
}

/** The value of each base64 and base64url character, -1 for the rest. */
const SEXTET = new Int8Array(128).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let value = 0; value < ALPHABET.length; value++) SEXTET[ALPHABET.charCodeAt(value)] = value;
SEXTET[0x2d] = 62; // -
SEXTET[0x5f] = 63; // _

/** Printable ASCII and the whitespace controls: tab, LF, VT, FF, CR (VT and FF separate words in SQL, JS and HTML). */
function isPrintableAscii(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || (byte >= 9 && byte <= 13);
}

/**
 * A short payload's text when it is ASCII, decoded here: Buffer and TextDecoder cost a few hundred ns
 * per call, and a short value that passed the head test is still more often a word than base64.
 * Non-ASCII bytes take the UTF-8 decoder; undefined for a byte no text has.
 */
function decodeShortText(payload: string): string | undefined {
  let text = '';
  let accumulator = 0;
  let bits = 0;
  for (let index = 0; index < payload.length; index++) {
    const sextet = SEXTET[payload.charCodeAt(index)] ?? -1;
    if (sextet === -1) break; // padding
    accumulator = ((accumulator << 6) | sextet) & 0xffff;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const byte = (accumulator >> bits) & 0xff;
    if (byte >= 0x80) return decodeText(payload);
    if (!isPrintableAscii(byte)) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

function decodeText(base64: string): string {
  return utf8.decode(Buffer.from(base64, 'base64'));
}

/**
 * Printable text: tab, LF, VT, FF, CR and everything from U+0020 but DEL, the C1 controls and U+FFFD (an
 * invalid UTF-8 byte). Up to 1 in 20 characters may be otherwise, for a multi-byte character cut at
 * the length cap; short random binary (a token) has almost no chance of passing.
 */
function isMostlyText(text: string): boolean {
  if (text.length === 0) return false;
  let unprintable = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isPrintable = code >= 0x20 ? code < 0x7f || (code > 0x9f && code !== 0xfffd) : code >= 9 && code <= 13;
    if (!isPrintable) unprintable++;
  }
  return unprintable * 20 <= text.length;
}

/** One pass over `input` up to `end`; `shouldLookLikeNoise` adds the class-mix tests for undeclared values. */
function hasBase64Shape(input: string, end: number, shouldLookLikeNoise: boolean): boolean {
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let standard = 0; // + and /
  let urlSafe = 0; // - and _
  let padding = 0;
  let nonHex = 0;
  for (let index = 0; index < end; index++) {
    const code = input.charCodeAt(index);
    if (padding > 0 && code !== 0x3d) return false; // `=` only at the end
    if (code >= 0x41 && code <= 0x5a) upper++;
    else if (code >= 0x61 && code <= 0x7a) lower++;
    else if (code >= 0x30 && code <= 0x39) digits++;
    else if (code === 0x2b || code === 0x2f) standard++;
    else if (code === 0x2d || code === 0x5f) urlSafe++;
    else if (code === 0x3d) padding++;
    else return false;
    if (!isHexOrDash(code)) nonHex++;
  }
  if ((standard > 0 && urlSafe > 0) || padding > 2) return false;
  if (padding > 0 ? end % 4 !== 0 : end % 4 === 1) return false;
  if (!shouldLookLikeNoise) return true;
  const isWord = digits === 0 && standard === 0 && urlSafe === 0 && padding === 0 && upper <= 1;
  const classes = (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (digits > 0 ? 1 : 0);
  return nonHex > 0 && !isWord && classes >= 2;
}

function isHexOrDash(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66) || code === 0x2d;
}
