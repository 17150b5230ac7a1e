// Config schema of the identity stage: trusted JWT issuers (keys from OpenID Connect discovery, a
// JWKS URI or static JWKs), token limits, API keys, mutual TLS and HTTP Basic, where anonymous
// requests are allowed, and the headers that carry the verified consumer to the upstream.
import { Type } from '@sinclair/typebox';
import { Bytes, Duration } from '../../../core/config/schema-types.js';

const HEADER_NAME = '^[a-z0-9][a-z0-9-]{0,63}$';
const FINGERPRINT = '^(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31})$';
/** What a consumer made from a certificate or a Basic user may do (the access stage checks it). */
const GRANTS = {
  scopes: Type.Array(Type.String({ minLength: 1 }), { default: [], description: "the consumer's scopes" }),
  roles: Type.Array(Type.String({ minLength: 1 }), { default: [], description: "the consumer's roles" }),
  groups: Type.Array(Type.String({ minLength: 1 }), { default: [], description: "the consumer's groups" }),
};
const Header = (fallback: string, description: string) => Type.String({ pattern: HEADER_NAME, default: fallback, description });

const Issuer = Type.Object({
  issuer: Type.String({ minLength: 1, description: 'the exact `iss` value; with discovery, also where /.well-known/openid-configuration is' }),
  jwksUri: Type.Optional(Type.String({ minLength: 1, description: 'JWKS URL (https, or http on loopback); default: from OpenID Connect discovery' })),
  keys: Type.Optional(Type.Array(Type.Object({ kty: Type.String() }, { additionalProperties: true }), {
    minItems: 1, description: 'static public JWKs instead of fetching (no private members)',
  })),
  audiences: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'accepted `aud` values (RFC 8725 §3.9)' }),
  algorithms: Type.Array(Type.Union(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'].map((alg) => Type.Literal(alg))), {
    minItems: 1, default: ['RS256', 'PS256', 'ES256', 'EdDSA'], description: 'accepted `alg` values; `none` and HMAC are never accepted from a shared issuer',
  }),
  leeway: Duration('30s', { description: 'clock skew allowed on exp / nbf / iat' }),
  requiredClaims: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'claims that must be present besides exp' }),
  typ: Type.Optional(Type.String({ minLength: 1, description: 'required `typ` header, e.g. at+jwt (RFC 9068)' })),
  claims: Type.Object({
    subject: Type.String({ default: 'sub', description: 'claim holding the consumer id' }),
    roles: Type.Array(Type.String(), { default: [], description: 'dot paths of role claims, e.g. realm_access.roles' }),
    groups: Type.Array(Type.String(), { default: [], description: 'dot paths of group claims' }),
    keep: Type.Array(Type.String(), { default: [], description: 'claims kept on the consumer (for access rules and forwarding)' }),
  }, { additionalProperties: false, default: {} }),
}, { additionalProperties: false });

export const identityConfigSchema = Type.Object({
  jwt: Type.Object({
    issuers: Type.Array(Issuer, { default: [], description: 'trusted token issuers; none: the stage does nothing' }),
    maxTokenBytes: Bytes('8kb', { description: 'larger bearer tokens are refused before decoding' }),
    cacheEntries: Type.Integer({ minimum: 0, default: 10_000, description: 'verified tokens remembered (until their exp)' }),
    keys: Type.Object({
      ttl: Duration('10m', { description: 'JWKS refreshed this often' }),
      cooldown: Duration('30s', { description: 'an unknown kid refetches the JWKS at most this often' }),
      stale: Duration('24h', { description: 'cached keys still used this long when the provider is down' }),
      timeout: Duration('5s', { description: 'discovery / JWKS fetch timeout' }),
      maxBytes: Bytes('256kb', { description: 'largest discovery or JWKS document' }),
    }, { additionalProperties: false, default: {} }),
  }, { additionalProperties: false, default: {} }),
  introspection: Type.Optional(Type.Object({
    endpoint: Type.String({ minLength: 1, description: 'RFC 7662 endpoint (https, or http on loopback)' }),
    clientId: Type.String({ minLength: 1, description: "the gateway's own client at the authorization server" }),
    clientSecret: Type.String({ minLength: 1, description: 'its secret; use ${ENV_VAR}' }),
    issuer: Type.Optional(Type.String({ minLength: 1, description: 'when set, the answer\'s iss must equal it' })),
    audiences: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'when set, the answer\'s aud must contain one' }),
    claims: Type.Object({
      subject: Type.String({ default: 'sub' }),
      roles: Type.Array(Type.String(), { default: [] }),
      groups: Type.Array(Type.String(), { default: [] }),
      keep: Type.Array(Type.String(), { default: [] }),
    }, { additionalProperties: false, default: {} }),
    cacheTtl: Duration('60s', { description: 'an active answer is reused this long (never past the token\'s exp)' }),
    negativeCacheTtl: Duration('5s', { description: 'an inactive answer is reused this long' }),
    cacheEntries: Type.Integer({ minimum: 0, default: 10_000 }),
    timeout: Duration('5s'),
    maxBytes: Bytes('64kb'),
  }, { additionalProperties: false, description: 'opaque (non-JWT) bearer tokens are checked here (OAuth 2.0 Token Introspection, RFC 7662)' })),
  apiKeys: Type.Object({
    enabled: Type.Boolean({ default: false, description: 'accept API keys made with `bulwark keys create` (stored hashed in store.sqlite)' }),
    header: Type.String({ pattern: HEADER_NAME, default: 'x-api-key', description: 'request header carrying the key' }),
  }, { additionalProperties: false, default: {} }),
  mtls: Type.Object({
    enabled: Type.Boolean({ default: false, description: 'accept TLS client certificates verified against the listener\'s tls.clientCa (server.listeners[].tls.clientCertificates) as credentials, when the request carries no other' }),
    consumers: Type.Array(Type.Object({
      id: Type.String({ minLength: 1, description: 'the consumer id' }),
      match: Type.Object({
        subject: Type.Optional(Type.String({ minLength: 1, description: 'the subject common name (CN), exactly' })),
        san: Type.Optional(Type.String({ minLength: 1, description: 'a DNS, URI or email subject alternative name, exactly (DNS names in any case)' })),
        fingerprint256: Type.Optional(Type.String({ pattern: FINGERPRINT, description: 'SHA-256 fingerprint of the certificate, hex with or without colons' })),
      }, { additionalProperties: false, minProperties: 1, description: 'every key given must match; the first consumer that matches wins' }),
      ...GRANTS,
    }, { additionalProperties: false }), { default: [], description: 'certificates mapped to consumers' }),
    unmapped: Type.Union([Type.Literal('deny'), Type.Literal('subject')], {
      default: 'deny', description: "a verified certificate no consumer matches: 'deny' refuses it (403); 'subject' makes its CN the consumer id, with no scopes, roles or groups",
    }),
  }, { additionalProperties: false, default: {}, description: 'mutual TLS client certificates mapped to consumers' }),
  basic: Type.Object({
    enabled: Type.Boolean({ default: false, description: 'accept HTTP Basic (RFC 7617) on https listeners; refused on http, and at load when no listener is https' }),
    realm: Type.String({ pattern: '^[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]{1,64}$', default: 'api', description: 'realm in the WWW-Authenticate challenge (printable ASCII without `"` and `\\`)' }),
    users: Type.Array(Type.Object({
      username: Type.String({ minLength: 1, maxLength: 256, pattern: '^[^:\\x00-\\x1f\\x7f]+$', description: 'the user-id (no colon, RFC 7617)' }),
      passwordHash: Type.String({ minLength: 1, description: 'output of `bulwark passwords hash` ($scrypt$...); a plaintext password is refused' }),
      consumer: Type.Optional(Type.String({ minLength: 1, description: 'the consumer id; default: the username' })),
      ...GRANTS,
    }, { additionalProperties: false }), { default: [], description: 'who may log in' }),
    forwardAuthorization: Type.Boolean({ default: false, description: 'pass the Authorization header (it holds the password) on to the upstream; by default it is removed and the upstream gets the consumer headers only' }),
    cacheTtl: Duration('5m', { description: 'a verified user name and password is remembered this long, so keep-alive clients do not pay scrypt per request; 0 turns it off' }),
    cacheEntries: Type.Integer({ minimum: 0, default: 10_000, description: 'verified credentials remembered at most' }),
    maxConcurrentVerifications: Type.Integer({ minimum: 1, maximum: 64, default: 2, description: 'scrypt checks running at once (they share the thread pool with DNS and file I/O)' }),
    maxQueuedVerifications: Type.Integer({ minimum: 0, default: 256, description: 'checks waiting at most; past it the stage fails (503 with failurePolicy closed)' }),
  }, { additionalProperties: false, default: {}, description: 'HTTP Basic user names and passwords, for clients that cannot do better' }),
  bruteForce: Type.Object({
    enabled: Type.Boolean({ default: true, description: 'lock out a client address (and an API key id, Basic user name or client certificate) after repeated failed authentications' }),
    maxFailures: Type.Integer({ minimum: 1, default: 10, description: 'failures allowed within the window' }),
    window: Duration('5m'),
    lockout: Duration('1m', { description: 'first lock-out (429 + Retry-After); each further one doubles' }),
    maxLockout: Duration('1h'),
    maxSubjects: Type.Integer({ minimum: 100, default: 100_000, description: 'addresses, keys, user names and certificates tracked at most (per instance)' }),
  }, { additionalProperties: false, default: {} }),
  grants: Type.Object({
    enabled: Type.Boolean({ default: true, description: 'add the active time-bound grants of `bulwark grants add` (store.sqlite) to the consumer\'s scopes; checked on every request' }),
  }, { additionalProperties: false, default: {} }),
  allowQueryToken: Type.Boolean({ default: false, description: 'accept `access_token` in the query (RFC 6750 §2.3 discourages it: URLs are logged)' }),
  anonymous: Type.Object({
    operations: Type.Array(Type.String({ minLength: 1 }), { default: [], description: "operations callable without credentials, by operationId or 'METHOD /path/{template}', besides those the document marks public (security: [])" }),
    pathPrefixes: Type.Array(Type.String({ pattern: '^/' }), { default: [], description: 'on routes without a document: path prefixes callable without credentials' }),
  }, { additionalProperties: false, default: {} }),
  forward: Type.Object({
    subject: Header('x-consumer-id', 'header carrying the consumer id to the upstream'),
    scopes: Header('x-consumer-scopes', 'header carrying the scopes (space-separated)'),
    roles: Header('x-consumer-roles', 'header carrying the roles (comma-separated)'),
    groups: Header('x-consumer-groups', 'header carrying the groups (comma-separated)'),
    claims: Type.Record(Type.String({ minLength: 1 }), Type.String({ pattern: HEADER_NAME }), { default: {}, description: 'kept claim → header' }),
  }, { additionalProperties: false, default: {}, description: 'incoming copies of these headers are always removed, so a client cannot claim an identity' }),
});

export interface IdentityConfig {
  jwt: {
    issuers: {
      issuer: string; jwksUri?: string; keys?: Record<string, unknown>[]; audiences: string[]; algorithms: string[]; leeway: number;
      requiredClaims: string[]; typ?: string; claims: { subject: string; roles: string[]; groups: string[]; keep: string[] };
    }[];
    maxTokenBytes: number;
    cacheEntries: number;
    keys: { ttl: number; cooldown: number; stale: number; timeout: number; maxBytes: number };
  };
  introspection?: {
    endpoint: string; clientId: string; clientSecret: string; issuer?: string; audiences: string[];
    claims: { subject: string; roles: string[]; groups: string[]; keep: string[] };
    cacheTtl: number; negativeCacheTtl: number; cacheEntries: number; timeout: number; maxBytes: number;
  };
  apiKeys: { enabled: boolean; header: string };
  mtls: {
    enabled: boolean;
    consumers: { id: string; match: { subject?: string; san?: string; fingerprint256?: string }; scopes: string[]; roles: string[]; groups: string[] }[];
    unmapped: 'deny' | 'subject';
  };
  basic: {
    enabled: boolean;
    realm: string;
    users: { username: string; passwordHash: string; consumer?: string; scopes: string[]; roles: string[]; groups: string[] }[];
    forwardAuthorization: boolean;
    cacheTtl: number;
    cacheEntries: number;
    maxConcurrentVerifications: number;
    maxQueuedVerifications: number;
  };
  bruteForce: { enabled: boolean; maxFailures: number; window: number; lockout: number; maxLockout: number; maxSubjects: number };
  grants: { enabled: boolean };
  allowQueryToken: boolean;
  anonymous: { operations: string[]; pathPrefixes: string[] };
  forward: { subject: string; scopes: string; roles: string; groups: string; claims: Record<string, string> };
}
