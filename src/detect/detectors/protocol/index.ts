// Protocol anomalies of a request as a whole: HTTP request smuggling signals (ambiguous framing,
// duplicated Host, Content-Length and Content-Type, smuggled header lines, underscore spellings, h2c
// upgrades; PortSwigger's, Watchfire's and Bishop Fox's research, RFC 9112 §6.3 and §11.2) and protocol
// abuse that a strict parser still lets through (hop-by-hop stripping, Range floods, evasive charsets).
// Node's llhttp rejects much of this on live traffic; `bulwark detect` also reads recorded requests,
// which it does not.
import type { RequestDetection, RequestDetector } from '../../detector.js';
import type { InspectRequest } from '../../request.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { isUnambiguousTransferEncoding, judgeContentLength, trimOptionalWhitespace } from './framing.js';
import { evasiveCharset, isConflictingContentType } from './content-type.js';
import { floodedName, summarizeHeaders, type HeaderSummary } from './headers.js';
import { isAbusiveRange } from './range.js';
import { absoluteAuthority, hostMatches, isValidHost, judgeTarget } from './target.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'protocol', title, owasp: OWASP.misconfiguration, severity, paranoia });

export const PROTOCOL_RULES = {
  transferEncoding: rule('protocol.transfer-encoding-invalid', 'Transfer-Encoding other than a final chunked, or repeated', 'critical', 1),
  transferEncodingWithLength: rule('protocol.transfer-encoding-with-content-length', 'Transfer-Encoding together with Content-Length', 'critical', 1),
  contentLengthInvalid: rule('protocol.content-length-invalid', 'Content-Length that is not a number', 'critical', 1),
  contentLengthConflict: rule('protocol.content-length-conflict', 'Content-Length values that disagree', 'critical', 1),
  hostRepeated: rule('protocol.host-repeated', 'More than one Host header', 'critical', 1),
  hostInvalid: rule('protocol.host-invalid', 'Host header that is not a host and port', 'critical', 1),
  hostMismatch: rule('protocol.host-mismatch', 'Absolute-form target naming another host than Host', 'critical', 1),
  headerName: rule('protocol.header-name-invalid', 'Header name outside the HTTP token grammar', 'critical', 1),
  headerNameUnderscore: rule('protocol.header-name-underscore', 'Framing or forwarding header spelled with underscores (Transfer_Encoding)', 'critical', 1),
  contentTypeConflict: rule('protocol.content-type-conflict', 'Content-Type headers that disagree', 'critical', 1),
  charset: rule('protocol.charset-evasive', 'Request charset that hides markup from ASCII inspection (UTF-7, EBCDIC)', 'critical', 1),
  rangeAbuse: rule('protocol.range-abuse', 'Range header with many or overlapping ranges (CVE-2011-3192)', 'critical', 1),
  headerControl: rule('protocol.header-control-character', 'Control character, CR/LF or obsolete line folding in a header value', 'critical', 1),
  target: rule('protocol.request-target-invalid', 'Request target with raw spaces or controls, or of no valid form', 'critical', 1),
  hopByHop: rule('protocol.hop-by-hop-abuse', 'Connection header naming an end-to-end header to strip', 'critical', 1),
  h2cUpgrade: rule('protocol.h2c-upgrade', 'Cleartext HTTP/2 upgrade through the gateway (h2c smuggling)', 'medium', 2),
  contentLengthRepeated: rule('protocol.content-length-repeated', 'Content-Length repeated with the same value', 'medium', 2),
  fragment: rule('protocol.request-target-fragment', 'Fragment (#) in the request target', 'medium', 2),
  expect: rule('protocol.expect-unsupported', 'Expect other than 100-continue', 'medium', 2),
  methodOverride: rule('protocol.method-override', 'Method override header asking for another method', 'medium', 2),
  bodyWithoutSemantics: rule('protocol.body-on-get', 'GET or HEAD request with a body', 'medium', 2),
  headerFlood: rule('protocol.header-flood', 'One header name repeated many times', 'medium', 2),
  absoluteForm: rule('protocol.absolute-form', 'Absolute-form request target', 'low', 2),
  hostMissing: rule('protocol.host-missing', 'No Host header', 'low', 3),
} as const;

/**
 * Headers a client has no reason to list in Connection: naming them makes a proxy drop them on the way
 * (RFC 9110 §7.6.1), which strips the gateway's forwarding and identity headers before the upstream.
 */
const END_TO_END = new Set([
  'host', 'authorization', 'proxy-authorization', 'cookie', 'content-length', 'transfer-encoding', 'content-type',
  'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'forwarded', 'x-api-key',
]);

export const protocolDetector: RequestDetector = {
  name: 'protocol',
  rules: Object.values(PROTOCOL_RULES),
  detectRequest(request, paranoia, found) {
    const headers = summarizeHeaders(request.rawHeaders);
    const out: Output = { paranoia, found };
    inspectFraming(headers, out);
    inspectHeaders(headers, out);
    inspectTarget(request, headers, out);
    if (paranoia >= 2) inspectSemantics(request, headers, out);
  },
};

interface Output {
  readonly paranoia: Paranoia;
  readonly found: RequestDetection[];
}

/** Pushes a match of a rule enabled at the paranoia level, once per request. */
function report(out: Output, matched: DetectionRule, location: string, fragment: string): void {
  if (matched.paranoia <= out.paranoia && !out.found.some((detection) => detection.rule === matched)) out.found.push({ rule: matched, location, fragment });
}

function targetText(request: InspectRequest): string {
  return request.query === '' ? request.path : `${request.path}?${request.query}`;
}

function inspectFraming(headers: HeaderSummary, out: Output): void {
  const { transferEncodings, contentLengths } = headers;
  if (transferEncodings.length > 0) {
    if (!isUnambiguousTransferEncoding(transferEncodings)) report(out, PROTOCOL_RULES.transferEncoding, 'header.transfer-encoding', transferEncodings.join(', '));
    if (contentLengths.length > 0) {
      report(out, PROTOCOL_RULES.transferEncodingWithLength, 'header.transfer-encoding', `Transfer-Encoding: ${transferEncodings.join(', ')}; Content-Length: ${contentLengths.join(', ')}`);
    }
  }
  if (contentLengths.length === 0) return;
  const verdict = judgeContentLength(contentLengths);
  const fragment = contentLengths.join(', ');
  if (verdict === 'invalid') report(out, PROTOCOL_RULES.contentLengthInvalid, 'header.content-length', fragment);
  else if (verdict === 'conflicting') report(out, PROTOCOL_RULES.contentLengthConflict, 'header.content-length', fragment);
  else if (verdict === 'repeated') report(out, PROTOCOL_RULES.contentLengthRepeated, 'header.content-length', fragment);
}

function inspectHeaders(headers: HeaderSummary, out: Output): void {
  if (headers.invalidName !== undefined) report(out, PROTOCOL_RULES.headerName, `header.${headers.invalidName.toLowerCase()}`, headers.invalidName);
  if (headers.controlValue !== undefined) {
    const { name, value } = headers.controlValue;
    report(out, PROTOCOL_RULES.headerControl, `header.${name.toLowerCase()}`, value);
  }
  if (headers.hosts.length > 1) report(out, PROTOCOL_RULES.hostRepeated, 'header.host', headers.hosts.join(', '));
  const host = headers.hosts[0];
  if (host !== undefined && !isValidHost(host)) report(out, PROTOCOL_RULES.hostInvalid, 'header.host', host);
  if (headers.underscoreName !== undefined) report(out, PROTOCOL_RULES.headerNameUnderscore, `header.${headers.underscoreName.toLowerCase()}`, headers.underscoreName);
  if (headers.connection !== undefined && namesEndToEndHeader(headers.connection)) report(out, PROTOCOL_RULES.hopByHop, 'header.connection', headers.connection);
  // h2c through a proxy (Bishop Fox, 2020): once upgraded, the client speaks HTTP/2 to the upstream on a
  // connection the proxy no longer inspects. Paranoia 2 only: Bulwark strips Upgrade (hop-by-hop), so the
  // upgrade cannot reach an upstream through it, and `curl --http2 http://...` sends the same handshake.
  if (headers.upgrade !== undefined && headers.upgrade.toLowerCase().includes('h2c')) report(out, PROTOCOL_RULES.h2cUpgrade, 'header.upgrade', headers.upgrade);
  const contentTypes = headers.contentTypes;
  if (contentTypes.length > 0) {
    if (isConflictingContentType(contentTypes)) report(out, PROTOCOL_RULES.contentTypeConflict, 'header.content-type', contentTypes.join(' / '));
    for (const contentType of contentTypes) {
      const charset = evasiveCharset(contentType);
      if (charset !== undefined) report(out, PROTOCOL_RULES.charset, 'header.content-type', contentType);
    }
  }
  if (headers.range !== undefined && isAbusiveRange(headers.range)) report(out, PROTOCOL_RULES.rangeAbuse, 'header.range', headers.range);
}

function namesEndToEndHeader(connection: string): boolean {
  // `keep-alive` and `close` are nearly all a client sends: one comparison settles them.
  const lower = connection.toLowerCase();
  if (lower === 'keep-alive' || lower === 'close') return false;
  for (const token of lower.split(',')) if (END_TO_END.has(trimOptionalWhitespace(token))) return true;
  return false;
}

function inspectTarget(request: InspectRequest, headers: HeaderSummary, out: Output): void {
  const form = judgeTarget(request.method, request.path, request.query);
  if (form === 'invalid') report(out, PROTOCOL_RULES.target, 'request-line', targetText(request));
  if (form === 'absolute') {
    report(out, PROTOCOL_RULES.absoluteForm, 'request-line', targetText(request));
    const authority = absoluteAuthority(request.path) as string;
    const host = headers.hosts[0];
    const isHttps = request.path.slice(0, 6).toLowerCase() === 'https:';
    if (host !== undefined && !hostMatches(authority, host, isHttps)) report(out, PROTOCOL_RULES.hostMismatch, 'header.host', `${authority} / Host: ${host}`);
  }
  if (request.path.indexOf('#') !== -1 || request.query.indexOf('#') !== -1) report(out, PROTOCOL_RULES.fragment, 'request-line', targetText(request));
  if (headers.hosts.length === 0) report(out, PROTOCOL_RULES.hostMissing, 'header.host', '');
}

/** Paranoia 2 and up: requests that are legal but unusual enough to be worth a look. */
function inspectSemantics(request: InspectRequest, headers: HeaderSummary, out: Output): void {
  if (headers.expect !== undefined && trimOptionalWhitespace(headers.expect).toLowerCase() !== '100-continue') report(out, PROTOCOL_RULES.expect, 'header.expect', headers.expect);
  const override = headers.methodOverride;
  if (override !== undefined && trimOptionalWhitespace(override.value).toUpperCase() !== request.method.toUpperCase()) {
    report(out, PROTOCOL_RULES.methodOverride, `header.${override.name}`, `${request.method} -> ${override.value}`);
  }
  if ((request.method === 'GET' || request.method === 'HEAD') && hasBody(request, headers)) {
    report(out, PROTOCOL_RULES.bodyWithoutSemantics, 'request-line', `${request.method} with a body`);
  }
  const flooded = floodedName(request.rawHeaders);
  if (flooded !== undefined) report(out, PROTOCOL_RULES.headerFlood, `header.${flooded}`, flooded);
}

function hasBody(request: InspectRequest, headers: HeaderSummary): boolean {
  if (headers.transferEncodings.length > 0) return true;
  if (headers.contentLengths.some((value) => trimOptionalWhitespace(value) !== '0')) return true;
  return request.body !== undefined && request.body.bytes.length > 0;
}
