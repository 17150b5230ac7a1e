// Opaque access tokens, checked with OAuth 2.0 Token Introspection (RFC 7662): the gateway asks the
// authorization server, authenticated as its own client, whether the token is active. Answers are
// cached by a hash of the token (active ones until their `exp` or the cache TTL, whichever comes
// first; inactive ones briefly), so a busy client does not cost a round trip per request.
import { request } from 'undici';
import type { Consumer } from '../core/types.js';
import { consumerFromClaims, type ClaimMapping } from './consumer-from-claims.js';
import { assertFetchableUrl } from './key-source.js';
import { createTokenCache } from './token-cache.js';

export interface IntrospectionOptions {
  readonly endpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** When set, the answer's `aud` must contain one of these. */
  readonly audiences: readonly string[];
  /** When set, the answer's `iss` must equal it. */
  readonly issuer?: string;
  readonly claims: ClaimMapping;
  readonly cacheTtlMs: number;
  readonly negativeCacheTtlMs: number;
  readonly cacheEntries: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly now?: () => number;
}

export type IntrospectionResult =
  | { readonly ok: true; readonly consumer: Consumer; readonly cached: boolean }
  | { readonly ok: false; readonly reason: 'inactive' | 'audience' | 'issuer' | 'no-subject'; readonly description: string };

export interface Introspector {
  /** Rejects when the authorization server cannot be asked (an outage, not the token's fault). */
  introspect(token: string): IntrospectionResult | Promise<IntrospectionResult>;
}

export function createIntrospector(options: IntrospectionOptions): Introspector {
  assertFetchableUrl(options.endpoint, 'introspection endpoint');
  const cache = createTokenCache<IntrospectionResult>(options.cacheEntries);
  const now = options.now ?? Date.now;
  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')}`;

  async function ask(token: string): Promise<IntrospectionResult> {
    const response = await request(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await readLimited(response.body, options.maxBytes);
    if (response.statusCode !== 200) throw new Error(`introspection endpoint answered ${response.statusCode}`);
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error('introspection endpoint answered with something that is not JSON');
    }
    const result = judge(answer, options, now());
    const ttl = result.ok ? Math.min(options.cacheTtlMs, typeof answer.exp === 'number' ? answer.exp * 1000 - now() : options.cacheTtlMs) : options.negativeCacheTtlMs;
    if (ttl > 0) cache.set(token, result, now() + ttl);
    return result;
  }

  return {
    introspect(token) {
      const hit = cache.get(token, now());
      if (hit) return hit.ok ? { ...hit, cached: true } : hit;
      return ask(token);
    },
  };
}

/** RFC 7662 §2.2: only `active: true` means anything; then the checks a JWT would get. */
function judge(answer: Record<string, unknown>, options: IntrospectionOptions, nowMs: number): IntrospectionResult {
  if (answer.active !== true) return { ok: false, reason: 'inactive', description: 'the token is not active' };
  if (typeof answer.exp === 'number' && answer.exp * 1000 <= nowMs) return { ok: false, reason: 'inactive', description: 'the token has expired' };
  if (options.issuer !== undefined && answer.iss !== options.issuer) return { ok: false, reason: 'issuer', description: 'the token is not from the trusted issuer' };
  if (options.audiences.length > 0) {
    const audiences = Array.isArray(answer.aud) ? answer.aud : [answer.aud];
    if (!audiences.some((aud) => typeof aud === 'string' && options.audiences.includes(aud))) return { ok: false, reason: 'audience', description: 'the token is not for this API' };
  }
  // Client-credentials tokens have no `sub` at some servers: the client is then the subject.
  const claims = answer.sub === undefined && typeof answer.client_id === 'string' ? { ...answer, sub: answer.client_id } : answer;
  const consumer = consumerFromClaims(claims, options.claims);
  if (!consumer) return { ok: false, reason: 'no-subject', description: 'the token has no subject' };
  return { ok: true, consumer: { ...consumer, kind: 'introspection' }, cached: false };
}

async function readLimited(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new Error('introspection answer is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
