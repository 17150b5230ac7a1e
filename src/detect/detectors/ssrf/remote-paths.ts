// Remote locations written without a scheme: a protocol-relative reference (`//evil.example/shell.php`,
// RFC 3986 section 4.2) and a Windows UNC path (`\\203.0.113.66\share\shell.php`), which PHP's include()
// and Windows file APIs open over SMB. Both are remote file inclusion payloads (PayloadsAllTheThings,
// "File Inclusion"; OWASP WSTG-INPV-11), and a UNC path handed to a server-side fetch leaks NTLM hashes.

import { hostOfAuthority, isAuthorityEndCode } from './authority.js';

export interface RemotePath {
  readonly host: string;
  /** Where the leading slashes start (after blanks) and where the authority ends. */
  readonly start: number;
  readonly authorityEnd: number;
  /** Written with backslashes: a UNC path, opened over SMB. */
  readonly isUnc: boolean;
}

/** RFC 1035: labels of at most 63 characters, names of at most 255; longer is no host. */
const MAX_HOST_LENGTH = 255;
/** A hex IPv4 part (`0x7f`, `0x7f000001`), the WHATWG URL parser's spelling. */
const HEX_NUMBER = /^0x[0-9a-f]{1,8}$/i;

/**
 * The remote location `text` starts with, or undefined. Two leading slashes or backslashes in any mix;
 * a single backslash too when a dotted host and another backslash follow, because a JSON or JavaScript
 * unescaping layer turns the `\\` of a UNC path into `\`. A protocol-relative host must look like a host
 * on the network (a dotted name ending in letters, or an IP literal): `//var/www` is a path with a
 * doubled slash. A UNC host may be a single label (`\\fileserver\share`), as on a Windows network.
 */
export function readRemotePath(text: string): RemotePath | undefined {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 32) start++;
  const first = text.charCodeAt(start);
  if (first !== 47 && first !== 92) return undefined;
  const second = text.charCodeAt(start + 1);
  const isDouble = second === 47 || second === 92;
  if (!isDouble && first !== 92) return undefined;
  const hostStart = start + (isDouble ? 2 : 1);
  let end = hostStart;
  while (end < text.length && end - hostStart <= MAX_HOST_LENGTH && !isAuthorityEndCode(text.charCodeAt(end))) end++;
  if (end === hostStart || end - hostStart > MAX_HOST_LENGTH) return undefined;
  const isUnc = first === 92 || second === 92;
  const terminator = text.charCodeAt(end);
  // A UNC path names a share: the host is followed by a separator. `\\x` alone is an escaped text.
  if (isUnc && terminator !== 92 && terminator !== 47) return undefined;
  const host = text.slice(hostStart, end);
  // `//user@host/`: the host follows the last `@`, as for any authority.
  const hostPart = hostOfAuthority(host.slice(host.lastIndexOf('@') + 1));
  const mayBeSingleLabel = isUnc && isDouble;
  if (!isNetworkHost(hostPart, mayBeSingleLabel)) return undefined;
  return { host: hostPart, start, authorityEnd: end, isUnc };
}

/**
 * A bracketed IPv6 literal, a dotted name whose last label is letters (a top-level domain) or digits (an
 * IPv4 literal, possibly short or hex), or with `mayBeSingleLabel` one name label. Letters, digits,
 * `-`, `_` and `.` only: `//**bold**` and `\\n` are not hosts.
 */
function isNetworkHost(host: string, mayBeSingleLabel: boolean): boolean {
  if (host.charCodeAt(0) === 91) return host.charCodeAt(host.length - 1) === 93 && host.length > 3;
  let lastDot = -1;
  for (let index = 0; index < host.length; index++) {
    const code = host.charCodeAt(index);
    if (code === 46) {
      if (index === 0 || index === lastDot + 1) return false;
      lastDot = index;
    } else if (!isHostChar(code)) return false;
  }
  if (lastDot === host.length - 1) return false;
  // One number is an address only when it is large (10.0.0.0 is 167772160) or hex: `//2024/05` is a path.
  if (lastDot === -1) return mayBeSingleLabel || /^\d{9,10}$/.test(host) || HEX_NUMBER.test(host);
  if (/^[a-z]{2,63}$/i.test(host.slice(lastDot + 1))) return true;
  // Ending in a number: an IPv4 literal, every part a number (`v1.2` is a version).
  return host.split('.').every((part) => /^\d{1,10}$/.test(part) || HEX_NUMBER.test(part));
}

function isHostChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95;
}
