// IP addresses, parsed by ipaddr.js: IPv4 in strict dotted-quad form (four decimal octets, no
// leading zeros, RFC 6943 §3.1.1) and IPv6 (RFC 4291 §2.2), alone or with a port. Version strings are valid dotted quads
// too (`1.2.3.4`), so alone an IPv4 address must not look like one: its first octet must be 10 or more
// or some octet 100 or more (`8.8.8.8` alone is missed; under an `ip` field it is found). The
// unspecified addresses (0.0.0.0, ::) say "no address" and are left out.
import ipaddr from 'ipaddr.js';
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { compileKeyRule } from '../key-hint.js';

function isVersionLike(octets: readonly number[]): boolean {
  return (octets[0] ?? 0) < 10 && octets.every((octet) => octet < 100);
}

/** Digits and exactly three dots: anything else is no dotted quad, and never reaches the parser. */
function isDottedQuadShaped(value: string): boolean {
  let dots = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 46) dots++;
    else if (code < 48 || code > 57) return false;
  }
  return dots === 3;
}

/**
 * Hex digits, colons and (for an embedded IPv4 address) dots, with `::` or the full 7 colons (6 before
 * an embedded IPv4 address): times (`10:30:00`), MAC addresses and ports never reach the parser.
 */
function isIpv6Shaped(value: string): boolean {
  let colons = 0;
  let hasDot = false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 58) colons++;
    else if (code === 46) hasDot = true;
    else if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70))) return false;
  }
  return value.includes('::') ? colons <= 7 : colons === (hasDot ? 6 : 7);
}

function ipv4Octets(value: string): number[] | undefined {
  if (!isDottedQuadShaped(value) || !ipaddr.IPv4.isValidFourPartDecimal(value)) return undefined;
  const octets = value.split('.').map(Number);
  return octets.every((octet) => octet === 0) ? undefined : octets;
}

function isIpv6(value: string): boolean {
  if (!isIpv6Shaped(value) || !ipaddr.IPv6.isValid(value)) return false;
  return !ipaddr.IPv6.parse(value).parts.every((part) => part === 0);
}

/**
 * The address of `host:port` forms (`203.0.113.7:8080`, `[2001:db8::1]:443`, RFC 3986 §3.2.2-3.2.3), as
 * upstream and peer fields write them; other values unchanged.
 */
export function withoutPort(value: string): string {
  if (value.charCodeAt(0) === 91) {
    const close = value.indexOf(']');
    const rest = value.slice(close + 1);
    return close !== -1 && (rest === '' || isPort(rest)) ? value.slice(1, close) : value;
  }
  const colon = value.indexOf(':');
  if (colon === -1 || value.indexOf(':', colon + 1) !== -1 || !value.includes('.')) return value;
  return isPort(value.slice(colon)) ? value.slice(0, colon) : value;
}

/** `:` and 1 to 5 digits. */
function isPort(text: string): boolean {
  if (text.length < 2 || text.length > 6 || text.charCodeAt(0) !== 58) return false;
  for (let index = 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

export function isIpAddress(value: string, isVersionLikeAllowed: boolean): boolean {
  const address = withoutPort(value);
  if (address.includes(':')) return isIpv6(address);
  const octets = ipv4Octets(address);
  return octets !== undefined && (isVersionLikeAllowed || !isVersionLike(octets));
}

export const ipAddressClassifier: SensitiveClassifier = {
  id: 'ip-address',
  description: 'An IPv4 or IPv6 address (a version-like dotted quad such as 1.2.3.4 only under an IP field).',
  matchKey: compileKeyRule({
    names: ['ip', 'ipv4', 'ipv6', 'ips', 'addr', 'remoteaddr', 'xforwardedfor', 'xrealip', 'forwardedfor', 'peer', 'peeraddr'],
    suffixes: ['ipaddress', 'ipaddr', 'ipv4', 'ipv6', 'clientip', 'remoteip', 'sourceip', 'srcip', 'dstip', 'destinationip', 'userip', 'realip',
      'serverip', 'hostip', 'publicip', 'privateip', 'lastip', 'loginip', 'deviceip', 'remoteaddress', 'clientaddress', 'peeraddress', 'ipaddresses'],
  }),
  valueGate: { minLength: 3, maxLength: 45, firstChars: FIRST_CHAR.digit | FIRST_CHAR.lower | FIRST_CHAR.upper | FIRST_CHAR.other },
  isShapeAmbiguous: true,
  matchValue(value, isKeyMatched) {
    const first = value.charCodeAt(0);
    // IPv4 starts with a digit; IPv6 with a hex digit, `:` or (with a port) `[`.
    const isCandidate = (first >= 48 && first <= 58) || (first >= 97 && first <= 102) || (first >= 65 && first <= 70) || first === 91;
    return isCandidate && isIpAddress(value, isKeyMatched);
  },
};
