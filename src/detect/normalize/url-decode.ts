// Percent-decoding, repeated: attackers double- and triple-encode (`%252e%252e%252f`) to get past
// engines that decode once. Invalid escapes stay as they are (decodeURIComponent would throw on the
// whole string); bytes that are not valid UTF-8 become U+FFFD, as a server decoding them would see.
import { unchanged, type Normalized } from './normalizer.js';

/** Rounds of decoding at most: enough for any real encoding chain, bounded against crafted input. */
export const MAX_URL_DECODE_ROUNDS = 4;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** One round: every valid `%XX` becomes its byte; `plusAsSpace` for form and query values. */
export function percentDecodeOnce(input: string, plusAsSpace = false): string {
  if (!input.includes('%') && !(plusAsSpace && input.includes('+'))) return input;
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length > 0) out += utf8.decode(Uint8Array.from(bytes));
    bytes.length = 0;
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (char === '%' && i + 2 < input.length && isHex(input.charCodeAt(i + 1)) && isHex(input.charCodeAt(i + 2))) {
      bytes.push(Number.parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    out += plusAsSpace && char === '+' ? ' ' : char;
  }
  flush();
  return out;
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

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}
