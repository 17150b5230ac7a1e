// The request target and the Host header (RFC 9112 §3.2, RFC 9110 §7.2): the four target forms,
// characters no client sends raw, and an absolute-form authority that disagrees with Host (the server
// must use the target's, RFC 9112 §3.2.2, while a cache or a proxy in front may key on Host).

export type TargetVerdict = 'origin' | 'absolute' | 'asterisk' | 'authority' | 'invalid';

/** Which form the target has; 'invalid' for raw spaces or controls, or for no form at all. */
export function judgeTarget(method: string, path: string, query: string): TargetVerdict {
  if (hasRawControl(path) || hasRawControl(query)) return 'invalid';
  if (path.startsWith('/')) return 'origin';
  if (path === '*') return method === 'OPTIONS' ? 'asterisk' : 'invalid';
  if (method === 'CONNECT') return 'authority';
  const authority = absoluteAuthority(path);
  // RFC 9110 §4.2.4: userinfo is not allowed in http(s) URIs a client sends.
  return authority === undefined || authority.includes('@') ? 'invalid' : 'absolute';
}

/** The authority of an absolute-form `http://` or `https://` target, lowercased; undefined for any other form. */
export function absoluteAuthority(path: string): string | undefined {
  const lower = path.slice(0, 8).toLowerCase();
  const schemeLength = lower.startsWith('http://') ? 7 : lower.startsWith('https://') ? 8 : 0;
  if (schemeLength === 0) return undefined;
  let end = schemeLength;
  while (end < path.length && path[end] !== '/' && path[end] !== '?' && path[end] !== '#') end++;
  return withoutDefaultPort(path.slice(schemeLength, end).toLowerCase(), schemeLength === 8);
}

/** Whether the Host header names the same authority as the absolute-form target. */
export function hostMatches(authority: string, host: string, isHttps: boolean): boolean {
  return withoutDefaultPort(host.toLowerCase(), isHttps) === authority;
}

const PLAIN_NAME = /^[A-Za-z0-9._-]+$/;

/** RFC 3986 §3.2.2: a registered name, IPv4 or bracketed IPv6 literal, and an optional numeric port. */
export function isValidHost(host: string): boolean {
  // The common Host, a DNS name without a port, in one native scan.
  if (host.length === 0 || PLAIN_NAME.test(host)) return true;
  let portAt = host.lastIndexOf(':');
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close === -1 || !/^[0-9A-Fa-f:.]+$/.test(host.slice(1, close))) return false;
    portAt = close + 1 === host.length ? -1 : close + 1;
    if (portAt !== -1 && host[portAt] !== ':') return false;
  } else if (!isRegisteredName(portAt === -1 ? host : host.slice(0, portAt))) {
    return false;
  }
  return portAt === -1 || /^\d{0,5}$/.test(host.slice(portAt + 1));
}

/** Letters, digits, `.`, `-`, `_`: what DNS names and IPv4 addresses use (sub-delims are RFC-legal but only attacks send them). */
function isRegisteredName(name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    const isAlphanumeric = (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
    if (!isAlphanumeric && code !== 46 && code !== 45 && code !== 95) return false;
  }
  return true;
}

function withoutDefaultPort(authority: string, isHttps: boolean): string {
  const suffix = isHttps ? ':443' : ':80';
  return authority.endsWith(suffix) ? authority.slice(0, -suffix.length) : authority;
}

/** Raw space, control or DEL: clients percent-encode them, smuggling payloads do not. */
function hasRawControl(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}
