// Config schema of the identity stage: trusted JWT issuers (keys from OpenID Connect discovery, a
// JWKS URI or static JWKs), token limits, where anonymous requests are allowed, and the headers
// that carry the verified consumer to the upstream.
import { Type } from '@sinclair/typebox';
import { Bytes, Duration } from '../../../core/config/schema-types.js';

const HEADER_NAME = '^[a-z0-9][a-z0-9-]{0,63}$';
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
  bruteForce: Type.Object({
    enabled: Type.Boolean({ default: true, description: 'lock out a client address (and an API key id) after repeated failed authentications' }),
    maxFailures: Type.Integer({ minimum: 1, default: 10, description: 'failures allowed within the window' }),
    window: Duration('5m'),
    lockout: Duration('1m', { description: 'first lock-out (429 + Retry-After); each further one doubles' }),
    maxLockout: Duration('1h'),
    maxSubjects: Type.Integer({ minimum: 100, default: 100_000, description: 'addresses and keys tracked at most (per instance)' }),
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
  bruteForce: { enabled: boolean; maxFailures: number; window: number; lockout: number; maxLockout: number; maxSubjects: number };
  allowQueryToken: boolean;
  anonymous: { operations: string[]; pathPrefixes: string[] };
  forward: { subject: string; scopes: string; roles: string; groups: string; claims: Record<string, string> };
}
