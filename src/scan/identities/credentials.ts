// Credentials as the scanner sends them: header names lowercased, query keys kept apart, and the
// bearer token exposed so the JWT checks can tamper with it. Static sources are built here; a login
// or token request yields a token that `tokenCredentials` places where the API expects it.
import type { Identity } from '../identity.js';
import type { IdentityConfig } from './auth-profile-schema.js';

export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly bearerToken?: string;
}

const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;
// eslint-disable-next-line no-control-regex -- a token with control characters, spaces or `;` would break or inject a header or cookie
const USABLE_TOKEN = /^[^\u0000-\u0020\u007F;]+$/;

/** Whether a token from a login or token endpoint can travel as a bearer token, header or cookie value. */
export function isUsableToken(token: string): boolean {
  return USABLE_TOKEN.test(token);
}

/** The credentials of a static source (headers, bearer, apiKey, basic); undefined for login / oauth2. */
export function staticCredentials(config: IdentityConfig): Credentials | undefined {
  if (config.headers) return fromHeaders(config.headers);
  if (config.bearer !== undefined) return bearer(config.bearer);
  if (config.apiKey) {
    const { in: where, name, value } = config.apiKey;
    if (where === 'query') return { headers: {}, query: { [name]: value } };
    return where === 'header' ? { headers: { [name.toLowerCase()]: value }, query: {} } : { headers: { cookie: `${name}=${value}` }, query: {} };
  }
  if (config.basic) {
    // RFC 7617 §2.1: user-id ":" password, UTF-8, base64.
    const encoded = Buffer.from(`${config.basic.username}:${config.basic.password}`, 'utf8').toString('base64');
    return { headers: { authorization: `Basic ${encoded}` }, query: {} };
  }
  return undefined;
}

/** Places a token obtained by a login as `as` says: `bearer`, `header:<name>` or `cookie:<name>`. */
export function tokenCredentials(token: string, as: string): Credentials {
  if (as === 'bearer') return bearer(token);
  const colon = as.indexOf(':');
  const kind = as.slice(0, colon);
  const name = as.slice(colon + 1);
  return kind === 'cookie' ? { headers: { cookie: `${name}=${token}` }, query: {} } : { headers: { [name.toLowerCase()]: token }, query: {} };
}

export function bearer(token: string): Credentials {
  return { headers: { authorization: `Bearer ${token}` }, query: {}, bearerToken: token };
}

function fromHeaders(given: Readonly<Record<string, string>>): Credentials {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
  const token = BEARER.exec(headers.authorization ?? '')?.[1];
  return token === undefined ? { headers, query: {} } : { headers, query: {}, bearerToken: token };
}

export function toIdentity(config: IdentityConfig, credentials: Credentials): Identity {
  return Object.freeze({
    name: config.name,
    role: config.role,
    headers: Object.freeze({ ...credentials.headers }),
    query: Object.freeze({ ...credentials.query }),
    ...(credentials.bearerToken === undefined ? {} : { bearerToken: credentials.bearerToken }),
  });
}
