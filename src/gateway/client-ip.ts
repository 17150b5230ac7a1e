// Decides who the client is from the TCP peer and X-Forwarded-For. Only hops written by trusted
// proxies are believed: each proxy appends the address of its own peer, so the list is read from
// the right, and anything left of the first untrusted address was written by the client itself.
import { canonicalIp } from './ip-matcher.js';

/**
 * The client address: the TCP peer unless it is a trusted proxy; then the rightmost untrusted
 * X-Forwarded-For entry, or the leftmost one when every hop is trusted. An entry that is not an
 * address (garbage, "unknown", an empty element) stops the walk at the last trusted hop seen.
 * Results are canonical (IPv4-mapped IPv6 unwrapped, IPv6 in RFC 5952 form).
 */
export function clientIpFrom(
  remoteAddress: string,
  forwardedFor: string | string[] | undefined,
  isTrusted: (ip: string) => boolean,
): string {
  const peer = canonicalIp(remoteAddress) ?? remoteAddress;
  if (forwardedFor === undefined || !isTrusted(peer)) return peer; // an untrusted peer can write anything
  const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',');
  if (header.trim() === '') return peer;
  let lastTrusted = peer;
  let end = header.length;
  for (;;) {
    const comma = end === 0 ? -1 : header.lastIndexOf(',', end - 1);
    const ip = addressOf(header.slice(comma + 1, end).trim());
    if (ip === undefined) return lastTrusted;
    if (!isTrusted(ip)) return ip;
    lastTrusted = ip;
    if (comma === -1) return lastTrusted;
    end = comma;
  }
}

/** The address in one X-Forwarded-For entry: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1", "[2001:db8::1]:443". */
function addressOf(entry: string): string | undefined {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    if (close === -1) return undefined;
    const rest = entry.slice(close + 1);
    if (rest !== '' && !isPortSuffix(rest)) return undefined;
    return canonicalIp(entry.slice(1, close));
  }
  const colon = entry.indexOf(':');
  // Exactly one colon: IPv4 with a port. More than one: a bare IPv6 address.
  if (colon !== -1 && colon === entry.lastIndexOf(':')) {
    if (!isPortSuffix(entry.slice(colon))) return undefined;
    return canonicalIp(entry.slice(0, colon));
  }
  return canonicalIp(entry);
}

/** ":" followed by 1 to 5 digits. */
function isPortSuffix(s: string): boolean {
  if (s.length < 2 || s.length > 6 || s.charCodeAt(0) !== 58) return false;
  for (let i = 1; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
