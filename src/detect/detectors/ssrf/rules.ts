// The SSRF and remote-file-inclusion rules: one object each, so the detector and its tests name them.
import { OWASP, type DetectionRule } from '../../rule.js';

const ssrf = (id: string, title: string, severity: DetectionRule['severity'], paranoia: DetectionRule['paranoia']): DetectionRule =>
  ({ id: `ssrf.${id}`, attackClass: 'ssrf', title, owasp: OWASP.ssrf, severity, paranoia });
const rfi = (id: string, title: string, severity: DetectionRule['severity'], paranoia: DetectionRule['paranoia']): DetectionRule =>
  ({ id: `rfi.${id}`, attackClass: 'rfi', title, owasp: OWASP.injection, severity, paranoia });

export const CLOUD_METADATA = ssrf('cloud-metadata', 'URL or host of a cloud instance metadata service', 'critical', 1);
export const LOOPBACK_URL = ssrf('loopback-url', 'URL or host field pointing at the server itself (loopback, 0.0.0.0, localhost)', 'critical', 1);
export const PRIVATE_URL = ssrf('private-url', 'URL or host field pointing at a private or link-local network', 'critical', 1);
export const OBFUSCATED_IP = ssrf('obfuscated-ip', 'IP address spelled in decimal, octal, hex, short or IPv4-in-IPv6 form', 'critical', 1);
export const DANGEROUS_SCHEME = ssrf('dangerous-scheme', 'URL scheme used to reach non-HTTP services or local files (gopher, dict, file, ...)', 'critical', 1);
export const REBINDING_DOMAIN = ssrf('rebinding-domain', 'Host on a DNS-rebinding service', 'critical', 1);
export const USERINFO_TRICK = ssrf('userinfo-trick', 'URL whose userinfo or delimiters make parsers disagree about the host', 'high', 1);
export const OAST_DOMAIN = ssrf('oast-domain', 'Host on an out-of-band interaction service used by scanners', 'high', 1);
export const INTERNAL_ADDRESS = ssrf('internal-address', 'Loopback or private address in text or a non-URL field', 'medium', 2);
export const DANGEROUS_SCHEME_TEXT = ssrf('dangerous-scheme-text', 'file, LDAP or SFTP URL inside text', 'medium', 2);
export const WILDCARD_DNS = ssrf('wildcard-dns', 'Host on a wildcard-DNS service (nip.io, sslip.io) that can name any address', 'medium', 2);

export const REMOTE_INCLUDE = rfi('remote-include', 'Remote script or text URL given to a file, page or include parameter', 'critical', 1);
export const INCLUDE_PARAMETER_URL = rfi('include-parameter-url', 'Remote URL given to a file, page or include parameter', 'medium', 2);
export const TRAILING_QUESTION_MARK = rfi('trailing-question-mark', 'URL ending in `?`, which cuts off a suffix the server appends', 'medium', 2);

export const SSRF_RULES: readonly DetectionRule[] = [
  CLOUD_METADATA, LOOPBACK_URL, PRIVATE_URL, OBFUSCATED_IP, DANGEROUS_SCHEME, REBINDING_DOMAIN, USERINFO_TRICK, OAST_DOMAIN,
  INTERNAL_ADDRESS, DANGEROUS_SCHEME_TEXT, WILDCARD_DNS, REMOTE_INCLUDE, INCLUDE_PARAMETER_URL, TRAILING_QUESTION_MARK,
];
