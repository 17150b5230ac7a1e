// What a URL host names, for SSRF: an IP literal in any spelling, a name that always resolves to the
// local host or a metadata service, a wildcard-DNS name carrying an address (`127.0.0.1.nip.io`), a
// DNS-rebinding service, or an out-of-band interaction (OAST) domain that scanners use to confirm
// blind SSRF and Log4Shell.
import { classifyIpv4, classifyIpv6, worseClass, type AddressClass } from './address-class.js';
import { parseIpv4Host, type Ipv4Host } from './ipv4.js';
import { parseIpv6 } from './ipv6.js';

export type HostService = 'none' | 'wildcard-dns' | 'rebinding' | 'oast';

export interface HostReading {
  readonly addressClass: AddressClass;
  /** An IP literal spelled as ordinary URLs never are (decimal, octal, hex, shortened, IPv4-in-IPv6). */
  readonly isObfuscated: boolean;
  readonly service: HostService;
  /** Set when the host is an IPv4 literal: how it was spelled. */
  readonly ipv4: Ipv4Host | undefined;
  /** The host is an IP literal (IPv4 or IPv6), not a name. */
  readonly isAddress: boolean;
}

/** RFC 1035 section 2.3.4: a name has at most 255 octets; anything longer is no host a client resolves. */
const MAX_HOST_LENGTH = 255;

/** The reading of an ordinary public name; the same object every time, so callers can compare. */
export const ORDINARY_HOST: HostReading = { addressClass: 'public', isObfuscated: false, service: 'none', ipv4: undefined, isAddress: false };
const named = (addressClass: AddressClass, service: HostService): HostReading => ({ ...ORDINARY_HOST, addressClass, service });
const LOOPBACK_NAME = named('loopback', 'none');
const METADATA_NAME = named('metadata', 'none');
/** A name only an internal resolver answers: a cluster service, an intranet or mDNS host. */
export const INTERNAL_NAME = named('private', 'none');
const WILDCARD_READINGS: Readonly<Record<AddressClass, HostReading>> = {
  public: named('public', 'wildcard-dns'),
  private: named('private', 'wildcard-dns'),
  loopback: named('loopback', 'wildcard-dns'),
  metadata: named('metadata', 'wildcard-dns'),
};

/** Single-label names: GCP's `metadata`, AWS's `instance-data`, the loopback names of /etc/hosts. */
const LABELS = new Map<string, HostReading>([
  ['localhost', LOOPBACK_NAME], ['ip6-localhost', LOOPBACK_NAME], ['ip6-loopback', LOOPBACK_NAME],
  ['metadata', METADATA_NAME], ['instance-data', METADATA_NAME],
]);

type NameRule = HostReading | ((name: string) => HostReading);
const exactly = (wanted: string, reading: HostReading, otherwise: HostReading = ORDINARY_HOST): NameRule =>
  (name: string) => (name === wanted ? reading : otherwise);
const OAST = named('public', 'oast');

/**
 * Names by their last two labels (one Map lookup per host), for the domain and its subdomains unless a
 * function narrows it to one name.
 */
const DOMAINS = new Map<string, NameRule>([
  // Metadata services: GCP, AWS (EC2-Classic DNS name), Tencent Cloud.
  ['google.internal', exactly('metadata.google.internal', METADATA_NAME)],
  ['metadata.goog', METADATA_NAME],
  ['ec2.internal', exactly('instance-data.ec2.internal', METADATA_NAME)],
  ['tencentyun.com', exactly('metadata.tencentyun.com', METADATA_NAME)],
  // Public names pointed at 127.0.0.1 (and Burp's, inside its OAST domain).
  ...['localhost.localdomain', 'localtest.me', 'lvh.me', 'vcap.me', 'localh.st'].map((domain) => [domain, LOOPBACK_NAME] as const),
  ['burpcollaborator.net', exactly('spoofed.burpcollaborator.net', LOOPBACK_NAME, OAST)],
  // Wildcard DNS: `<address>.nip.io` resolves to `<address>`, so any address hides behind a public name.
  ...['nip.io', 'xip.io', 'sslip.io', 'xip.name', 'nip.direct', 'traefik.me'].map((domain) => [domain, WILDCARD_READINGS.public] as const),
  // DNS-rebinding services: answers alternate between two addresses to pass a check-then-fetch.
  ...['rbndr.us', '1u.ms', 'rebind.it', 'rebind.network', 'cmpxchg8b.com'].map((domain) => [domain, named('public', 'rebinding')] as const),
  // Out-of-band interaction servers (Burp Collaborator, interactsh, DNSLog, CEYE, requestrepo).
  ...['oastify.com', 'interact.sh', 'oast.pro', 'oast.live', 'oast.site', 'oast.online', 'oast.fun', 'oast.me', 'dnslog.cn', 'ceye.io', 'requestrepo.com', 'bxss.me']
    .map((domain) => [domain, OAST] as const),
]);

const DOMAINS_BY_LENGTH = byLength(DOMAINS);

/**
 * Top-level labels that never resolve on the public internet, so a name under one is internal: Kubernetes
 * service names (`kubernetes.default.svc`, `*.svc.cluster.local`), mDNS (`.local`, RFC 6762), cloud
 * internal DNS (`ip-10-0-0-1.ec2.internal`, `*.c.project.internal`), home networks (`.home.arpa`, RFC
 * 8375, and the `.home` / `.lan` / `.corp` / `.intranet` conventions ICANN never delegates).
 */
const INTERNAL_TOP_LABELS = ['svc', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'corp', 'home'];
const INTERNAL_TOP_LABELS_BY_LENGTH = byLength(INTERNAL_TOP_LABELS.map((label) => [label, true] as const)).map((group) => group?.map(([label]) => label));

/** Reads `raw`, a host as it appears in a URL authority: `[v6]`, bare v6 (host fields), v4 or a name. */
export function classifyHost(raw: string): HostReading {
  if (raw.length === 0 || raw.length > MAX_HOST_LENGTH) return ORDINARY_HOST;
  const cached = readings.get(raw);
  if (cached !== undefined) return cached;
  const reading = readHost(raw);
  if (readings.size >= MAX_CACHED_HOSTS) readings.clear();
  readings.set(raw, reading);
  return reading;
}

/**
 * Readings of recent hosts: the same few (the API's own domain, a CDN, a webhook target) come back
 * request after request, and a lookup costs a third of a reading. Bounded: a flood of distinct hosts
 * only empties it now and then.
 */
const readings = new Map<string, HostReading>();
const MAX_CACHED_HOSTS = 1024;

function readHost(raw: string): HostReading {
  const host = normalizeHost(raw);
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    return readIpv6(host.slice(1, close === -1 ? host.length : close));
  }
  if (host.includes(':')) return readIpv6(host);
  const name = withoutTrailingDots(host);
  // WHATWG "ends in a number": only a host whose last label starts with a digit can be IPv4.
  if (!startsLastLabelWithDigit(name)) return readName(name);
  const ipv4 = parseIpv4Host(host);
  if (ipv4 === undefined) return readName(name);
  let addressClass = classifyIpv4(ipv4.address);
  if (ipv4.decimalReading !== undefined) addressClass = worseClass(addressClass, classifyIpv4(ipv4.decimalReading));
  return { addressClass, isObfuscated: ipv4.spelling !== 'canonical', service: 'none', ipv4, isAddress: true };
}

function readIpv6(text: string): HostReading {
  const groups = parseIpv6(text);
  if (groups === undefined) return ORDINARY_HOST;
  const reading = classifyIpv6(groups);
  return { addressClass: reading.addressClass, isObfuscated: reading.embedsIpv4, service: 'none', ipv4: undefined, isAddress: true };
}

function readName(name: string): HostReading {
  let lastDot = -1;
  let secondDot = -1;
  for (let index = name.length - 1; index >= 0 && secondDot === -1; index--) {
    if (name.charCodeAt(index) !== 46) continue;
    if (lastDot === -1) lastDot = index;
    else secondDot = index;
  }
  if (lastDot === -1) return LABELS.get(name) ?? ORDINARY_HOST;
  // RFC 6761 section 6.3: every name under `localhost` is the local host.
  if (name.length - lastDot === 10 && name.endsWith('.localhost')) return LOOPBACK_NAME;
  const rule = domainRule(name, name.length - secondDot - 1);
  const reading = typeof rule === 'function' ? rule(name) : rule ?? ORDINARY_HOST;
  if (reading === ORDINARY_HOST) return isInternalTopLabel(name, lastDot) ? INTERNAL_NAME : reading;
  if (reading.service !== 'wildcard-dns') return reading;
  const embedded = secondDot <= 0 ? undefined : embeddedAddress(name.slice(0, secondDot));
  return WILDCARD_READINGS[embedded === undefined ? 'public' : classifyIpv4(embedded)];
}

/**
 * The address a wildcard-DNS prefix spells: `app.10.0.0.1`, `app-10-0-0-1` or `app-0a000001`, the three
 * forms nip.io and sslip.io answer.
 */
function embeddedAddress(prefix: string): number | undefined {
  const labels = prefix.split('.');
  if (labels.length >= 4) {
    const dotted = parseIpv4Host(labels.slice(-4).join('.'));
    if (dotted?.spelling === 'canonical') return dotted.address;
  }
  const dashes = (labels[labels.length - 1] ?? '').split('-');
  if (dashes.length >= 4) {
    const dashed = parseIpv4Host(dashes.slice(-4).join('.'));
    if (dashed?.spelling === 'canonical') return dashed.address;
  }
  const hex = dashes[dashes.length - 1] ?? '';
  return /^[0-9a-f]{8}$/.test(hex) ? Number.parseInt(hex, 16) : undefined;
}

/** The DOMAINS rule for the last two labels of `name` (`tail` characters long), found without a new string. */
function domainRule(name: string, tail: number): NameRule | undefined {
  const candidates = DOMAINS_BY_LENGTH[tail];
  if (candidates === undefined) return undefined;
  for (const [domain, rule] of candidates) if (name.endsWith(domain)) return rule;
  return undefined;
}

function isInternalTopLabel(name: string, lastDot: number): boolean {
  const candidates = INTERNAL_TOP_LABELS_BY_LENGTH[name.length - lastDot - 1];
  if (candidates !== undefined && candidates.some((label) => name.endsWith(label))) return true;
  return name.endsWith('.home.arpa');
}

/**
 * `entries` grouped by the length of their key: a host's last labels are compared with the few keys of
 * their own length (`endsWith`, no slicing and no hashing), which costs less than a Map lookup of a new
 * string on the path every URL takes.
 */
function byLength<T>(entries: Iterable<readonly [string, T]>): (readonly (readonly [string, T])[] | undefined)[] {
  const groups: (readonly [string, T])[][] = [];
  for (const entry of entries) (groups[entry[0].length] ??= []).push(entry);
  return groups;
}

function startsLastLabelWithDigit(name: string): boolean {
  let index = name.length - 1;
  while (index > 0 && name.charCodeAt(index - 1) !== 46) index--;
  const code = name.charCodeAt(index);
  return code >= 48 && code <= 57;
}

/** `localhost.` is `localhost` (an absolute name). */
function withoutTrailingDots(name: string): string {
  let end = name.length;
  while (end > 0 && name.charCodeAt(end - 1) === 46) end--;
  return end === name.length ? name : name.slice(0, end);
}

/** ASCII lowercase, and the full stops IDNA maps to `.` (UTS #46: U+3002, U+FF0E, U+FF61). */
function normalizeHost(raw: string): string {
  let needsWork = false;
  for (let index = 0; index < raw.length && !needsWork; index++) {
    const code = raw.charCodeAt(index);
    needsWork = (code >= 65 && code <= 90) || code > 127;
  }
  if (!needsWork) return raw;
  const lower = raw.toLowerCase();
  return /[\u3002\uff0e\uff61]/.test(lower) ? lower.replace(/[\u3002\uff0e\uff61]/g, '.') : lower;
}
