// SSRF and remote file inclusion (OWASP API7:2023, CWE-918, CWE-98): URLs and host values that lead to
// the cloud metadata service, the server itself or private networks (in any IP spelling, or by an
// internal-only name), schemes that reach non-HTTP services (SMB and UNC paths included), and remote
// scripts handed to include-style parameters or to headers with no telling name, with or without a
// scheme (`//evil.example/shell.php`, `\\203.0.113.66\share\shell.php`).
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { CHAR } from '../../text-profile.js';
import { hostOfAuthority, isAuthorityEndCode } from './authority.js';
import { inspectProse, inspectSchemelessValue } from './bare-values.js';
import { NAME_HOST, NAME_INCLUDE, NAME_LINK, NAME_NAVIGATION, nameFlags } from './field-names.js';
import { INTERNAL_NAME, ORDINARY_HOST, classifyHost, type HostReading } from './host.js';
import type { Ipv4Host } from './ipv4.js';
import { readRemotePath } from './remote-paths.js';
import { report, reportHost, type Scan } from './scan.js';
import { HAS_QUERY, SCRIPT_FRAGMENT, SCRIPT_PATH, scriptShape } from './script-path.js';
import { isServiceEndpoint } from './service-endpoints.js';
import * as rules from './rules.js';
import { MAX_URLS, readUrl, urlEnd, type FoundUrl } from './url-scan.js';

/** Headers that carry the addresses of clients and proxies by design: private IPs there are normal. */
const ADDRESSING_HEADERS = new Set([
  'host', ':authority', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-server', 'x-forwarded', 'forwarded', 'forwarded-for', 'via',
  'x-real-ip', 'x-client-ip', 'client-ip', 'true-client-ip', 'cf-connecting-ip', 'fastly-client-ip', 'x-cluster-client-ip',
  'x-original-forwarded-for', 'x-originating-ip', 'x-remote-ip', 'x-remote-addr', 'x-envoy-external-address',
]);
/** Headers a browser fills with the page's own URL: `Origin: http://localhost:3000` is a developer, not an attack. */
const BROWSER_URL_HEADERS = new Set(['origin', 'referer']);

/** Schemes that only reach non-HTTP services through a fetcher (libcurl, Java URL handlers): attack tools. */
const ALWAYS_DANGEROUS_SCHEMES = new Set(['gopher', 'dict', 'tftp', 'netdoc', 'jar']);
/** Schemes with legitimate uses (an LDAP URL in a directory setting): dangerous where a URL is expected. SMB leaks NTLM hashes. */
const CONTEXT_DANGEROUS_SCHEMES = new Set(['file', 'ldap', 'ldaps', 'sftp', 'smb']);
/** Schemes PHP's include() fetches with allow_url_include. */
const REMOTE_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps']);
/** Schemes whose host is a network name: a single label there (`http://redis:6379/`) resolves only inside. */
const NETWORK_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'ftps']);

// The bits and flags the quick tests read for every value, as module constants of their own.
const COLON = CHAR.colon;
const SLASH = CHAR.slash;
const SLASHES = CHAR.slash | CHAR.backslash;
/** Characters some form of every URL, scheme, host:port or path has; without them only a bare host is left. */
const STRUCTURE = CHAR.colon | CHAR.slash | CHAR.backslash;
const DOTTED_NUMBER = CHAR.dot | CHAR.digit;
/** Dotted names and addresses; a host after userinfo (`evil.example@127.0.0.1`) has its dots too. */
const DOT = CHAR.dot;
const HOST_OR_LINK = NAME_HOST | NAME_LINK;
const INCLUDE = NAME_INCLUDE;
const NAVIGATION = NAME_NAVIGATION;
/** Fragments are cut to this length (the engine cuts further and masks secrets). */
const FRAGMENT_LENGTH = 120;
/** Longest authority read (a host is at most 255 characters, RFC 1035). */
const MAX_AUTHORITY = 300;

export const ssrfDetector: ValueDetector = {
  name: 'ssrf',
  // Every rule needs a host, a scheme or a remote path. Letters: schemes and names (`localhost` and
  // `metadata` in a host field are letters only); digits: addresses (`2130706433` is digits only); colon:
  // the IPv6 addresses written without either (`[::]`, `::`). No narrower set is necessary; the quick
  // test in detect() rejects ordinary words and numbers from the same profile.
  triggers: CHAR.letter | CHAR.digit | CHAR.colon,
  rules: rules.SSRF_RULES,
  detect(text: string, field: InputField, paranoia: Paranoia, found: Detection[], profile: number): void {
    if (text.length < 3) return;
    if ((profile & STRUCTURE) === 0) {
      inspectToken(text, field, paranoia, found, profile);
      return;
    }
    const isHeader = field.kind === 'header' && !field.isName;
    if ((profile & COLON) !== 0 && (profile & SLASH) !== 0 && text.includes('://')) {
      if (isHeader && ADDRESSING_HEADERS.has(field.name)) return;
      const scan = newScan(field, isHeader, paranoia, found);
      let urls = 0;
      for (let mark = text.indexOf('://'); mark !== -1 && urls < MAX_URLS; mark = text.indexOf('://', mark + 3)) {
        const url = readUrl(text, mark);
        if (url === undefined) continue;
        urls++;
        inspectUrl(text, url, scan);
      }
      if (paranoia >= 2 && !scan.isBrowserHeader && scan.reported.length === 0) inspectProse(text, scan);
      return;
    }
    const start = firstNonBlank(text);
    const first = text.charCodeAt(start);
    const isSchemeLike = (profile & COLON) !== 0 && isLetter(first);
    // Where no scheme leads, a target starts with its host or with slashes: an address, a local label, or a dotted name.
    if (!isSchemeLike && !startsLikeTarget(text, start, first, profile) && paranoia < 2) return;
    if (isHeader && ADDRESSING_HEADERS.has(field.name)) return;
    const scan = newScan(field, isHeader, paranoia, found);
    if (isSchemeLike) inspectLeadingScheme(text, start, field.kind === 'path', scan);
    if ((scan.flags & HOST_OR_LINK) !== 0) inspectHostField(text, scan);
    else inspectSchemelessValue(text, scan);
    if ((profile & SLASHES) !== 0 && (first === 47 || first === 92)) inspectRemotePath(text, scan);
    if (paranoia >= 2 && !scan.isBrowserHeader && scan.reported.length === 0) inspectProse(text, scan);
  },
};

function firstNonBlank(text: string): number {
  let index = 0;
  while (index < text.length && text.charCodeAt(index) <= 32) index++;
  return index;
}

/**
 * The value may start with a host or a remote path: `[` (IPv6), `/` or `\\`, a local label
 * (`localhost`, `metadata`, `instance-data`), or a first authority that holds a dot or `@`
 * (`10.0.0.1:80`, `redis.internal:6379`, `user:pw@evil.example`) or is hex digits and colons: a number in
 * any IPv4 spelling (`2130706433`, `0x7f000001:80`) or a bare IPv6 address (`fd00:ec2::254`, `::1`).
 * `application/json`, `Mozilla/5.0`, `2025-06-01T12:34:56Z` and most ids do not.
 */
function startsLikeTarget(text: string, start: number, first: number, profile: number): boolean {
  if (first === 91 || first === 47 || first === 92 || first === 58 || startsWithLocalLabel(text, start)) return true;
  let isNumber = isHexDigit(first);
  const hasDot = (profile & DOT) !== 0;
  if (!isNumber && !hasDot) return false;
  for (let index = start; index < text.length && index - start < MAX_AUTHORITY; index++) {
    const code = text.charCodeAt(index);
    if (code === 46 || code === 64) return true;
    if (isAuthorityEndCode(code)) break;
    // Decimal, octal and hex digits, the `x` of `0x`, the colons of IPv6 and of a port.
    if (isNumber && !isHexDigit(code) && (code | 0x20) !== 120 && code !== 58) {
      isNumber = false;
      if (!hasDot) return false;
    }
  }
  return isNumber;
}

function isHexDigit(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 102);
}

function newScan(field: InputField, isHeader: boolean, paranoia: Paranoia, found: Detection[], flags = flagsOf(field, isHeader)): Scan {
  const isBrowserUrlHeader = isHeader && BROWSER_URL_HEADERS.has(field.name);
  // Browsers send the page URL as it is; one percent-encoded or in base64 was written by something else.
  const isBrowserHeader = isBrowserUrlHeader && field.value.includes('://');
  const isPlainHeader = isHeader && flags === 0 && !isBrowserUrlHeader && field.name !== 'user-agent';
  return { found, paranoia, flags, fieldName: field.name, isBrowserHeader, isPlainHeader, reported: [] };
}

/** NAME_* flags of the field; none for names themselves and for Origin / Referer (a page, not a fetch target). */
function flagsOf(field: InputField, isHeader: boolean): number {
  return field.isName || (isHeader && BROWSER_URL_HEADERS.has(field.name)) ? 0 : nameFlags(field.name);
}

/**
 * A value without `:`, `/` or `\\`: a word, number, id or dotted name. Only a host field can make it a
 * target (`127.0.0.1`, `localhost`, `2130706433`, `10.0.0.1.nip.io`), and at paranoia 2 a dotted quad in
 * text.
 */
function inspectToken(text: string, field: InputField, paranoia: Paranoia, found: Detection[], profile: number): void {
  const mayBeHost = !field.isName && startsLikeHostToken(text, profile);
  const mayBeProse = paranoia >= 2 && (profile & DOTTED_NUMBER) === DOTTED_NUMBER;
  if (!mayBeHost && !mayBeProse) return;
  const isHeader = field.kind === 'header' && !field.isName;
  if (isHeader && ADDRESSING_HEADERS.has(field.name)) return;
  const flags = flagsOf(field, isHeader);
  const isHostField = mayBeHost && (flags & HOST_OR_LINK) !== 0;
  if (!isHostField && !mayBeProse) return;
  const scan = newScan(field, isHeader, paranoia, found, flags);
  if (isHostField) inspectHostField(text, scan);
  if (mayBeProse && scan.reported.length === 0) inspectProse(text, scan);
}

/**
 * A token that may be a host: it starts with a digit (IPv4 in any spelling starts with one) or a local
 * label, or its first word holds a dot (`10.0.0.1.nip.io`, `evil.example@127.0.0.1`).
 */
function startsLikeHostToken(text: string, profile: number): boolean {
  const start = firstNonBlank(text);
  const first = text.charCodeAt(start);
  if ((first >= 48 && first <= 57) || startsWithLocalLabel(text, start)) return true;
  if ((profile & DOT) === 0) return false;
  for (let index = start; index < text.length && index - start < MAX_AUTHORITY; index++) {
    const code = text.charCodeAt(index);
    if (code === 46 || code === 64) return true;
    if (code <= 32) return false;
  }
  return false;
}

/** Whether a local label (`localhost`, `metadata`, `instance-data`, `ip6-…`; see LABELS in host.ts) starts at `start`, in any case. */
function startsWithLocalLabel(text: string, start: number): boolean {
  const lower = text.charCodeAt(start) | 0x20;
  if (lower === 108) return startsWithLabel(text, start, 'localhost');
  if (lower === 109) return startsWithLabel(text, start, 'metadata');
  if (lower !== 105) return false;
  return startsWithLabel(text, start, 'instance-data') || startsWithLabel(text, start, 'ip6-localhost') || startsWithLabel(text, start, 'ip6-loopback');
}

function startsWithLabel(text: string, start: number, label: string): boolean {
  return text.length - start >= label.length && text.slice(start, start + label.length).toLowerCase() === label;
}

function inspectUrl(text: string, url: FoundUrl, scan: Scan): void {
  // `http` and `https` come from readUrl as the same string constants: compared before the Set lookup.
  const isWeb = (url.scheme === 'https' || url.scheme === 'http' || REMOTE_SCHEMES.has(url.scheme)) && url.wrapper === '';
  const mayInclude = (isWeb || (url.scheme === 'smb' && url.wrapper === '')) && url.isStandalone
    && (scan.paranoia >= 2 || (scan.flags & INCLUDE) !== 0 || scan.isPlainHeader);
  let host = classifyHost(url.host);
  if (host === ORDINARY_HOST && isInternalLabel(url, scan)) host = INTERNAL_NAME;
  // The common case, an ordinary link: nothing to report, so the URL's end is never looked for.
  if (isWeb && !mayInclude && host === ORDINARY_HOST && url.userinfo === undefined && !url.hasParserConfusion) return;
  const end = urlEnd(text, url);
  const fragment = text.slice(url.start, end);
  const isExpected = url.isStandalone || (scan.flags & HOST_OR_LINK) !== 0;
  inspectScheme(url.scheme, fragment, isExpected, scan);
  if (url.wrapper !== '') inspectScheme(url.wrapper, fragment, isExpected, scan);
  // A browser's page may be on the local host or the intranet; an infrastructure service's port or API is no page.
  const allowsLocal = scan.isBrowserHeader && host.addressClass !== 'public' && !isServiceEndpoint(url.port, text.slice(url.authorityEnd, end));
  reportHost(host, fragment, isExpected && (scan.flags & NAVIGATION) === 0, scan, allowsLocal);
  if (!scan.isBrowserHeader && (url.hasParserConfusion || isHostLikeUserinfo(url.userinfo))) report(scan, rules.USERINFO_TRICK, fragment);
  if (mayInclude) inspectInclude(text, url.start, url.authorityEnd, end, host, scan);
}

/**
 * `http://redis:6379/`, `https://intranet/`: a single-label host on a network scheme resolves only
 * through the local search domains (a container or cluster service, an intranet server). Counted only
 * where the server is meant to fetch the URL, since code samples in text use `http://host/` freely.
 */
function isInternalLabel(url: FoundUrl, scan: Scan): boolean {
  if ((scan.flags & HOST_OR_LINK) === 0 || (scan.flags & NAVIGATION) !== 0) return false;
  if (!NETWORK_SCHEMES.has(url.scheme) || url.wrapper !== '' || scan.isBrowserHeader) return false;
  return /^[a-z][a-z0-9_-]{0,62}$/i.test(url.host);
}

/**
 * A remote URL or path handed to an include-style parameter, or the whole value of a header with no
 * telling name. In an include parameter it gets REMOTE_INCLUDE when it is clearly code: a script or
 * text file (also behind a fragment), a trailing `?` cutting off the extension the application
 * appends, an IP literal host; otherwise INCLUDE_PARAMETER_URL (paranoia 2), since
 * `page=https://example.com/about` also occurs in link-sharing features. In a plain header only the
 * unmistakable shapes count: a script with no query (`/payload.php`, not `/index.php?page=2`), an
 * extension behind a fragment, a path cut off by a trailing `?`.
 */
function inspectInclude(text: string, start: number, pathStart: number, end: number, host: HostReading, scan: Scan): void {
  const fragment = text.slice(start, Math.min(end, start + FRAGMENT_LENGTH));
  const endsInQuestionMark = text.charCodeAt(end - 1) === 63;
  if (endsInQuestionMark) report(scan, rules.TRAILING_QUESTION_MARK, fragment);
  const shape = scriptShape(text.slice(pathStart, end));
  if ((scan.flags & INCLUDE) !== 0) {
    const isCode = endsInQuestionMark || host.isAddress || (shape & (SCRIPT_PATH | SCRIPT_FRAGMENT)) !== 0;
    report(scan, isCode ? rules.REMOTE_INCLUDE : rules.INCLUDE_PARAMETER_URL, fragment);
    return;
  }
  if (!scan.isPlainHeader || !isWholeValue(text, start, end)) return;
  // A path before the `?`: `https://example.com?` alone is a bare link.
  const hasPath = end - pathStart > 2 && text.charCodeAt(pathStart) !== 63;
  const isScript = (shape & (SCRIPT_PATH | HAS_QUERY)) === SCRIPT_PATH || (shape & SCRIPT_FRAGMENT) !== 0;
  if (isScript || (endsInQuestionMark && hasPath)) report(scan, rules.REMOTE_INCLUDE, fragment);
}

/** Only blanks before `start` and after `end`. */
function isWholeValue(text: string, start: number, end: number): boolean {
  for (let index = 0; index < start; index++) if (text.charCodeAt(index) > 32) return false;
  for (let index = end; index < text.length; index++) if (text.charCodeAt(index) > 32) return false;
  return true;
}

/**
 * `//evil.example/shell.php` and `\\203.0.113.66\share\shell.php` as the value: a remote include where
 * a file is expected, and (UNC) an SMB fetch where a URL is. A host field's protocol-relative URL is
 * read by inspectHostField already.
 */
function inspectRemotePath(text: string, scan: Scan): void {
  const isHostField = (scan.flags & HOST_OR_LINK) !== 0;
  if (!isHostField && (scan.flags & INCLUDE) === 0 && !scan.isPlainHeader) return;
  const remote = readRemotePath(text);
  if (remote === undefined || (isHostField && !remote.isUnc)) return;
  let end = remote.authorityEnd;
  while (end < text.length && text.charCodeAt(end) > 32) end++;
  const fragment = text.slice(remote.start, Math.min(end, remote.start + FRAGMENT_LENGTH));
  // A file share where the server fetches URLs: SMB, which sends the server's NTLM credentials.
  if (remote.isUnc && isHostField && (scan.flags & NAVIGATION) === 0) report(scan, rules.DANGEROUS_SCHEME, fragment);
  const host = classifyHost(remote.host);
  reportHost(host, fragment, (scan.flags & NAVIGATION) === 0, scan);
  if (scan.paranoia >= 2 || (scan.flags & INCLUDE) !== 0 || scan.isPlainHeader) inspectInclude(text, remote.start, remote.authorityEnd, end, host, scan);
}

function inspectScheme(scheme: string, fragment: string, isExpected: boolean, scan: Scan): void {
  if (ALWAYS_DANGEROUS_SCHEMES.has(scheme)) report(scan, rules.DANGEROUS_SCHEME, fragment);
  else if (CONTEXT_DANGEROUS_SCHEMES.has(scheme)) {
    // A field named for the scheme (`ldapUrl`, `sftp_target`) expects it.
    const isNamedFor = scheme !== 'file' && scan.fieldName.toLowerCase().includes(scheme.slice(0, 4));
    report(scan, isExpected && !isNamedFor ? rules.DANGEROUS_SCHEME : rules.DANGEROUS_SCHEME_TEXT, fragment);
  }
}

/**
 * `http://allowed.com@127.0.0.1/`: a user name that looks like a host (a dotted name, no password or
 * a port-like one) is there to fool an allow-list that reads the start of the URL.
 */
function isHostLikeUserinfo(userinfo: string | undefined): boolean {
  if (userinfo === undefined || userinfo.length < 3) return false;
  const colon = userinfo.indexOf(':');
  const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const password = colon === -1 ? '' : userinfo.slice(colon + 1);
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(user) && /[a-z]/i.test(user) && (password === '' || /^\d/.test(password));
}

/**
 * `file:/etc/passwd`, `jar:file:…!/`, `netdoc:/etc/passwd`: dangerous schemes written without `//`. A
 * path segment that is only `dict:` or `file:` is a URL the router cut at its `//` (`/fetch/dict://…`).
 */
function inspectLeadingScheme(text: string, start: number, isPathSegment: boolean, scan: Scan): void {
  let colon = start;
  while (colon < text.length && colon - start <= 6 && isLetter(text.charCodeAt(colon))) colon++;
  if (colon - start < 3 || text.charCodeAt(colon) !== 58) return;
  const scheme = text.slice(start, colon).toLowerCase();
  if (!ALWAYS_DANGEROUS_SCHEMES.has(scheme) && !CONTEXT_DANGEROUS_SCHEMES.has(scheme)) return;
  const next = text.charCodeAt(colon + 1);
  // A path or a nested scheme must follow: `File: report.pdf` is prose.
  const isUrlLike = next === 47 || next === 92 || (scheme === 'jar' && /^[a-z]+:/i.test(text.slice(colon + 1, colon + 8)));
  const isCutUrl = isPathSegment && colon + 1 === text.length && (ALWAYS_DANGEROUS_SCHEMES.has(scheme) || scheme === 'file');
  if (isUrlLike || isCutUrl) inspectScheme(scheme, text.slice(start, start + FRAGMENT_LENGTH), true, scan);
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** A host or URL-named field without a scheme: `127.0.0.1:8080`, `//0x7f.1/`, `2130706433`, `[::1]`. */
function inspectHostField(text: string, scan: Scan): void {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 32) start++;
  if (text.startsWith('//', start)) start += 2;
  let end = start;
  while (end < text.length && end - start < MAX_AUTHORITY && !isAuthorityEndCode(text.charCodeAt(end))) end++;
  const authority = text.slice(start, end);
  const host = classifyHost(hostOfAuthority(authority.slice(authority.lastIndexOf('@') + 1)));
  if (host.ipv4 !== undefined && !isAddressSpellingPlausible(host, host.ipv4, scan.flags)) return;
  reportHost(host, text.slice(start, start + FRAGMENT_LENGTH), (scan.flags & NAVIGATION) === 0, scan);
}

/**
 * Plain numbers in link-like fields are cursors, versions and counts (`next: "2"`, `target: "10.5"`);
 * they count as addresses only in host-named fields, and then only when they lead somewhere internal:
 * a decimal of nine digits or more (10.0.0.0 is 167772160), or `127.1`-style short forms of loopback.
 */
function isAddressSpellingPlausible(host: HostReading, ipv4: Ipv4Host, flags: number): boolean {
  if (ipv4.spelling === 'canonical' || ipv4.spelling === 'hex' || (ipv4.spelling === 'octal' && ipv4.parts === 4)) return true;
  if ((flags & NAME_HOST) === 0 || host.addressClass === 'public') return false;
  if (ipv4.parts === 1) return ipv4.address >= 1e8;
  return host.addressClass === 'loopback' || host.addressClass === 'metadata';
}
