// The authority part of a URL or host value (RFC 3986 section 3.2): where it ends and the host inside
// it, shared by the readers of URLs, host fields, schemeless values and UNC paths.

/** `/ ? # \` end an authority (WHATWG URL reads `\` as `/` in special URLs), and so do blanks and controls. */
export function isAuthorityEndCode(code: number): boolean {
  return code === 47 || code === 63 || code === 35 || code === 92 || code <= 32;
}

/** `host:port` to `host`; a bracketed or bare IPv6 literal (two colons or more) keeps its colons. */
export function hostOfAuthority(hostPort: string): string {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    return close === -1 ? hostPort : hostPort.slice(0, close + 1);
  }
  const colon = hostPort.indexOf(':');
  if (colon === -1 || hostPort.indexOf(':', colon + 1) !== -1) return hostPort;
  return hostPort.slice(0, colon);
}
