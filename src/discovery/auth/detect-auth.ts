// How a request authenticated, as discovery reports it per operation: none, Basic, bearer JWT (with
// the issuer and scopes it claims), opaque bearer, API key (header or query, by name), session cookie,
// mutual TLS. Observation only: tokens are decoded, never verified, and nothing secret is returned.
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { parseCookies } from '../../contract/index.js';
import type { TrafficSample } from '../../core/types.js';

export type AuthKind = 'basic' | 'bearer-jwt' | 'bearer' | 'api-key' | 'session-cookie' | 'mtls' | 'other';

export interface ObservedAuth {
  readonly kind: AuthKind;
  /** Where the credential travelled. */
  readonly in: 'header' | 'query' | 'cookie' | 'tls';
  /** Header, query parameter or cookie name (lowercase for headers); the scheme for `other`. */
  readonly name: string;
  /** bearer-jwt: the `iss` claim and the `alg` header, when present. */
  readonly issuer?: string;
  readonly algorithm?: string;
  /** bearer-jwt: the scopes granted (`scope` / `scp`), sorted, at most 50. */
  readonly scopes?: readonly string[];
}

/** Header names that carry API keys in widely used APIs and gateways (lowercase). */
const API_KEY_HEADERS = new Set([
  'x-api-key', 'api-key', 'apikey', 'x-apikey', 'x-api-token', 'x-auth-token', 'x-access-token', 'x-key',
  'ocp-apim-subscription-key', 'x-goog-api-key', 'x-rapidapi-key', 'x-functions-key', 'private-token', 'x-token',
]);
/** Query parameters that carry API keys or tokens; `access_token` is a bearer token in the URL (RFC 6750 §2.3). */
const API_KEY_QUERY = new Set(['api_key', 'apikey', 'api-key', 'key', 'token', 'access_token', 'auth', 'auth_token', 'apitoken', 'subscription-key']);
/** Cookie names of the common web frameworks' sessions (lowercase). */
const SESSION_COOKIES = new Set(['sid', 'sessionid', 'session', 'session_id', 'connect.sid', 'jsessionid', 'phpsessid', 'asp.net_sessionid', 'laravel_session', '_session_id', 'auth', 'auth_token', 'access_token', 'id_token']);

/** Longest token decoded: claims beyond this are not worth the work (and not a real JWT). */
const MAX_JWT_LENGTH = 16_384;
const MAX_SCOPES = 50;

export function detectAuth(sample: Pick<TrafficSample, 'requestHeaders' | 'query' | 'clientCertificate'>): ObservedAuth[] {
  const found: ObservedAuth[] = [];
  const headers = sample.requestHeaders;
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization !== '') found.push(fromAuthorization(authorization));
  for (const name of Object.keys(headers)) {
    if (API_KEY_HEADERS.has(name) && headers[name] !== '') found.push({ kind: 'api-key', in: 'header', name });
  }
  for (const [name] of sample.query ?? []) {
    const lower = name.toLowerCase();
    if (!API_KEY_QUERY.has(lower) || found.some((auth) => auth.in === 'query' && auth.name === lower)) continue;
    found.push({ kind: lower === 'access_token' ? 'bearer' : 'api-key', in: 'query', name: lower });
  }
  const cookie = headers.cookie;
  if (cookie !== undefined) {
    for (const name of sessionCookieNames(cookie)) found.push({ kind: 'session-cookie', in: 'cookie', name });
  }
  if (sample.clientCertificate === true) found.push({ kind: 'mtls', in: 'tls', name: 'client-certificate' });
  return found;
}

/** The Authorization header by its scheme (RFC 9110 §11.6.2); a log may give the scheme alone. */
function fromAuthorization(value: string): ObservedAuth {
  const space = value.indexOf(' ');
  const scheme = (space === -1 ? value : value.slice(0, space)).toLowerCase();
  const credentials = space === -1 ? '' : value.slice(space + 1).trim();
  if (scheme === 'basic') return { kind: 'basic', in: 'header', name: 'authorization' };
  if (scheme === 'bearer') {
    const jwt = credentials === '' ? undefined : decodeJwtClaims(credentials);
    return jwt === undefined ? { kind: 'bearer', in: 'header', name: 'authorization' } : { kind: 'bearer-jwt', in: 'header', name: 'authorization', ...jwt };
  }
  return { kind: 'other', in: 'header', name: scheme.slice(0, 40) };
}

interface JwtFacts { issuer?: string; algorithm?: string; scopes?: readonly string[] }

/**
 * Facts of recent tokens by their signing input (header and claims, without the signature): a
 * client sends the same token on every request, and decoding it each time was a tenth of ingest.
 * Without its signature a token is not a credential, so the cache holds none. Cleared when full.
 */
const recentFacts = new Map<string, JwtFacts | undefined>();
const MAX_RECENT_TOKENS = 256;

/** Header and claims of a compact JWS (RFC 7519), unverified (jose's decoders); undefined when it is not one. */
export function decodeJwtClaims(token: string): JwtFacts | undefined {
  if (token.length > MAX_JWT_LENGTH || token.split('.').length !== 3) return undefined;
  const signingInput = token.slice(0, token.lastIndexOf('.'));
  if (recentFacts.has(signingInput)) return recentFacts.get(signingInput);
  const facts = decodeFresh(token);
  if (recentFacts.size >= MAX_RECENT_TOKENS) recentFacts.clear();
  recentFacts.set(signingInput, facts);
  return facts;
}

function decodeFresh(token: string): JwtFacts | undefined {
  let algorithm: unknown;
  let claims: JWTPayload;
  try {
    algorithm = decodeProtectedHeader(token).alg;
    claims = decodeJwt(token);
  } catch {
    return undefined;
  }
  if (typeof algorithm !== 'string') return undefined;
  const facts: { issuer?: string; algorithm?: string; scopes?: readonly string[] } = { algorithm: algorithm.slice(0, 20) };
  if (typeof claims.iss === 'string') facts.issuer = claims.iss.slice(0, 200);
  const scopes = scopesOf(claims.scope ?? claims.scp);
  if (scopes.length > 0) facts.scopes = scopes;
  return facts;
}

/** `scope` is space-separated (RFC 8693 §4.2); `scp` is often an array (Azure AD, Okta). */
function scopesOf(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return [...new Set(list.filter((scope) => scope !== '').map((scope) => scope.slice(0, 100)))].sort().slice(0, MAX_SCOPES);
}

function sessionCookieNames(header: string): string[] {
  const names: string[] = [];
  for (const cookie of parseCookies(header).keys()) {
    const name = cookie.toLowerCase();
    // Cookie prefixes (RFC 6265bis §4.1.3) say how the cookie is protected, not what it is.
    const bare = name.replace(/^__(?:host|secure)-/, '');
    const isSession = SESSION_COOKIES.has(bare) || bare.includes('session') || bare.endsWith('sid');
    if (isSession && !names.includes(name)) names.push(name);
  }
  return names;
}
