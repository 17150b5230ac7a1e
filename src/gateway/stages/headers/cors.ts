// The CORS policy (Fetch standard §3.2): compiled origin matching, preflight answers, and the CORS
// headers of actual responses. When enabled it is the only policy: upstream Access-Control-*
// headers are removed, so an upstream that reflects any Origin with credentials (a classic API8:2023
// misconfiguration) cannot grant an origin that is not on the list.
import { BulwarkError } from '../../../core/errors.js';
import type { RequestContext, ResponseHead } from '../../request-context.js';
import { deny, reply, type Verdict } from '../../verdict.js';
import type { CorsConfig } from './schema.js';
import { isIpAddress } from '../../ip-matcher.js';

export const CORS_PREFLIGHT_DENIED = 'headers.cors-preflight-denied';

export interface CorsPolicy {
  /** The answer to a preflight: reply 204 with the CORS headers, or deny 403. */
  preflight(ctx: RequestContext): Verdict;
  /** Puts the policy's headers on an actual response, replacing whatever the upstream sent. */
  applyToResponse(ctx: RequestContext, headers: ResponseHead['headers']): void;
}

/** The allowed origins, compiled: exact origins in a Set, `*.` patterns as prefix + suffix checks. */
export interface OriginMatcher {
  /** The Access-Control-Allow-Origin value for `origin`, or undefined when it is not allowed. */
  allowOrigin(origin: string): string | undefined;
}

interface Pattern { prefix: string; suffix: string }

const RESPONSE_CORS_HEADERS = [
  'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods',
  'access-control-allow-headers', 'access-control-expose-headers', 'access-control-max-age',
  'access-control-allow-private-network',
];
const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether a request is a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(ctx: RequestContext): boolean {
  return ctx.method === 'OPTIONS' && ctx.headers.origin !== undefined && ctx.headers['access-control-request-method'] !== undefined;
}

export function createCorsPolicy(config: CorsConfig, keyPath = 'cors'): CorsPolicy {
  const credentials = config.allowCredentials;
  const origins = createOriginMatcher(config.allowOrigins, credentials, `${keyPath}.allowOrigins`);
  const methods = tokenList(config.allowMethods, `${keyPath}.allowMethods`, credentials, false);
  const allowHeaders = tokenList(config.allowHeaders, `${keyPath}.allowHeaders`, credentials, true);
  const expose = tokenList(config.exposeHeaders, `${keyPath}.exposeHeaders`, credentials, false);
  const isAnyMethod = methods.includes('*');
  const isAnyHeader = allowHeaders.includes('*');
  const methodSet = new Set(methods); // methods are case-sensitive (RFC 9110 §9.1)
  const headerSet = new Set(allowHeaders);
  const exposeValue = expose.join(', ');
  const preflightBase: Record<string, string> = {
    'access-control-allow-methods': methods.join(', '),
    'access-control-max-age': String(Math.floor(config.maxAge / 1000)),
    vary: PREFLIGHT_VARY,
  };
  if (credentials) preflightBase['access-control-allow-credentials'] = 'true';
  if (allowHeaders.length > 0 && !isAnyHeader) preflightBase['access-control-allow-headers'] = allowHeaders.join(', ');
  const answered = new WeakSet<RequestContext>();

  return {
    preflight(ctx) {
      const origin = headerValue(ctx, 'origin');
      const allowOrigin = origins.allowOrigin(origin);
      if (allowOrigin === undefined) return denied('origin', origin);
      const method = headerValue(ctx, 'access-control-request-method').trim();
      if (!(isAnyMethod ? TOKEN.test(method) : methodSet.has(method))) return denied('access-control-request-method');
      const requested = requestedHeaders(headerValue(ctx, 'access-control-request-headers'));
      if (requested === undefined) return denied('access-control-request-headers');
      if (!isAnyHeader && requested.some((name) => !headerSet.has(name))) return denied('access-control-request-headers');
      const headers: Record<string, string> = { ...preflightBase, 'access-control-allow-origin': allowOrigin };
      // "*" does not cover Authorization (Fetch §3.2.3), so a wildcard answers with the names asked for.
      if (isAnyHeader && requested.length > 0) headers['access-control-allow-headers'] = requested.join(', ');
      answered.add(ctx);
      return reply(204, headers);
    },
    applyToResponse(ctx, headers) {
      if (answered.has(ctx)) return; // our own preflight answer already carries the exact headers
      for (const name of RESPONSE_CORS_HEADERS) if (headers[name] !== undefined) delete headers[name];
      appendVary(headers, 'Origin');
      const origin = ctx.headers.origin;
      if (origin === undefined) return;
      const allowOrigin = origins.allowOrigin(origin);
      if (allowOrigin === undefined) return;
      headers['access-control-allow-origin'] = allowOrigin;
      if (credentials) headers['access-control-allow-credentials'] = 'true';
      if (exposeValue !== '') headers['access-control-expose-headers'] = exposeValue;
    },
  };
}

/**
 * Compiles allowed origins. Entries: "*" (only without credentials), "scheme://host[:port]" (no
 * path; scheme and host case-insensitive; default ports dropped as browsers do), or
 * "scheme://*.domain[:port]" for any subdomain of a domain with at least two labels. "null" is
 * refused: it is what sandboxed frames and file: documents send, so anyone can send it.
 */
export function createOriginMatcher(entries: readonly string[], allowCredentials: boolean, keyPath: string): OriginMatcher {
  const exact = new Set<string>();
  const patterns: Pattern[] = [];
  let isWildcard = false;
  entries.forEach((entry, index) => {
    const key = `${keyPath}[${index}]`;
    if (entry === '*') {
      if (allowCredentials) {
        throw new BulwarkError('CONFIG_INVALID', `${key}: "*" cannot be combined with allowCredentials: true; list the origins`);
      }
      isWildcard = true;
      return;
    }
    const parsed = parseOriginEntry(entry);
    if (typeof parsed === 'string') throw new BulwarkError('CONFIG_INVALID', `${key}: ${JSON.stringify(entry)} ${parsed}`);
    if ('origin' in parsed) exact.add(parsed.origin);
    else patterns.push(parsed);
  });
  return {
    allowOrigin(origin) {
      if (isWildcard) return '*';
      if (!isPrintableAscii(origin)) return undefined; // no Unicode case folding tricks (K -> k)
      const lower = origin.toLowerCase();
      if (exact.has(lower)) return lower;
      for (const { prefix, suffix } of patterns) {
        if (lower.length > prefix.length + suffix.length && lower.startsWith(prefix) && lower.endsWith(suffix)
          && isSubdomainLabels(lower, prefix.length, lower.length - suffix.length)) return lower;
      }
      return undefined;
    },
  };
}

/** An origin entry parsed, or the reason it is refused. */
function parseOriginEntry(entry: string): { origin: string } | Pattern | string {
  if (entry.toLowerCase() === 'null') return 'is the opaque origin, which any sandboxed page can send; it cannot be allowed';
  if (!isPrintableAscii(entry)) return 'must be ASCII (write internationalised names in punycode)';
  const lower = entry.toLowerCase();
  const separator = lower.indexOf('://');
  const scheme = separator === -1 ? '' : lower.slice(0, separator);
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return 'must be scheme://host[:port], e.g. https://app.example.com';
  const authority = lower.slice(separator + 3);
  if (/[/?#@\\]/.test(authority)) return 'must be an origin without path, query, fragment or user info, e.g. https://app.example.com';
  const bracketEnd = authority.startsWith('[') ? authority.indexOf(']') : -1;
  const colon = authority.indexOf(':', bracketEnd + 1);
  const host = colon === -1 ? authority : authority.slice(0, colon);
  let port = colon === -1 ? '' : authority.slice(colon + 1);
  if (colon !== -1 && (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535)) return 'has an invalid port';
  if ((scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) port = '';
  const portPart = port === '' ? '' : `:${port}`;
  if (host.startsWith('*.')) {
    const domain = host.slice(2);
    if (!isHostname(domain) || !domain.includes('.')) return 'must put "*." before a domain of at least two labels, e.g. https://*.example.com';
    return { prefix: `${scheme}://`, suffix: `.${domain}${portPart}` };
  }
  const isIpLiteral = bracketEnd !== -1 && bracketEnd === host.length - 1 && isIpAddress(host.slice(1, -1));
  if (!isIpLiteral && !isHostname(host)) return 'has an invalid host ("*" may only be a whole first label: https://*.example.com)';
  return { origin: `${scheme}://${host}${portPart}` };
}

/** Lowercase DNS-style name: labels of [a-z0-9_-], no empty label. */
function isHostname(host: string): boolean {
  return host.length > 0 && host.length <= 253 && isSubdomainLabels(host, 0, host.length);
}

/** Whether s[start, end) is one or more non-empty labels of [a-z0-9_-] joined by dots (a linear scan). */
function isSubdomainLabels(s: string, start: number, end: number): boolean {
  let labelLength = 0;
  for (let i = start; i < end; i++) {
    const code = s.charCodeAt(i);
    if (code === 46) {
      if (labelLength === 0) return false;
      labelLength = 0;
    } else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95) {
      if (++labelLength > 63) return false;
    } else {
      return false;
    }
  }
  return labelLength > 0;
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/** Validated method / header names; header names lowercased; "*" only without credentials. */
function tokenList(values: readonly string[], keyPath: string, allowCredentials: boolean, isHeaderNames: boolean): string[] {
  return values.map((value, index) => {
    if (!TOKEN.test(value)) throw new BulwarkError('CONFIG_INVALID', `${keyPath}[${index}]: ${JSON.stringify(value)} is not a valid token`);
    if (value === '*' && allowCredentials) {
      throw new BulwarkError('CONFIG_INVALID', `${keyPath}[${index}]: "*" is taken literally by browsers when allowCredentials is true; list the names`);
    }
    return isHeaderNames ? value.toLowerCase() : value;
  });
}

/** Access-Control-Request-Headers as lowercase names; undefined when an entry is not a token. */
function requestedHeaders(value: string): string[] | undefined {
  const names: string[] = [];
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if (!TOKEN.test(name)) return undefined;
    names.push(name);
  }
  return names;
}

function headerValue(ctx: RequestContext, name: string): string {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value.join(', ') : value ?? '';
}

function denied(header: string, value?: string): Verdict {
  return deny({
    status: 403, ruleId: CORS_PREFLIGHT_DENIED, severity: 'low', category: 'API8:2023',
    detail: 'The CORS preflight request is not allowed by the policy.',
    evidence: value === undefined ? { location: 'header', name: header } : { location: 'header', name: header, value: value.slice(0, 200) },
  });
}

/** Adds `name` to Vary unless it (or "*") is already there. */
export function appendVary(headers: ResponseHead['headers'], name: string): void {
  const current = headers.vary;
  if (current === undefined || current === '') {
    headers.vary = name;
    return;
  }
  const text = Array.isArray(current) ? current.join(', ') : current;
  const wanted = name.toLowerCase();
  for (const part of text.split(',')) {
    const token = part.trim().toLowerCase();
    if (token === wanted || token === '*') return;
  }
  headers.vary = `${text}, ${name}`;
}
