// Where an address leads, for SSRF: the cloud metadata services, the host itself, or networks behind the
// gateway (RFC 1918, RFC 6598 CGNAT, RFC 3927 / RFC 4291 link-local, RFC 4193 unique local). IPv6 forms
// that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are read as that address.

/** Worst first: a higher class wins when one host has two readings. */
export type AddressClass = 'public' | 'private' | 'loopback' | 'metadata';

const RANK: Readonly<Record<AddressClass, number>> = { public: 0, private: 1, loopback: 2, metadata: 3 };

export function worseClass(first: AddressClass, second: AddressClass): AddressClass {
  return RANK[second] > RANK[first] ? second : first;
}

const ip4 = (a: number, b: number, c: number, d: number): number => ((a * 256 + b) * 256 + c) * 256 + d;

/**
 * Instance metadata endpoints: AWS / Azure / GCP / DigitalOcean / OpenStack (169.254.169.254), AWS ECS
 * task metadata (169.254.170.2), Alibaba Cloud (100.100.100.200), Oracle Cloud (192.0.0.192).
 */
const METADATA_IPV4 = new Set([ip4(169, 254, 169, 254), ip4(169, 254, 170, 2), ip4(100, 100, 100, 200), ip4(192, 0, 0, 192)]);

/** [first address, prefix length] of the private and link-local IPv4 ranges. */
const PRIVATE_IPV4: readonly (readonly [number, number])[] = [
  [ip4(10, 0, 0, 0), 8],
  [ip4(172, 16, 0, 0), 12],
  [ip4(192, 168, 0, 0), 16],
  [ip4(100, 64, 0, 0), 10],
  [ip4(169, 254, 0, 0), 16],
  [ip4(192, 0, 0, 0), 24],
];

export function classifyIpv4(address: number): AddressClass {
  if (METADATA_IPV4.has(address)) return 'metadata';
  // 127/8 and 0.0.0.0, which Linux and macOS connect to the local host (other 0/8 addresses fail).
  if (address === 0 || Math.floor(address / 0x1000000) === 127) return 'loopback';
  for (const [base, bits] of PRIVATE_IPV4) {
    const size = 2 ** (32 - bits);
    if (address >= base && address < base + size) return 'private';
  }
  return 'public';
}

export interface Ipv6Reading {
  readonly addressClass: AddressClass;
  /** The address is an IPv4 one in IPv6 clothing: a spelling ordinary URLs do not use. */
  readonly embedsIpv4: boolean;
}

export function classifyIpv6(groups: readonly number[]): Ipv6Reading {
  const embedded = embeddedIpv4(groups);
  if (embedded !== undefined) return { addressClass: classifyIpv4(embedded), embedsIpv4: true };
  return { addressClass: classifyNativeIpv6(groups), embedsIpv4: false };
}

function classifyNativeIpv6(groups: readonly number[]): AddressClass {
  const group = (index: number): number => groups[index] ?? 0;
  const zerosUpTo = (end: number): boolean => groups.slice(0, end).every((value) => value === 0);
  // fd00:ec2::254, the AWS metadata service over IPv6 (Nitro instances).
  if (group(0) === 0xfd00 && group(1) === 0x0ec2 && groups.slice(2, 7).every((value) => value === 0) && group(7) === 0x254) {
    return 'metadata';
  }
  // :: (unspecified, reaches the local host like 0.0.0.0) and ::1.
  if (zerosUpTo(7) && group(7) <= 1) return 'loopback';
  const first = group(0);
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 deprecated site-local.
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) return 'private';
  return 'public';
}

/**
 * The IPv4 address inside ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), ::ffff:0:a.b.c.d (SIIT),
 * 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64, RFC 6052 / RFC 8215) and 2002::/16 (6to4, RFC 3056).
 */
function embeddedIpv4(groups: readonly number[]): number | undefined {
  const group = (index: number): number => groups[index] ?? 0;
  const zeros = (from: number, to: number): boolean => groups.slice(from, to).every((value) => value === 0);
  const low32 = group(6) * 0x10000 + group(7);
  if (zeros(0, 5) && group(5) === 0xffff) return low32;
  if (zeros(0, 4) && group(4) === 0xffff && group(5) === 0) return low32;
  // Compatible form; ::1 and :: are themselves, not 0.0.0.1.
  if (zeros(0, 6) && low32 > 1) return low32;
  if (group(0) === 0x64 && group(1) === 0xff9b && (zeros(2, 6) || group(2) === 1)) return low32;
  if (group(0) === 0x2002) return group(1) * 0x10000 + group(2);
  return undefined;
}
