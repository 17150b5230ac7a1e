// The headers stage: security response headers (OWASP Secure Headers, ASVS V14.4), version banner
// removal, forced no-store on authenticated responses, static extra headers, and the CORS policy.
// Its response phase runs last (registry order reversed), on upstream responses and local replies.
//
// When cors.enabled is false, upstream CORS headers pass through untouched: the upstream owns its
// policy. When true, the gateway's policy replaces the upstream's (see cors.ts).
import { BulwarkError } from '../../../core/errors.js';
import type { RequestContext } from '../../request-context.js';
import { defineStage, type RuleDescription, type Stage } from '../../stage.js';
import { CONTINUE } from '../../verdict.js';
import { CORS_PREFLIGHT_DENIED, createCorsPolicy, isPreflight } from './cors.js';
import { headersConfigSchema, type HeadersConfig, type HstsConfig } from './schema.js';

const RULES: readonly RuleDescription[] = [
  {
    id: CORS_PREFLIGHT_DENIED, status: 403, title: 'CORS preflight denied', severity: 'low', category: 'API8:2023',
    description: 'A CORS preflight came from an origin not in stages.headers.cors.allowOrigins, or asked for a method or '
      + 'request header the policy does not allow.',
  },
];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5 field-value characters: visible ASCII, space, tab, obs-text; never CR, LF or NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Headers that frame the message or belong to one connection: setting them statically breaks HTTP.
const FORBIDDEN_STATIC = new Set([
  'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host',
]);
const ONE_YEAR_SECONDS = 31_536_000;

export const headersStage = defineStage<HeadersConfig>({
  name: 'headers',
  description: 'security response headers, banner removal, no-store for authenticated responses, and CORS',
  configSchema: headersConfigSchema,
  defaultFailurePolicy: 'open',
  enabledByDefault: true,
  rules: RULES,
  create(config): Stage {
    const hsts = hstsValue(config.hsts);
    const noSniff = config.contentTypeOptions;
    const frameOptions = config.frameOptions === 'off' ? undefined : config.frameOptions;
    const frameAncestors = config.frameOptions === 'SAMEORIGIN' ? "frame-ancestors 'self'" : "frame-ancestors 'none'";
    const referrerPolicy = config.referrerPolicy === 'off' ? undefined : config.referrerPolicy;
    const apiKeyHeaders = headerNames(config.apiKeyHeaders, 'apiKeyHeaders');
    const removed = headerNames(config.removeHeaders, 'removeHeaders');
    const added = staticHeaders(config.add);
    const cors = config.cors.enabled ? createCorsPolicy(config.cors, 'cors') : undefined;
    const noStore = config.noStoreWhenAuthenticated;

    const stage: Stage = {
      onResponse(ctx, response) {
        const headers = response.headers;
        for (const name of removed) if (headers[name] !== undefined) delete headers[name];
        // RFC 6797 §7.2: HSTS over plain HTTP is ignored by browsers and only advertises a downgrade.
        if (hsts !== undefined && ctx.protocol === 'https' && headers['strict-transport-security'] === undefined) {
          headers['strict-transport-security'] = hsts;
        }
        if (noSniff && headers['x-content-type-options'] === undefined) headers['x-content-type-options'] = 'nosniff';
        if (frameOptions !== undefined) {
          if (headers['x-frame-options'] === undefined) headers['x-frame-options'] = frameOptions;
          // Never touch an upstream CSP: merging policies could loosen or break it.
          if (headers['content-security-policy'] === undefined) headers['content-security-policy'] = frameAncestors;
        }
        if (referrerPolicy !== undefined && headers['referrer-policy'] === undefined) headers['referrer-policy'] = referrerPolicy;
        // A shared cache must never keep a response to a request that carried credentials (ASVS 8.2.1).
        if (noStore && isAuthenticated(ctx, apiKeyHeaders)) headers['cache-control'] = 'no-store';
        if (cors !== undefined) cors.applyToResponse(ctx, headers);
        for (const [name, value] of added) headers[name] = value;
        return CONTINUE;
      },
    };
    if (cors !== undefined) stage.onRequest = (ctx) => (isPreflight(ctx) ? cors.preflight(ctx) : CONTINUE);
    return stage;
  },
});

function hstsValue(config: HstsConfig): string | undefined {
  if (!config.enabled) return undefined;
  const seconds = Math.floor(config.maxAge / 1000);
  if (config.preload && (!config.includeSubDomains || seconds < ONE_YEAR_SECONDS)) {
    throw new BulwarkError('CONFIG_INVALID', 'hsts.preload: preload lists require includeSubDomains: true and a maxAge of at least 365d');
  }
  return `max-age=${seconds}${config.includeSubDomains ? '; includeSubDomains' : ''}${config.preload ? '; preload' : ''}`;
}

function isAuthenticated(ctx: RequestContext, apiKeyHeaders: readonly string[]): boolean {
  const headers = ctx.headers;
  if (headers.authorization !== undefined || headers.cookie !== undefined) return true;
  for (const name of apiKeyHeaders) if (headers[name] !== undefined) return true;
  return ctx.consumer !== undefined && ctx.consumer.kind !== 'anonymous';
}

function headerNames(names: readonly string[], keyPath: string): string[] {
  return names.map((name, index) => {
    if (!TOKEN.test(name)) throw new BulwarkError('CONFIG_INVALID', `${keyPath}[${index}]: ${JSON.stringify(name)} is not a valid header name`);
    return name.toLowerCase();
  });
}

function staticHeaders(add: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(add).map(([name, value]) => {
    const key = `add.${name}`;
    if (!TOKEN.test(name)) throw new BulwarkError('CONFIG_INVALID', `${key}: ${JSON.stringify(name)} is not a valid header name`);
    const lower = name.toLowerCase();
    if (FORBIDDEN_STATIC.has(lower)) throw new BulwarkError('CONFIG_INVALID', `${key}: ${lower} frames the message and cannot be set statically`);
    if (!FIELD_VALUE.test(value)) {
      throw new BulwarkError('CONFIG_INVALID', `${key}: the value contains control characters (CR, LF, NUL...), which would allow header injection`);
    }
    return [lower, value.trim()];
  });
}
