// Percent-decoding, repeated: attackers double- and triple-encode (`%252e%252e%252f`) to get past
// engines that decode once. Invalid escapes stay as they are (decodeURIComponent would throw on the
// whole string); bytes that are not valid UTF-8 become U+FFFD, as a server decoding them would see.
import { unchanged, type Normalized } from './normalizer.js';

/** Rounds of decoding at most: enough for any real encoding chain, bounded against crafted input. */
export const MAX_URL_DECODE_ROUNDS = 4;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * One round: every valid `%XX` becomes its byte; `plusAsSpace` for form and query values. Literal
 * text is copied in slices and ASCII bytes appended directly; only runs of non-ASCII bytes go through
 * the UTF-8 decoder (an ASCII byte cannot continue a sequence, so decoding the runs apart is the same).
 */
export function percentDecodeOnce(input: string, plusAsSpace = false): string {
  let index = input.indexOf('%');
  if (index === -1) return plusAsSpace && input.includes('+') ? input.replaceAll('+', ' ') : input;
  const literal = (text: string): string => (plusAsSpace && text.includes('+') ? text.replaceAll('+', ' ') : text);
  const pending: number[] = [];
  let out = '';
  let copied = 0;
  while (index !== -1) {
    const byte = escapedByteAt(input, index);
    if (byte === -1) {
      index = input.indexOf('%', index + 1);
      continue;
    }
    if (index > copied) {
      out += flushUtf8(pending) + literal(input.slice(copied, index));
    }
    if (byte < 0x80) out += flushUtf8(pending) + String.fromCharCode(byte);
    else pending.push(byte);
    copied = index + 3;
    index = input.indexOf('%', copied);
  }
  return out + flushUtf8(pending) + literal(input.slice(copied));
}

/** Decodes until the value stops changing or MAX_URL_DECODE_ROUNDS rounds have run. */
export function urlDecode(input: string, plusAsSpace = false): Normalized {
  let value = input;
  for (let round = 0; round < MAX_URL_DECODE_ROUNDS; round++) {
    // `+` is a space only in the first round: a decoded `%2B` is a literal plus.
    const next = percentDecodeOnce(value, plusAsSpace && round === 0);
    if (next === value) break;
    value = next;
  }
  return value === input ? unchanged(input) : { value, changed: true };
}

/** Decodes and empties the pending non-ASCII bytes (invalid UTF-8 becomes U+FFFD); '' when there are none. */
function flushUtf8(pending: number[]): string {
  if (pending.length === 0) return '';
  const text = utf8.decode(Uint8Array.from(pending));
  pending.length = 0;
  return text;
}

/** The byte of the `%XX` escape at `index`; -1 when the two characters after `%` are not both hex. */
function escapedByteAt(input: string, index: number): number {
  const high = hexValue(input.charCodeAt(index + 1));
  const low = high === -1 ? -1 : hexValue(input.charCodeAt(index + 2));
  return low === -1 ? -1 : (high << 4) | low;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}
