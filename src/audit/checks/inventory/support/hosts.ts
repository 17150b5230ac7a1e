// What a server host says about where it runs: the loopback, a private network, an internal-only name,
// a bare IP address, a development or staging name, or (by default) a public named host. Read by
// hand: IPv4 by its four numbers, IPv6 by its first group, names by their labels.

export type HostClass = 'loopback' | 'private' | 'internal-name' | 'ip' | 'non-production' | 'public' | 'unknown';

/** Top-level labels that only resolve inside an organisation (RFC 6762 `.local`, ICANN's `.internal`...). */
const INTERNAL_TLDS = new Set(['local', 'localhost', 'internal', 'lan', 'intranet', 'corp', 'home', 'localdomain', 'private', 'intra']);
/** Labels naming development and pre-production environments; `sandbox` and `demo` are often public on purpose. */
const NON_PRODUCTION_LABELS = new Set(['dev', 'devel', 'develop', 'development', 'staging', 'stage', 'stg', 'test', 'testing', 'qa', 'uat', 'preprod', 'preproduction', 'int', 'integration']);

export function classifyHost(host: string): HostClass {
  if (host === '' || host.includes('{')) return 'unknown';
  if (host.includes(':')) return classifyIpv6(host);
  const ipv4 = ipv4Numbers(host);
  if (ipv4 !== undefined) return classifyIpv4(ipv4);
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (host === 'localhost' || tld === 'localhost') return 'loopback';
  if (labels.length === 1 || INTERNAL_TLDS.has(tld)) return 'internal-name';
  for (const label of labels) {
    for (const word of label.split('-')) if (NON_PRODUCTION_LABELS.has(word)) return 'non-production';
  }
  return 'public';
}

function ipv4Numbers(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    if (part === '' || part.length > 3) return undefined;
    for (let index = 0; index < part.length; index++) {
      const code = part.charCodeAt(index);
      if (code < 48 || code > 57) return undefined;
    }
    const value = Number(part);
    if (value > 255) return undefined;
    numbers.push(value);
  }
  return numbers;
}

function classifyIpv4([first = 0, second = 0]: number[]): HostClass {
  if (first === 127 || first === 0) return 'loopback';
  if (first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168) || (first === 169 && second === 254)) return 'private';
  if (first === 100 && second >= 64 && second <= 127) return 'private';
  return 'ip';
}

function classifyIpv6(host: string): HostClass {
  const address = host.toLowerCase();
  if (address === '::1' || address === '::') return 'loopback';
  const firstGroup = address.split(':')[0] ?? '';
  if (firstGroup.startsWith('fc') || firstGroup.startsWith('fd') || firstGroup.startsWith('fe8') || firstGroup.startsWith('fe9') || firstGroup.startsWith('fea') || firstGroup.startsWith('feb')) {
    return firstGroup.length === 4 ? 'private' : 'ip';
  }
  return 'ip';
}
