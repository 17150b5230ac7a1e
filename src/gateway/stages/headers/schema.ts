// Config schema of the headers stage: security response headers, banner removal, static extra
// headers and the CORS policy. Values that need more than JSON Schema (header syntax, origins,
// wildcard + credentials) are checked in create() with messages that name the key.
import { Type, type Static } from '@sinclair/typebox';
import { Duration } from '../../../core/config/schema-types.js';

export const DEFAULT_REMOVED_HEADERS = [
  'server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime', 'x-version',
  'x-backend-server',
];

const ReferrerPolicy = Type.Union([
  'no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin',
  'strict-origin-when-cross-origin', 'unsafe-url', 'off',
].map((value) => Type.Literal(value)), { default: 'no-referrer', description: 'Referrer-Policy sent when the upstream sets none; off sends none' });

export const hstsSchema = Type.Object({
  enabled: Type.Boolean({ default: true, description: 'send Strict-Transport-Security on HTTPS responses (never on HTTP, RFC 6797 §7.2)' }),
  maxAge: Duration('365d', { description: 'max-age, emitted in seconds' }),
  includeSubDomains: Type.Boolean({ default: true, description: 'the policy covers subdomains too' }),
  preload: Type.Boolean({ default: false, description: 'requires includeSubDomains and a max-age of at least one year (hstspreload.org)' }),
}, { additionalProperties: false, default: {} });

export const corsSchema = Type.Object({
  enabled: Type.Boolean({ default: false, description: 'answer preflights and add CORS headers; the gateway policy then replaces the upstream one' }),
  allowOrigins: Type.Array(Type.String(), {
    default: [],
    description: 'exact origins (https://app.example.com), subdomain patterns (https://*.example.com), or "*" when allowCredentials is false',
  }),
  allowMethods: Type.Array(Type.String(), { default: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], description: 'methods a cross-origin request may use' }),
  allowHeaders: Type.Array(Type.String(), { default: ['authorization', 'content-type'], description: 'request headers a preflight may ask for' }),
  exposeHeaders: Type.Array(Type.String(), { default: [], description: 'response headers scripts may read' }),
  allowCredentials: Type.Boolean({ default: false, description: 'send Access-Control-Allow-Credentials: true (never with "*")' }),
  maxAge: Duration('10m', { description: 'how long browsers may cache a preflight answer, emitted in seconds' }),
}, { additionalProperties: false, default: {} });

export const headersConfigSchema = Type.Object({
  hsts: hstsSchema,
  contentTypeOptions: Type.Boolean({ default: true, description: 'send X-Content-Type-Options: nosniff when the upstream sets none' }),
  frameOptions: Type.Union([Type.Literal('DENY'), Type.Literal('SAMEORIGIN'), Type.Literal('off')], {
    default: 'DENY',
    description: "X-Frame-Options, plus Content-Security-Policy: frame-ancestors 'none' / 'self' when the upstream sends no CSP",
  }),
  referrerPolicy: ReferrerPolicy,
  noStoreWhenAuthenticated: Type.Boolean({
    default: true,
    description: 'force Cache-Control: no-store on responses to requests with Authorization, Cookie or an API-key header',
  }),
  apiKeyHeaders: Type.Array(Type.String(), { default: ['x-api-key'], description: 'request headers that carry API keys' }),
  removeHeaders: Type.Array(Type.String(), { default: DEFAULT_REMOVED_HEADERS, description: 'response headers removed (version banners)' }),
  add: Type.Record(Type.String(), Type.String(), { default: {}, description: 'static response headers set on every response (replacing upstream values)' }),
  cors: corsSchema,
}, { additionalProperties: false });

export type HeadersConfig = Static<typeof headersConfigSchema>;
export type HstsConfig = Static<typeof hstsSchema>;
export type CorsConfig = Static<typeof corsSchema>;
