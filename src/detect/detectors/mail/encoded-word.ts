// RFC 2047 encoded words (`=?charset?Q?text?=`, `=?charset?B?text?=`), decoded as a mail library
// decodes a header, so the mail detector sees the CR and LF an attacker hid in one (`=0D=0A` in Q,
// `DQo` in B): the raw value has no line break for the line rules to find.

/** RFC 2047 section 2 caps an encoded word at 75 characters; lenient decoders read longer ones, up to here. */
const MAX_WORD_LENGTH = 1024;
/** Charset (with an RFC 2231 `*language`) is a token; real ones are short. */
const MAX_CHARSET_LENGTH = 64;

/**
 * The decoded text of the encoded word starting at `at` (`=?`), one character per byte (Latin-1: only
 * CR, LF and the ASCII after them matter), or undefined when no well-formed word starts there.
 */
export function decodeEncodedWord(text: string, at: number): string | undefined {
  let index = at + 2;
  const charsetStart = index;
  while (index < text.length && index - charsetStart < MAX_CHARSET_LENGTH && isCharsetChar(text.charCodeAt(index))) index++;
  if (index === charsetStart || text.charCodeAt(index) !== 63 /* ? */) return undefined;
  const encoding = text.charCodeAt(index + 1) | 0x20;
  if ((encoding !== 113 /* q */ && encoding !== 98 /* b */) || text.charCodeAt(index + 2) !== 63) return undefined;
  const textStart = index + 3;
  const end = text.indexOf('?=', textStart);
  if (end === -1 || end - textStart > MAX_WORD_LENGTH) return undefined;
  const encoded = text.slice(textStart, end);
  return encoding === 113 ? decodeQ(encoded) : Buffer.from(encoded, 'base64').toString('latin1');
}

/** Whether `text` holds a CR or LF. */
export function hasLineBreak(text: string): boolean {
  return text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1;
}

/** RFC 2047 section 4.2: `=XX` is a byte, `_` a space, anything else itself. */
function decodeQ(encoded: string): string {
  if (encoded.indexOf('=') === -1 && encoded.indexOf('_') === -1) return encoded;
  let decoded = '';
  for (let index = 0; index < encoded.length; index++) {
    const code = encoded.charCodeAt(index);
    if (code === 95) decoded += ' ';
    else if (code === 61) {
      const byte = hexValue(encoded.charCodeAt(index + 1)) * 16 + hexValue(encoded.charCodeAt(index + 2));
      if (byte >= 0) {
        decoded += String.fromCharCode(byte);
        index += 2;
      } else decoded += '=';
    } else decoded += encoded[index];
  }
  return decoded;
}

/** 0-15 for a hex digit; a large negative number otherwise, so a sum with one stays negative. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1024;
}

/** RFC 2047 `charset` is a token without `?`; RFC 2231 adds `*language`. */
function isCharsetChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95 || code === 46 || code === 42 || code === 58;
}
