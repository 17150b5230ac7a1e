// IPv6 literal parsing (RFC 4291 section 2.2 text forms: `::` compression, a trailing dotted IPv4 part,
// RFC 6874 zone ids) into eight 16-bit groups, small and allocation-light because it runs on attacker
// input; ipaddr.js parses the same forms but costs microseconds per call.
import { parseIpv4Host } from './ipv4.js';

const GROUPS = 8;
/** Longest text form: eight groups of four, seven colons, a zone id of reasonable length. */
const MAX_LENGTH = 64;

/** The eight groups of `text` (no brackets; a `%zone` is ignored), or undefined when it is not IPv6. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length < 2 || text.length > MAX_LENGTH) return undefined;
  const zone = text.indexOf('%');
  const address = zone === -1 ? text : text.slice(0, zone);
  const gap = address.indexOf('::');
  if (gap !== -1 && address.indexOf('::', gap + 1) !== -1) return undefined;
  const head = gap === -1 ? address : address.slice(0, gap);
  const tail = gap === -1 ? '' : address.slice(gap + 2);
  const headGroups = readGroups(head, gap === -1);
  const tailGroups = readGroups(tail, true);
  if (headGroups === undefined || tailGroups === undefined) return undefined;
  const missing = GROUPS - headGroups.length - tailGroups.length;
  if (gap === -1 ? missing !== 0 : missing < 1) return undefined;
  const groups = headGroups;
  for (let index = 0; index < missing; index++) groups.push(0);
  for (const group of tailGroups) groups.push(group);
  return groups;
}

/** Colon-separated hex groups; the last may be dotted IPv4 (`::ffff:127.0.0.1`), counting as two. */
function readGroups(text: string, mayEndInIpv4: boolean): number[] | undefined {
  const groups: number[] = [];
  if (text === '') return groups;
  const pieces = text.split(':');
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]!;
    if (mayEndInIpv4 && index === pieces.length - 1 && piece.includes('.')) {
      const ipv4 = parseIpv4Host(piece);
      if (ipv4 === undefined || ipv4.parts !== 4) return undefined;
      groups.push(Math.floor(ipv4.address / 0x10000), ipv4.address % 0x10000);
      continue;
    }
    const group = readHexGroup(piece);
    if (group === undefined) return undefined;
    groups.push(group);
  }
  return groups.length > GROUPS ? undefined : groups;
}

function readHexGroup(piece: string): number | undefined {
  if (piece.length === 0 || piece.length > 4) return undefined;
  let value = 0;
  for (let index = 0; index < piece.length; index++) {
    const code = piece.charCodeAt(index);
    const lower = code | 0x20;
    const digit = code >= 48 && code <= 57 ? code - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
    if (digit < 0) return undefined;
    value = value * 16 + digit;
  }
  return value;
}
