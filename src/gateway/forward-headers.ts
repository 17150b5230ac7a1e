// Header rewriting between client and upstream: hop-by-hop headers removed (RFC 9110 §7.6.1),
// X-Forwarded-For/Proto/Host and X-Request-Id set, the Host chosen per route.
import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'http2-settings', 'proxy-authenticate', 'proxy-authorization',
]);
// undici refuses `expect`; the gateway has already answered 100-continue to the client itself.
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'expect', 'x-request-id', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'forwarded']);

export interface ForwardInfo {
  requestId: string;
  remoteAddress: string;
  protocol: 'http' | 'https';
  /** Whether the TCP peer is a trusted proxy, whose forwarding headers are kept and extended. */
  isPeerTrusted: boolean;
  host: string;
}

/** Request headers for the upstream. Multi-value headers stay arrays (undici accepts them). */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, info: ForwardInfo, upstreamHost: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const connectionTokens = listedInConnection(headers.connection);
  for (const name in headers) {
    if (NOT_FORWARDED.has(name) || connectionTokens?.has(name)) continue;
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  out.host = upstreamHost;
  out['x-request-id'] = info.requestId;
  const priorFor = info.isPeerTrusted ? joined(headers['x-forwarded-for']) : undefined;
  out['x-forwarded-for'] = priorFor ? `${priorFor}, ${info.remoteAddress}` : info.remoteAddress;
  out['x-forwarded-proto'] = (info.isPeerTrusted ? firstValue(headers['x-forwarded-proto']) : undefined) ?? info.protocol;
  out['x-forwarded-host'] = (info.isPeerTrusted ? firstValue(headers['x-forwarded-host']) : undefined) ?? (headers.host ?? info.host);
  return out;
}

/** Response headers for the client: hop-by-hop removed (Node adds its own framing headers). */
export function clientResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const connectionTokens = listedInConnection(headers.connection);
  const out: Record<string, string | string[] | undefined> = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || connectionTokens?.has(name)) continue;
    out[name] = headers[name];
  }
  return out;
}

function listedInConnection(value: string | string[] | undefined): Set<string> | undefined {
  // The usual values name no extra header; skip building a set for them.
  if (value === undefined || value === 'keep-alive' || value === 'close' || value === 'Keep-Alive') return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  return new Set(text.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim() || undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An incoming request id is kept only from a trusted proxy and only when it is well-formed. */
export function acceptableRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}
