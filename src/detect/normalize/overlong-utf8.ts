// Overlong UTF-8 and IIS `%u` escapes of percent-encoded text: `%c0%ae` is `.`, `%c0%af` is `/`,
// `%u002e` is `.`, as lenient decoders read them (CVE-2000-0884 IIS Unicode traversal, CVE-2008-2938
// Tomcat, RFC 3629 section 10 which forbids accepting them).
//
// Order: this runs BEFORE urlDecode, on the still-encoded string. urlDecode follows RFC 3629 and turns
// an overlong sequence into U+FFFD, so afterwards the `.` or `/` a vulnerable server sees is lost.
// Only sequences that stand for ASCII are rewritten (the characters traversal and injection need);
// everything else, valid multi-byte UTF-8 included, is left for urlDecode.
import { unchanged, type Normalized } from './normalizer.js';

export function decodeOverlongUtf8(input: string): Normalized {
  if (!input.includes('%')) return unchanged(input);
  let out = '';
  let copiedUpTo = 0;
  let index = input.indexOf('%');
  while (index !== -1) {
    const match = iisEscapeAt(input, index) ?? overlongAt(input, index);
    if (match === undefined) {
      index = input.indexOf('%', index + 1);
      continue;
    }
    out += input.slice(copiedUpTo, index) + match.char;
    copiedUpTo = index + match.length;
    index = input.indexOf('%', copiedUpTo);
  }
  if (copiedUpTo === 0) return unchanged(input);
  return { value: out + input.slice(copiedUpTo), changed: true };
}

interface Match {
  readonly char: string;
  /** Characters of input consumed. */
  readonly length: number;
}

/** IIS `%uXXXX`: one UTF-16 code unit (surrogate halves pair up with their neighbour). */
function iisEscapeAt(input: string, index: number): Match | undefined {
  const marker = input.charCodeAt(index + 1);
  if (marker !== 0x75 && marker !== 0x55) return undefined; // u, U
  const high = hexPairAt(input, index + 2);
  const low = high === -1 ? -1 : hexPairAt(input, index + 4);
  if (low === -1) return undefined;
  return { char: String.fromCharCode((high << 8) | low), length: 6 };
}

/**
 * `%C0 %XX` / `%C1 %XX`, `%E0 %80|%81 %XX` and `%F0 %80 %80|%81 %XX`: 2, 3 and 4 byte forms whose value
 * is below 0x80. The two-byte form also accepts a second byte without the continuation bits (`%c1%1c`
 * is `\`): IIS masked them off unchecked (CVE-2000-0884).
 */
function overlongAt(input: string, index: number): Match | undefined {
  const lead = escapedByteAt(input, index);
  if (lead === 0xc0 || lead === 0xc1) {
    const second = escapedByteAt(input, index + 3);
    if (second === -1 || second >= 0xc0 || (second >= 0x40 && second < 0x80)) return undefined;
    return { char: String.fromCharCode(((lead & 0x01) << 6) | (second & 0x3f)), length: 6 };
  }
  const continuations = lead === 0xe0 ? 2 : lead === 0xf0 ? 3 : 0;
  if (continuations === 0) return undefined;
  let codePoint = 0;
  for (let position = 0; position < continuations; position++) {
    const byte = escapedByteAt(input, index + 3 + position * 3);
    if (byte < 0x80 || byte > 0xbf) return undefined;
    codePoint = (codePoint << 6) | (byte & 0x3f);
  }
  if (codePoint >= 0x80) return undefined; // a real (or non-ASCII overlong) character: urlDecode's business
  return { char: String.fromCharCode(codePoint), length: 3 + continuations * 3 };
}

/** The byte `%XX` at `index` stands for; -1 when there is no valid escape there. */
function escapedByteAt(input: string, index: number): number {
  return input.charCodeAt(index) === 0x25 ? hexPairAt(input, index + 1) : -1;
}

/** The value of the two hex digits at `index`; -1 when they are not both hex. */
function hexPairAt(input: string, index: number): number {
  const high = hexValue(input.charCodeAt(index));
  const low = hexValue(input.charCodeAt(index + 1));
  return high === -1 || low === -1 ? -1 : (high << 4) | low;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}
