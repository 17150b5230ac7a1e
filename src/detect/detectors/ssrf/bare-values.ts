// Addresses without a scheme in fields with no telling name: a whole value like `127.0.0.1:6379` or
// `169.254.169.254/latest/meta-data/`, and (paranoia 2) private addresses mentioned in text, which are
// usually log lines and notes ("server 10.0.0.5 restarted") but can be fetch targets too.
import { isAuthorityEndCode } from './authority.js';
import { classifyHost } from './host.js';
import * as rules from './rules.js';
import { report, reportHost, type Scan } from './scan.js';

/** Dotted quads in text, not inside longer dotted numbers (`1.2.3.4.5`). Bounded repeats: linear time. */
const DOTTED_QUAD = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g;
/** Addresses read per string in text. */
const MAX_PROSE_ADDRESSES = 16;
const MAX_AUTHORITY = 300;

/**
 * A value that is `host:port` or `host/path` with an IP literal (four-part or hex), `localhost` or a
 * metadata name as host. Short numeric forms are left out: `10.5/2`, `12:30` and dates are not hosts.
 */
export function inspectSchemelessValue(text: string, scan: Scan): void {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 32) start++;
  // Scheme-relative `//169.254.169.254/`.
  if (text.startsWith('//', start)) start += 2;
  const first = text.charCodeAt(start);
  const lower = first | 0x20;
  if (!((first >= 48 && first <= 57) || first === 91 || lower === 108 || lower === 109 || lower === 105)) return;
  let end = start;
  while (end < text.length && end - start < MAX_AUTHORITY && !isAuthorityEndCode(text.charCodeAt(end))) end++;
  const hasPath = end < text.length && isAuthorityEndCode(text.charCodeAt(end)) && text.charCodeAt(end) > 32;
  const authority = text.slice(start, end);
  if (authority.includes('@')) return;
  const portAt = authority.startsWith('[') ? authority.indexOf(']:') + 1 : authority.indexOf(':');
  const host = portAt <= 0 ? authority : authority.slice(0, portAt);
  const hasPort = portAt > 0 && /^\d{1,5}$/.test(authority.slice(portAt + 1));
  if (!hasPath && !hasPort) return;
  if (portAt > 0 && !hasPort && !authority.startsWith('[')) return;
  const reading = classifyHost(host);
  const ipv4 = reading.ipv4;
  if (ipv4 !== undefined && ipv4.spelling !== 'canonical' && ipv4.spelling !== 'hex' && !(ipv4.spelling === 'octal' && ipv4.parts === 4)) return;
  reportHost(reading, text.slice(start, start + 120), false, scan);
}

/** Paranoia 2: loopback, private and metadata addresses written as dotted quads anywhere in the text. */
export function inspectProse(text: string, scan: Scan): void {
  if (!text.includes('.')) return;
  DOTTED_QUAD.lastIndex = 0;
  let match: RegExpExecArray | null;
  for (let count = 0; count < MAX_PROSE_ADDRESSES && (match = DOTTED_QUAD.exec(text)) !== null; count++) {
    const reading = classifyHost(match[0]);
    if (reading.ipv4?.spelling === 'canonical' && reading.addressClass !== 'public') {
      report(scan, rules.INTERNAL_ADDRESS, match[0]);
      return;
    }
  }
}
