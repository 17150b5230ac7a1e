// The identity stage: who is calling. A bearer JWT from a trusted issuer, an opaque token, an API
// key, HTTP Basic (https only) or a TLS client certificate becomes the request's Consumer and
// travels to the upstream in configured headers (incoming copies always removed). One credential
// per request; a certificate counts only when nothing else is sent. No credentials: allowed only
// where the document or the config marks the operation public. Answers are RFC 6750 §3 / RFC 7617:
// 401 with a WWW-Authenticate challenge; never a 500 for a malformed credential.
import { BulwarkError } from '../../../core/errors.js';
import type { Consumer } from '../../../core/types.js';
import { parseApiKey, type ApiKeyRecord } from '../../../store/index.js';
import {
  createFailureTracker, createIntrospector, createJwtVerifier, discoveredKeySource, readClientCertificate, remoteKeySource, staticKeySource,
  type ClientCertificate, type IntrospectionResult, type JwtResult, type KeySource, type RemoteKeyOptions,
} from '../../../identity/index.js';
import type { RequestContext } from '../../request-context.js';
import type { RuleDescription, Stage, StageDeps } from '../../stage.js';
import { defineStage } from '../../stage.js';
import { CONTINUE, deny, type Denial, type Verdict } from '../../verdict.js';
import { BASIC_OVER_HTTP, createBasicScheme } from './basic.js';
import { createCertificateAuthenticator } from './mtls.js';
import { identityConfigSchema, type IdentityConfig } from './schema.js';

const RULES: readonly RuleDescription[] = [
  { id: 'identity.credentials-missing', status: 401, title: 'Credentials missing', severity: 'low', category: 'API2:2023', description: 'The operation is not public and the request carries no bearer token. Answered with `WWW-Authenticate: Bearer realm="api"` (RFC 6750 §3.1, no error code).' },
  { id: 'identity.token-invalid', status: 401, title: 'Token invalid', severity: 'medium', category: 'API2:2023', description: 'The bearer token is malformed, too large, from an untrusted issuer, signed with a disallowed algorithm or an unknown key, has a bad signature, is expired or not yet valid, has the wrong audience, type or a duplicated claim, or lacks a required claim. `WWW-Authenticate: Bearer error="invalid_token"` with a safe description.' },
  { id: 'identity.api-key-invalid', status: 401, title: 'API key invalid', severity: 'medium', category: 'API2:2023', description: 'The API key (apiKeys.header, default X-API-Key) is unknown, does not match, has been revoked (effective on the next request) or has expired.' },
  { id: 'identity.locked-out', status: 429, title: 'Locked out', severity: 'high', category: 'API2:2023', description: 'The client address, or the API key id, Basic user name or client certificate, failed authentication bruteForce.maxFailures times within bruteForce.window: brute force or credential stuffing. Locked out with Retry-After; each further lock-out doubles, up to bruteForce.maxLockout. Per instance.' },
  { id: 'identity.token-in-query', status: 401, title: 'Token in the URL', severity: 'low', category: 'API2:2023', description: 'An `access_token` query parameter was sent while `allowQueryToken` is off: URLs end up in logs and Referer headers (RFC 6750 §2.3, §5.3). `error="invalid_request"`.' },
  { id: 'identity.multiple-credentials', status: 400, title: 'Several credentials', severity: 'medium', category: 'API2:2023', description: 'The request carries more than one credential (two Authorization headers, or a header token and a query token): which one wins differs between components, so none is used (RFC 6750 §2: one method per request).' },
  { id: 'identity.certificate-invalid', status: 401, title: 'Client certificate invalid', severity: 'medium', category: 'API2:2023', description: 'With mtls enabled, on a listener with `tls.clientCertificates: request`, the request carries no other credential and its TLS client certificate did not verify against `tls.clientCa` (unknown issuer, expired, not yet valid); the OpenSSL reason code is in the detail.' },
  { id: 'identity.certificate-unmapped', status: 403, title: 'Client certificate not mapped', severity: 'medium', category: 'API2:2023', description: 'The TLS client certificate verified, but no `mtls.consumers` entry matches it and `mtls.unmapped` is deny: the client is known to the CA, not to this API. The event carries the fingerprint, to add a mapping.' },
  { id: 'identity.basic-invalid', status: 401, title: 'Basic credentials invalid', severity: 'medium', category: 'API2:2023', description: 'HTTP Basic credentials are malformed, name an unknown user or carry a wrong password (one answer for both, so user names cannot be probed). `WWW-Authenticate: Basic realm="…", charset="UTF-8"` (RFC 7617).' },
  { id: 'identity.basic-over-http', status: 403, title: 'Basic over plain HTTP', severity: 'high', category: 'API2:2023', description: 'HTTP Basic credentials arrived on an http listener: refused without being checked, with no challenge (so the client does not retry over HTTP). The password crossed the network in clear text and should be changed.' },
];

/** Key sets are shared by every route and kept across reloads: a reload must not refetch every JWKS. */
const keySources = new Map<string, KeySource>();

export const identityStage = defineStage<IdentityConfig>({
  name: 'identity',
  description: 'authenticates callers (JWT bearer tokens from trusted issuers, opaque tokens, API keys, TLS client certificates, HTTP Basic over HTTPS) and forwards the verified consumer to the upstream',
  configSchema: identityConfigSchema,
  // Authentication fails closed (SECURITY-BASELINE): keys that cannot be had mean 503, not a pass.
  defaultFailurePolicy: 'closed',
  enabledByDefault: true,
  rules: RULES,
  create(config, deps): Stage {
    if (config.jwt.issuers.length === 0 && !config.introspection && !config.apiKeys.enabled && !config.mtls.enabled && !config.basic.enabled) {
      return {}; // nothing configured: no per-request work
    }
    if (config.apiKeys.enabled && !deps.keyStore) throw new BulwarkError('CONFIG_INVALID', 'apiKeys needs a key store (store.sqlite)');
    const basic = config.basic.enabled ? createBasicScheme(config.basic) : undefined;
    // Basic is only advertised where it may be used: a challenge on plain HTTP would invite a password in clear text.
    const missingOverHttps = basic ? missing(`${CHALLENGE}, ${basic.challenge}`) : MISSING;
    const certificates = config.mtls.enabled ? createCertificateAuthenticator(config.mtls, CHALLENGE) : undefined;
    const keys = config.apiKeys.enabled ? deps.keyStore : undefined;
    const introspection = config.introspection;
    const introspector = introspection ? createIntrospector({
      endpoint: introspection.endpoint, clientId: introspection.clientId, clientSecret: introspection.clientSecret,
      ...(introspection.issuer === undefined ? {} : { issuer: introspection.issuer }), audiences: introspection.audiences, claims: introspection.claims,
      cacheTtlMs: introspection.cacheTtl, negativeCacheTtlMs: introspection.negativeCacheTtl, cacheEntries: introspection.cacheEntries,
      timeoutMs: introspection.timeout, maxBytes: introspection.maxBytes,
    }) : undefined;
    const verifier = createJwtVerifier(config.jwt.issuers.map((issuer) => ({
      issuer: issuer.issuer,
      keys: keySourceFor(issuer, config.jwt.keys, deps),
      audiences: issuer.audiences,
      algorithms: issuer.algorithms,
      leewayMs: issuer.leeway,
      requiredClaims: issuer.requiredClaims,
      ...(issuer.typ === undefined ? {} : { typ: issuer.typ }),
      claims: issuer.claims,
    })), { maxTokenBytes: config.jwt.maxTokenBytes, cacheEntries: config.jwt.cacheEntries });
    const anonymousOperations = new Set(config.anonymous.operations);
    const failures = config.bruteForce.enabled ? createFailureTracker({
      maxFailures: config.bruteForce.maxFailures, windowMs: config.bruteForce.window, lockoutMs: config.bruteForce.lockout,
      maxLockoutMs: config.bruteForce.maxLockout, maxSubjects: config.bruteForce.maxSubjects,
    }) : undefined;
    /** Counts the outcome of an authentication for its subjects; a failure may start a lock-out. */
    const track = (subjects: readonly string[], verdict: Verdict | Promise<Verdict>): Verdict | Promise<Verdict> => {
      if (!failures) return verdict;
      if (verdict instanceof Promise) return verdict.then((v) => track(subjects, v));
      const failed = verdict.action === 'deny' && FAILED_AUTHENTICATION.has(verdict.ruleId);
      for (const subject of subjects) {
        if (failed) failures.fail(subject);
        else if (verdict.action === 'continue') failures.succeed(subject);
      }
      return verdict;
    };
    const forwarded = [config.forward.subject, config.forward.scopes, config.forward.roles, config.forward.groups, ...Object.values(config.forward.claims)];

    // Time-bound grants (`bulwark grants add`) join the scopes of whichever credential proved the
    // consumer. Read per request, never cached: a revoked or expired grant is gone on the next one.
    const grants = config.grants.enabled ? deps.grantStore : undefined;
    const accept = (ctx: RequestContext, consumer: Consumer): Verdict => {
      ctx.consumer = consumer;
      setConsumerHeaders(ctx, consumer, config.forward);
      return CONTINUE;
    };
    /** A proven consumer goes on the request and to the upstream; a refusal is the answer. */
    const admit = (ctx: RequestContext, outcome: Consumer | Denial): Verdict | Promise<Verdict> => {
      if ('action' in outcome) return outcome;
      if (!grants) return accept(ctx, outcome);
      const granted = grants().activeScopes(outcome.id, Date.now());
      return granted instanceof Promise ? granted.then((scopes) => accept(ctx, withScopes(outcome, scopes))) : accept(ctx, withScopes(outcome, granted));
    };
    const admitToken = (ctx: RequestContext, result: JwtResult | IntrospectionResult): Verdict | Promise<Verdict> => admit(ctx, result.ok ? result.consumer : invalidToken(result.description));
    const admitLater = (ctx: RequestContext, outcome: Consumer | Denial | Promise<Consumer | Denial>): Verdict | Promise<Verdict> =>
      outcome instanceof Promise ? outcome.then((o) => admit(ctx, o)) : admit(ctx, outcome);
    /** 429 while any of the subjects is locked out; undefined otherwise. */
    const lockOf = (subjects: readonly string[]): Denial | undefined => {
      if (!failures) return undefined;
      const lockedFor = Math.max(...subjects.map((subject) => failures.lockedFor(subject)));
      return lockedFor > 0 ? lockedOut(lockedFor) : undefined;
    };

    return {
      onRequest(ctx) {
        // Whatever happens next, the client's own copies of the identity headers never reach the upstream.
        ctx.upstreamHeaders ??= {};
        for (const name of forwarded) ctx.upstreamHeaders[name] = undefined;
        const found = credentialsOf(ctx, config.allowQueryToken, config.apiKeys.enabled ? config.apiKeys.header : undefined, basic !== undefined);
        if (found.kind === 'several') return MULTIPLE;
        if (found.kind === 'query-token') return TOKEN_IN_QUERY;
        if (found.kind === 'basic') {
          // The password has done its job here; the upstream (perhaps over plain HTTP) gets the consumer.
          if (!config.basic.forwardAuthorization) ctx.upstreamHeaders.authorization = undefined;
          if (ctx.protocol !== 'https') return BASIC_OVER_HTTP;
          const credentials = basic!.parse(found.token);
          const subjects = credentials ? [`ip:${ctx.clientIp}`, `user:${credentials.username}`] : [`ip:${ctx.clientIp}`];
          return lockOf(subjects) ?? track(subjects, credentials ? admitLater(ctx, basic!.verify(credentials)) : basic!.malformed);
        }
        if (found.kind === 'none') {
          // A certificate authenticates only a request that carries nothing else (any other credential wins).
          const certificate = certificates && ctx.tls ? readClientCertificate(ctx.tls) : undefined;
          if (!certificate) return isAnonymousAllowed(ctx, anonymousOperations, config.anonymous.pathPrefixes) ? CONTINUE : ctx.protocol === 'https' ? missingOverHttps : MISSING;
          return authenticateCertificate(ctx, certificate);
        }
        const subjects = found.kind === 'api-key' ? [`ip:${ctx.clientIp}`, `key:${parseApiKey(found.key)?.id ?? 'malformed'}`] : [`ip:${ctx.clientIp}`];
        const locked = lockOf(subjects);
        if (locked) return locked;
        if (found.kind === 'api-key') return track(subjects, admitLater(ctx, apiKeyVerdict(keys!().verifyKey(found.key))));
        // A JWT (three dot-separated parts) is verified locally; anything else is an opaque token for
        // the authorization server, when introspection is configured.
        const isJwt = found.token.split('.').length === 3;
        const result = isJwt || !introspector ? verifier.verify(found.token) : introspector.introspect(found.token);
        return track(subjects, result instanceof Promise ? result.then((r) => admitToken(ctx, r)) : admitToken(ctx, result));
      },
    };

    function authenticateCertificate(ctx: RequestContext, certificate: ClientCertificate): Verdict | Promise<Verdict> {
      const subjects = [`ip:${ctx.clientIp}`, `cert:${certificate.fingerprint256}`];
      return lockOf(subjects) ?? track(subjects, admit(ctx, certificates!(certificate)));
    }
  },
});

/** The consumer with granted scopes added; verified-token caches hold the original, so it is copied, not changed. */
function withScopes(consumer: Consumer, granted: readonly string[]): Consumer {
  const extra = granted.filter((scope) => !consumer.scopes.includes(scope));
  return extra.length === 0 ? consumer : { ...consumer, scopes: [...consumer.scopes, ...extra] };
}

/** Denials that count as a failed authentication for the brute-force tracker. */
const FAILED_AUTHENTICATION: ReadonlySet<string> = new Set([
  'identity.token-invalid', 'identity.api-key-invalid', 'identity.basic-invalid', 'identity.certificate-invalid', 'identity.certificate-unmapped',
]);

type Credentials = { kind: 'none' } | { kind: 'several' } | { kind: 'query-token' } | { kind: 'bearer'; token: string } | { kind: 'api-key'; key: string } | { kind: 'basic'; token: string };

function credentialsOf(ctx: RequestContext, allowQueryToken: boolean, apiKeyHeader: string | undefined, isBasicEnabled: boolean): Credentials {
  let authorizations = 0;
  let apiKeys = 0;
  for (let i = 0; i < ctx.rawHeaders.length; i += 2) {
    const name = ctx.rawHeaders[i]!.toLowerCase();
    if (name === 'authorization') authorizations++;
    else if (name === apiKeyHeader) apiKeys++;
  }
  const queryToken = queryAccessToken(ctx.query);
  if (authorizations + apiKeys + (queryToken === undefined ? 0 : 1) > 1) return { kind: 'several' };
  if (apiKeys === 1) return { kind: 'api-key', key: String(ctx.headers[apiKeyHeader!] ?? '') };
  if (queryToken !== undefined) return allowQueryToken ? { kind: 'bearer', token: queryToken } : { kind: 'query-token' };
  const authorization = ctx.headers.authorization;
  if (authorization === undefined) return { kind: 'none' };
  // RFC 6750 §2.1: "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
  const match = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (match) return { kind: 'bearer', token: match[1]! };
  // RFC 7617 §2: "Basic" 1*SP token68. With Basic off, such a header is no credential, as before.
  if (!isBasicEnabled) return { kind: 'none' };
  const basic = /^basic +(\S+) *$/i.exec(authorization);
  return basic ? { kind: 'basic', token: basic[1]! } : { kind: 'none' };
}

function queryAccessToken(query: string): string | undefined {
  if (!query.includes('access_token')) return undefined;
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    if ((equals === -1 ? pair : pair.slice(0, equals)) !== 'access_token') continue;
    try {
      return decodeURIComponent(pair.slice(equals + 1).replace(/\+/g, ' '));
    } catch {
      return '';
    }
  }
  return undefined;
}

/** An API key's record becomes a consumer, unless it is unknown, revoked or expired (each refused alike). */
function apiKeyVerdict(found: ApiKeyRecord | undefined | Promise<ApiKeyRecord | undefined>): Consumer | Denial | Promise<Consumer | Denial> {
  if (found instanceof Promise) return found.then(apiKeyVerdict);
  if (!found) return invalidKey('the API key is not valid');
  if (found.revokedAt !== undefined) return invalidKey('the API key has been revoked');
  if (found.expiresAt !== undefined && Date.parse(found.expiresAt) <= Date.now()) return invalidKey('the API key has expired');
  return { id: found.consumer, kind: 'api-key', scopes: found.scopes, roles: [], groups: [], claims: { keyId: found.id } };
}

function lockedOut(ms: number): Denial {
  return deny({
    status: 429, ruleId: 'identity.locked-out', severity: 'high', category: 'API2:2023',
    detail: 'Too many failed authentications; try again later.', headers: { 'retry-after': String(Math.ceil(ms / 1000)) },
  });
}

function invalidKey(description: string): Denial {
  return deny({
    status: 401, ruleId: 'identity.api-key-invalid', severity: 'medium', category: 'API2:2023',
    detail: `The API key is not acceptable: ${description.replace(/^the API key /, '')}.`,
    evidence: { location: 'header.api-key', matched: description },
    headers: { 'www-authenticate': 'ApiKey realm="api"' },
  });
}

/** Public: the matched operation's document says so (security [] or an empty alternative), or the config does. */
function isAnonymousAllowed(ctx: RequestContext, operations: ReadonlySet<string>, pathPrefixes: readonly string[]): boolean {
  const match = ctx.contract;
  if (match?.kind === 'found') {
    const spec = match.value.spec;
    if (spec.security.length === 0 || spec.security.some((requirement) => Object.keys(requirement).length === 0)) return true;
    return (spec.operationId !== undefined && operations.has(spec.operationId)) || operations.has(`${spec.method} ${spec.pathTemplate}`);
  }
  // No operation (no document, or a path the contract stage will refuse): the config's prefixes decide.
  return pathPrefixes.some((prefix) => ctx.path === prefix || ctx.path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

function setConsumerHeaders(ctx: RequestContext, consumer: Consumer, forward: IdentityConfig['forward']): void {
  const headers = (ctx.upstreamHeaders ??= {});
  headers[forward.subject] = headerSafe(consumer.id);
  if (consumer.scopes.length > 0) headers[forward.scopes] = headerSafe(consumer.scopes.join(' '));
  if (consumer.roles.length > 0) headers[forward.roles] = headerSafe(consumer.roles.join(','));
  if (consumer.groups.length > 0) headers[forward.groups] = headerSafe(consumer.groups.join(','));
  for (const [claim, header] of Object.entries(forward.claims)) {
    const value = consumer.claims?.[claim];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') headers[header] = headerSafe(String(value));
  }
}

/** Claims are the issuer's data, but still never allowed to split a header (CR / LF) or carry controls. */
function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 1024);
}

function keySourceFor(issuer: IdentityConfig['jwt']['issuers'][number], keys: IdentityConfig['jwt']['keys'], deps: StageDeps): KeySource {
  const options: RemoteKeyOptions = { ttlMs: keys.ttl, cooldownMs: keys.cooldown, staleMs: keys.stale, timeoutMs: keys.timeout, maxBytes: keys.maxBytes };
  if (issuer.keys) return staticKeySource(issuer.keys);
  const cacheKey = JSON.stringify([issuer.issuer, issuer.jwksUri ?? null, options]);
  let source = keySources.get(cacheKey);
  if (!source) {
    source = issuer.jwksUri === undefined ? discoveredKeySource(issuer.issuer, options) : remoteKeySource(issuer.jwksUri, options);
    keySources.set(cacheKey, source);
    // Fetched at start; a provider that is down now is retried on use (and requests fail closed meanwhile).
    source.ready().catch((error: unknown) => deps.logger.warn({ issuer: issuer.issuer, err: error }, 'identity: signing keys not available yet'));
  }
  return source;
}

const CHALLENGE = 'Bearer realm="api"';

function missing(challenge: string): Denial {
  return Object.freeze(deny({
    status: 401, ruleId: 'identity.credentials-missing', severity: 'low', category: 'API2:2023',
    detail: 'This operation requires credentials.', headers: { 'www-authenticate': challenge },
  }));
}
const MISSING = missing(CHALLENGE);
const TOKEN_IN_QUERY: Denial = Object.freeze(deny({
  status: 401, ruleId: 'identity.token-in-query', severity: 'low', category: 'API2:2023',
  detail: 'Access tokens are not accepted in the URL; send them in the Authorization header.',
  headers: { 'www-authenticate': `${CHALLENGE}, error="invalid_request", error_description="token in the query string"` },
}));
const MULTIPLE: Denial = Object.freeze(deny({
  status: 400, ruleId: 'identity.multiple-credentials', severity: 'medium', category: 'API2:2023',
  detail: 'The request carries more than one credential.',
  headers: { 'www-authenticate': `${CHALLENGE}, error="invalid_request", error_description="more than one credential"` },
}));

function invalidToken(description: string): Denial {
  return deny({
    status: 401, ruleId: 'identity.token-invalid', severity: 'medium', category: 'API2:2023',
    detail: `The bearer token is not acceptable: ${description}.`,
    evidence: { location: 'header.authorization', matched: description },
    headers: { 'www-authenticate': `${CHALLENGE}, error="invalid_token", error_description="${description}"` },
  });
}
