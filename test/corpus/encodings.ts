// Application-level encodings of a payload (what the backend decodes before using the value) and the
// transport escaping each placement needs (what any client must escape to send the value at all).
import type { Encoding } from './case.js';

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Every byte outside RFC 3986's unreserved set as %XX (what encodeURIComponent does, plus !'()*). */
export function percentEncodeAll(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface EncodeOptions {
  /** Rotates between equivalent spellings (hex, decimal or named character references). */
  readonly variant: number;
  /** Full-width only the host of a URL (IDNA maps full-width digits and dots back, scheme and path would break). */
  readonly fullWidthHostOnly?: boolean;
}

/** The payload as the attacker sends it for the application to decode once more. */
export function encodePayload(payload: string, encoding: Encoding, options: EncodeOptions): string {
  switch (encoding) {
    case 'plain': return payload;
    case 'url': return percentEncodeAll(payload);
    case 'double-url': return percentEncodeAll(percentEncodeAll(payload));
    case 'base64': return Buffer.from(payload, 'utf8').toString('base64');
    case 'unicode-escape': return unicodeEscape(payload);
    case 'html-entity': return htmlEntities(payload, options.variant);
    case 'full-width': return options.fullWidthHostOnly === true ? fullWidthHost(payload) : fullWidth(payload);
  }
}

/** `<` as the six characters `\u003c`: JavaScript / JSON escape text a backend unescapes again. */
export function unicodeEscape(text: string, keep: RegExp = /[A-Za-z0-9 ]/): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    out += keep.test(char) ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** HTML5 named references for ASCII punctuation (WHATWG named character references). */
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos', '(': 'lpar', ')': 'rpar', '/': 'sol', ':': 'colon',
  ';': 'semi', '=': 'equals', '.': 'period', ',': 'comma', '!': 'excl', '?': 'quest', '#': 'num', '$': 'dollar',
  '%': 'percnt', '*': 'ast', '+': 'plus', '[': 'lbrack', ']': 'rbrack', '{': 'lcub', '}': 'rcub', '|': 'verbar',
  '`': 'grave', '\\': 'bsol', '_': 'lowbar', '@': 'commat', '-': 'hyphen', '\t': 'Tab', '\n': 'NewLine',
};

function htmlEntities(text: string, variant: number): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9 ]/.test(char)) {
      out += char;
      continue;
    }
    const code = char.codePointAt(0)!;
    const named = NAMED_REFERENCES[char];
    if (variant % 3 === 2 && named !== undefined) out += `&${named};`;
    else if (variant % 3 === 1) out += `&#${code};`;
    else out += `&#x${code.toString(16)};`;
  }
  return out;
}

/** ASCII printable to the Halfwidth and Fullwidth Forms block (U+FF01-U+FF5E), space to U+3000: NFKC undoes it. */
export function fullWidth(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 0x21 && code <= 0x7e) out += String.fromCharCode(code + 0xfee0);
    else if (code === 0x20) out += '\u3000';
    else out += char;
  }
  return out;
}

function fullWidthHost(text: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/s.exec(text);
  if (match === null) return fullWidth(text);
  return `${match[1]!}${fullWidth(match[2]!)}${match[3]!}`;
}

export interface TransportOptions {
  /** Characters that would end the value in this syntax (`&` in a query, `;` in a cookie). */
  readonly reserved: string;
  /** Space as `+` (query strings and forms) rather than `%20`. */
  readonly spaceAsPlus: boolean;
  /**
   * Keep `%XX` sequences as they are: an attack seed that spells `%00` or `%c0%af` means those bytes on
   * the wire. Benign values escape every `%` so the application sees exactly the value.
   */
  readonly keepPercentEscapes: boolean;
}

/**
 * The least escaping a client needs to send a value in a URL-like syntax (as curl or a browser address
 * bar does): control characters, non-ASCII, the syntax's own delimiters and stray `%`. Quotes, angle
 * brackets and parentheses stay raw, as attackers send them.
 */
export function escapeMinimal(text: string, options: TransportOptions): string {
  let out = '';
  const bytes = Buffer.from(text, 'utf8');
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    const char = String.fromCharCode(byte);
    if (byte === 0x20) out += options.spaceAsPlus ? '+' : '%20';
    else if (byte === 0x25) out += options.keepPercentEscapes && isHexPair(bytes, index + 1) ? '%' : '%25';
    else if (byte < 0x20 || byte >= 0x7f || options.reserved.includes(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

function isHexPair(bytes: Buffer, at: number): boolean {
  const isHex = (byte: number | undefined): boolean => byte !== undefined && /[0-9A-Fa-f]/.test(String.fromCharCode(byte));
  return isHex(bytes[at]) && isHex(bytes[at + 1]);
}

function hasCode(text: string, isBad: (code: number) => boolean): boolean {
  for (let index = 0; index < text.length; index++) if (isBad(text.charCodeAt(index))) return true;
  return false;
}

/** A header value as Node hands it over: UTF-8 bytes read as latin1. Undefined when no client could send it. */
export function headerValue(text: string): string | undefined {
  const latin1 = Buffer.from(text, 'utf8').toString('latin1');
  // RFC 9110 5.5: field values are visible characters, space and tab (obs-text allowed).
  return hasCode(latin1, (code) => (code < 0x20 && code !== 0x09) || code === 0x7f) ? undefined : latin1;
}

/** Text for an XML text node or a double-quoted attribute; undefined for characters XML 1.0 cannot carry. */
export function xmlEscape(text: string, isAttribute: boolean): string | undefined {
  // XML 1.0 section 2.2: no C0 controls but tab, LF and CR, not even as character references.
  if (hasCode(text, (code) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff)) return undefined;
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  if (isAttribute) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
  return out;
}

/** A GraphQL string literal's content (GraphQL spec, StringValue escapes). */
export function graphqlEscape(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out;
}
