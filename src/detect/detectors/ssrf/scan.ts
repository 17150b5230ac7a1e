// The state of one SSRF inspection and the reporting it shares: each rule at most once per string,
// only up to the paranoia asked for, and what a host reading means in the place it was found.
import type { Detection } from '../../detector.js';
import type { DetectionRule, Paranoia } from '../../rule.js';
import type { HostReading } from './host.js';
import * as rules from './rules.js';

/** Fragment length kept: enough to show the URL; the engine cuts further and masks secrets. */
const MAX_FRAGMENT = 120;

export interface Scan {
  readonly found: Detection[];
  readonly paranoia: Paranoia;
  /** NAME_* flags of the field name (0 for names themselves and browser headers). */
  readonly flags: number;
  readonly fieldName: string;
  /** Origin / Referer as a browser sends them: a page URL, so local and private hosts are expected there. */
  readonly isBrowserHeader: boolean;
  /**
   * A request header whose name says nothing about URLs, hosts or files (`X-Api-Version`): its value has
   * a fixed format of its own, so a whole-value remote script URL there was put in to be included.
   */
  readonly isPlainHeader: boolean;
  readonly reported: DetectionRule[];
}

export function report(scan: Scan, rule: DetectionRule, fragment: string): void {
  if (rule.paranoia > scan.paranoia || scan.reported.includes(rule)) return;
  scan.reported.push(rule);
  scan.found.push({ rule, fragment: fragment.length > MAX_FRAGMENT ? fragment.slice(0, MAX_FRAGMENT) : fragment });
}

/**
 * Reports what a host reading shows. `isExpected`: the value is a URL or host the server may fetch (a
 * standalone URL, a host-named field), not a link in prose, so local and private targets are attacks.
 * `allowsLocal`: the URL is a browser's own page (see isBrowserHeader), where they are not.
 */
export function reportHost(host: HostReading, fragment: string, isExpected: boolean, scan: Scan, allowsLocal = scan.isBrowserHeader): void {
  if (host.addressClass === 'metadata') report(scan, rules.CLOUD_METADATA, fragment);
  if (host.isObfuscated) report(scan, rules.OBFUSCATED_IP, fragment);
  if (host.service === 'rebinding') report(scan, rules.REBINDING_DOMAIN, fragment);
  if (host.service === 'oast') report(scan, rules.OAST_DOMAIN, fragment);
  if (allowsLocal) return;
  if (host.addressClass === 'loopback') report(scan, isExpected ? rules.LOOPBACK_URL : rules.INTERNAL_ADDRESS, fragment);
  if (host.addressClass === 'private') report(scan, isExpected ? rules.PRIVATE_URL : rules.INTERNAL_ADDRESS, fragment);
  if (host.service === 'wildcard-dns' && host.addressClass === 'public') report(scan, rules.WILDCARD_DNS, fragment);
}
