// IPv4 host parsing the way browsers and inet_aton(3) read hosts (WHATWG URL Standard, "IPv4 parser"):
// one to four dot-separated parts in decimal, octal (a leading 0) or hex (0x), the last part filling the
// remaining bytes, so 2130706433, 0x7f000001, 0177.0.0.1, 0x7f.1 and 127.1 all name 127.0.0.1: the
// classic SSRF filter evasions (OWASP SSRF Prevention Cheat Sheet; PayloadsAllTheThings "SSRF").

/** How the host was written: only `canonical` (four plain decimal bytes) appears in ordinary URLs. */
export type Ipv4Spelling = 'canonical' | 'decimal' | 'octal' | 'hex';

export interface Ipv4Host {
  /** The address as an unsigned 32-bit number. */
  readonly address: number;
  readonly spelling: Ipv4Spelling;
  readonly parts: number;
  /**
   * The address when leading zeros are read as decimal, as some parsers do (Python's ipaddress before
   * CVE-2021-29921, many hand-written filters): `0127.0.0.1` is 87.0.0.1 to a browser and 127.0.0.1 to
   * them. Undefined when no part has a leading zero or that reading is invalid.
   */
  readonly decimalReading: number | undefined;
}

/** Longest host worth parsing: `0x` plus 32 bits of hex digits per part, with dots, is far below. */
const MAX_HOST_LENGTH = 64;
/** Significant digits a part may have before it cannot fit 32 bits in any radix. */
const MAX_SIGNIFICANT_DIGITS = 11;

interface Part {
  readonly value: number;
  readonly radix: 8 | 10 | 16;
  /** The value with a leading-zero part read as decimal (octal digits are decimal digits too). */
  readonly decimalValue: number;
}

/** Parses `host` as an IPv4 address in any spelling; undefined when it is not one (a domain name). */
export function parseIpv4Host(host: string): Ipv4Host | undefined {
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return undefined;
  const texts = host.split('.');
  const hasTrailingDot = texts.length > 1 && texts[texts.length - 1] === '';
  if (hasTrailingDot) texts.pop();
  if (texts.length > 4) return undefined;
  const parts: Part[] = [];
  for (const text of texts) {
    const part = parsePart(text);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  const address = combine(parts.map((part) => part.value));
  if (address === undefined) return undefined;
  const radixes = new Set(parts.map((part) => part.radix));
  const spelling: Ipv4Spelling = radixes.has(16) ? 'hex' : radixes.has(8) ? 'octal'
    : parts.length === 4 && !hasTrailingDot ? 'canonical' : 'decimal';
  const decimal = radixes.has(8) ? combine(parts.map((part) => part.decimalValue)) : undefined;
  return { address, spelling, parts: parts.length, decimalReading: decimal === address ? undefined : decimal };
}

/** The WHATWG "IPv4 number parser": `0x` is hex, a leading `0` octal, otherwise decimal. */
function parsePart(text: string): Part | undefined {
  if (text.length === 0) return undefined;
  const second = text.charCodeAt(1);
  const isHex = text.charCodeAt(0) === 48 && (second === 120 || second === 88);
  const radix = isHex ? 16 : text.length > 1 && text.charCodeAt(0) === 48 ? 8 : 10;
  const digits = isHex ? text.slice(2) : text;
  const value = readNumber(digits, radix);
  if (value === undefined) return undefined;
  const decimalValue = radix === 8 ? readNumber(digits, 10) ?? value : value;
  return { value, radix, decimalValue };
}

function readNumber(digits: string, radix: 8 | 10 | 16): number | undefined {
  let value = 0;
  let significant = 0;
  for (let index = 0; index < digits.length; index++) {
    const digit = digitValue(digits.charCodeAt(index));
    if (digit >= radix) return undefined;
    if (value > 0 || digit > 0) significant++;
    // Too long for 32 bits in any radix: out of range, so no address (still scanned for validity).
    value = significant > MAX_SIGNIFICANT_DIGITS ? Number.POSITIVE_INFINITY : value * radix + digit;
  }
  return value;
}

function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return 99;
}

/** Every part but the last is one byte; the last fills what is left (`127.1`: 127, then 0.0.1). */
function combine(values: readonly number[]): number | undefined {
  let address = 0;
  const last = values.length - 1;
  for (let index = 0; index < last; index++) {
    const value = values[index]!;
    if (!(value <= 255)) return undefined;
    address = address * 256 + value;
  }
  const lastValue = values[last]!;
  const room = 256 ** (4 - last);
  if (!(lastValue < room)) return undefined;
  return address * room + lastValue;
}
