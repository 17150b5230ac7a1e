// Matches client addresses against a list of IPv4/IPv6 addresses and CIDR ranges, compiled once.
// IPv4-mapped IPv6 (::ffff:a.b.c.d, RFC 4291 §2.5.5.2), which Node reports for IPv4 peers on
// dual-stack sockets, is treated as the IPv4 address it carries, both in entries and at match time.
import { isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { BulwarkError } from '../core/errors.js';

export interface IpMatcher {
  /** Whether `ip` is one of the entries or inside one of the ranges; false when `ip` is not an address. */
  matches(ip: string): boolean;
  /** Number of entries the matcher was built from. */
  readonly size: number;
}

/** An address as numbers: IPv4 as an unsigned 32-bit integer, IPv6 as eight 16-bit parts. */
type ParsedIp = { kind: 4; value: number } | { kind: 6; parts: readonly number[] };

interface Ipv4Range { network: number; mask: number }
interface Ipv6Range { parts: readonly number[]; bits: number }

const MAPPED_PREFIX_PARTS = [0, 0, 0, 0, 0, 0xffff] as const;

/** Compiles `entries` (addresses or CIDRs); an invalid entry throws CONFIG_INVALID naming `keyPath[i]`. */
export function createIpMatcher(entries: readonly string[], keyPath: string): IpMatcher {
  const exactText = new Set<string>();
  const exactV4 = new Set<number>();
  const exactV6 = new Set<string>();
  const rangesV4: Ipv4Range[] = [];
  const rangesV6: Ipv6Range[] = [];

  entries.forEach((entry, index) => {
    const compiled = parseEntry(entry.trim());
    if (compiled === undefined) {
      throw new BulwarkError('CONFIG_INVALID', `${keyPath}[${index}]: ${JSON.stringify(entry)} is not an IP address or CIDR`);
    }
    const { address, bits } = compiled;
    if (address.kind === 4) {
      if (bits === 32) {
        exactV4.add(address.value);
        const text = ipv4ToString(address.value);
        exactText.add(text).add(`::ffff:${text}`);
      } else {
        const mask = ipv4Mask(bits);
        rangesV4.push({ network: (address.value & mask) >>> 0, mask });
      }
    } else if (bits === 128) {
      exactV6.add(address.parts.join(':'));
      exactText.add(new ipaddr.IPv6([...address.parts]).toRFC5952String());
    } else {
      rangesV6.push({ parts: address.parts, bits });
      // An IPv6 range that covers part of ::ffff:0:0/96 covers the IPv4 clients mapped into it.
      const mapped = mappedIpv4Range(address.parts, bits);
      if (mapped) rangesV4.push(mapped);
    }
  });

  return {
    size: entries.length,
    matches(ip: string): boolean {
      if (exactText.has(ip)) return true; // fast path: the canonical text Node reports
      const parsed = parseIp(ip);
      if (parsed === undefined) return false;
      if (parsed.kind === 4) {
        const value = parsed.value;
        if (exactV4.has(value)) return true;
        for (const range of rangesV4) if (((value & range.mask) >>> 0) === range.network) return true;
        return false;
      }
      if (exactV6.has(parsed.parts.join(':'))) return true;
      for (const range of rangesV6) if (prefixEquals(parsed.parts, range.parts, range.bits)) return true;
      return false;
    },
  };
}

/** Whether `s` is an IPv4 (dotted decimal, no leading zeros) or IPv6 address. */
export function isIpAddress(s: string): boolean {
  return parseIp(s) !== undefined;
}

/** The canonical text of an address (IPv4 dotted decimal, IPv6 RFC 5952, mapped IPv4 unwrapped), or undefined. */
export function canonicalIp(s: string): string | undefined {
  const parsed = parseIp(s);
  if (parsed === undefined) return undefined;
  return parsed.kind === 4 ? ipv4ToString(parsed.value) : new ipaddr.IPv6([...parsed.parts]).toRFC5952String();
}

/** Parses an address; IPv4-mapped IPv6 comes back as IPv4, an IPv6 zone id (%eth0) is dropped. */
function parseIp(s: string): ParsedIp | undefined {
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { kind: 4, value: v4 };
  const parts = parseIpv6(s);
  if (parts === undefined) return undefined;
  if (prefixEquals(parts, MAPPED_PREFIX_PARTS, 96)) return { kind: 4, value: ((parts[6] ?? 0) * 0x10000) + (parts[7] ?? 0) };
  return { kind: 6, parts };
}

/** Strict dotted decimal: four parts 0-255 without leading zeros (inet_aton's octal/hex forms are refused). */
function parseIpv4(s: string): number | undefined {
  const length = s.length;
  if (length < 7 || length > 15) return undefined;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const code = s.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return undefined; // leading zero
      octet = octet * 10 + (code - 48);
      if (octet > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

function parseIpv6(s: string): readonly number[] | undefined {
  if (s.length > 64 || !isIPv6(s)) return undefined; // node:net is strict (no leading zeros in dotted parts)
  const zone = s.indexOf('%');
  let text = zone === -1 ? s : s.slice(0, zone);
  // ipaddr.js 2.x reads "::1.2.3.4" (IPv4-compatible) as if it were "::ffff:1.2.3.4"; spell the
  // embedded IPv4 part as two hex groups ourselves so it keeps its real meaning.
  const lastColon = text.lastIndexOf(':');
  const embedded = parseIpv4(text.slice(lastColon + 1));
  if (embedded !== undefined) {
    text = `${text.slice(0, lastColon + 1)}${Math.floor(embedded / 0x10000).toString(16)}:${(embedded % 0x10000).toString(16)}`;
  }
  try {
    return ipaddr.IPv6.parse(text).parts;
  } catch {
    return undefined;
  }
}

/** "addr" or "addr/bits" with bits in range and written without leading zeros; zone ids are refused. */
function parseEntry(entry: string): { address: ParsedIp; bits: number } | undefined {
  if (entry.includes('%')) return undefined;
  const slash = entry.indexOf('/');
  const address = parseIp(slash === -1 ? entry : entry.slice(0, slash));
  if (address === undefined) return undefined;
  const ownBits = address.kind === 4 ? 32 : 128;
  if (slash === -1) return { address, bits: ownBits };
  const prefix = entry.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix)) return undefined;
  let bits = Number(prefix);
  // A mapped address with a prefix ("::ffff:10.0.0.0/104") is an IPv4 range of bits - 96.
  const isMappedEntry = address.kind === 4 && parseIpv4(entry.slice(0, slash)) === undefined;
  if (isMappedEntry) {
    if (bits > 128) return undefined;
    if (bits < 96) return { address: { kind: 6, parts: [...MAPPED_PREFIX_PARTS, address.value >>> 16, address.value & 0xffff] }, bits };
    bits -= 96;
  }
  if (bits > ownBits) return undefined;
  return { address, bits };
}

function ipv4Mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function ipv4ToString(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

/** Whether the first `bits` bits of two IPv6 addresses (as 16-bit parts) are equal. */
function prefixEquals(a: readonly number[], b: readonly number[], bits: number): boolean {
  let remaining = bits;
  for (let i = 0; remaining > 0; i++, remaining -= 16) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (remaining >= 16) {
      if (x !== y) return false;
    } else {
      const mask = (0xffff << (16 - remaining)) & 0xffff;
      return (x & mask) === (y & mask);
    }
  }
  return true;
}

/** The IPv4 range an IPv6 range covers through ::ffff:0:0/96, if it reaches into it. */
function mappedIpv4Range(parts: readonly number[], bits: number): Ipv4Range | undefined {
  if (bits <= 96) return prefixEquals(parts, MAPPED_PREFIX_PARTS, bits) ? { network: 0, mask: 0 } : undefined;
  if (!prefixEquals(parts, MAPPED_PREFIX_PARTS, 96)) return undefined;
  const mask = ipv4Mask(bits - 96);
  return { network: ((((parts[6] ?? 0) * 0x10000) + (parts[7] ?? 0)) & mask) >>> 0, mask };
}
