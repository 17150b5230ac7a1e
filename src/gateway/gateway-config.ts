// The schema of the gateway's YAML configuration. Each stage owns its own schema (stages/<name>/);
// this file composes them with the listener, route, store and logging sections.
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Bytes, Duration } from '../core/config/schema-types.js';
import { discoveryServiceSchema } from '../discovery/config.js';
import { STAGES } from './stages/registry.js';
import { stageConfigSchema } from './stage-config.js';

const Listener = Type.Object({
  protocol: Type.Union([Type.Literal('http'), Type.Literal('https')], { default: 'http', description: 'https needs tls' }),
  host: Type.String({ default: '0.0.0.0', description: 'address to bind' }),
  port: Type.Integer({ minimum: 0, maximum: 65535, description: 'TCP port; 0 picks a free one' }),
  tls: Type.Optional(Type.Object({
    cert: Type.String({ minLength: 1, description: 'PEM certificate chain file' }),
    key: Type.String({ minLength: 1, description: 'PEM private key file' }),
    ca: Type.Optional(Type.String({ description: 'PEM CA bundle file handed to TLS as trusted CAs; cannot be combined with clientCertificates (use clientCa)' })),
    minVersion: Type.Union([Type.Literal('TLSv1.2'), Type.Literal('TLSv1.3')], { default: 'TLSv1.2', description: 'oldest TLS version accepted' }),
    clientCertificates: Type.Union([Type.Literal('none'), Type.Literal('request'), Type.Literal('require')], {
      default: 'none',
      description: "mutual TLS: 'require' refuses the handshake without a certificate valid for clientCa; 'request' asks for one and lets the identity stage decide (stages.identity.mtls)",
    }),
    clientCa: Type.Optional(Type.String({ minLength: 1, description: 'PEM file of the CA(s) that sign client certificates; required unless clientCertificates is none, and the only CAs trusted for them' })),
  }, { additionalProperties: false, description: 'TLS termination (required for https)' })),
  redirectToHttps: Type.Optional(Type.Object({
    port: Type.Integer({ minimum: 1, maximum: 65535, description: 'HTTPS port named in the Location header' }),
  }, { additionalProperties: false, description: 'answer every request on this HTTP listener with 308 to HTTPS' })),
}, { additionalProperties: false });

const Server = Type.Object({
  listeners: Type.Array(Listener, { minItems: 1, default: [{ protocol: 'http', host: '127.0.0.1', port: 8080 }], description: 'where the gateway accepts clients' }),
  trustedProxies: Type.Array(Type.String(), {
    default: [], description: 'proxies whose X-Forwarded-For / X-Request-Id are believed (addresses or CIDRs)',
  }),
  maxHeaderBytes: Bytes('16kb', { description: 'request line + headers; larger gets 431' }),
  timeouts: Type.Object({
    headers: Duration('10s', { description: 'time for a client to send the request headers (slowloris)' }),
    request: Duration('30s', { description: 'time for a client to send the whole request' }),
    keepAlive: Duration('65s', { description: 'idle keep-alive; longer than common load balancers (60 s)' }),
  }, { additionalProperties: false, default: {} }),
  maxRequestsPerSocket: Type.Integer({ minimum: 0, default: 1000, description: '0 = unlimited' }),
  mergeSlashes: Type.Boolean({ default: true, description: 'merge repeated slashes while normalising the path' }),
  overload: Type.Object({
    maxEventLoopDelay: Duration('250ms', { description: 'p99 event-loop delay above which load is shed' }),
    maxHeapUsedRatio: Type.Number({ minimum: 0.1, maximum: 1, default: 0.92, description: 'used heap / heap limit above which load is shed' }),
    sampleInterval: Duration('500ms', { description: 'how often delay and heap are sampled' }),
  }, { additionalProperties: false, default: {} }),
  shutdownTimeout: Duration('15s', { description: 'how long in-flight requests may take to finish on shutdown' }),
}, { additionalProperties: false, default: {} });

const Upstream = Type.Object({
  url: Type.String({ format: 'uri', pattern: '^https?://', description: 'origin, optionally with a base path' }),
  connectTimeout: Duration('5s', { description: 'time to open a connection; 504 after it' }),
  responseTimeout: Duration('30s', { description: 'time to the response headers; 504 after it' }),
  bodyTimeout: Duration('30s', { description: 'maximum idle time while the response body streams' }),
  connections: Type.Integer({ minimum: 1, maximum: 10_000, default: 128, description: 'pooled keep-alive connections' }),
  preserveHost: Type.Boolean({ default: false, description: "send the client's Host header instead of the upstream's" }),
  tls: Type.Object({
    rejectUnauthorized: Type.Boolean({ default: true, description: 'verify the upstream certificate' }),
    ca: Type.Optional(Type.String({ description: 'PEM CA bundle file to trust' })),
    servername: Type.Optional(Type.String({ description: 'SNI name and name to verify, when it differs from the URL host' })),
  }, { additionalProperties: false, default: {}, description: 'verification of the upstream certificate' }),
}, { additionalProperties: false, description: 'where the route forwards to' });

function stagesSchema(isOverride: boolean): TObject {
  const properties: Record<string, TObject> = {};
  for (const stage of STAGES) {
    properties[stage.name] = isOverride
      ? Type.Object({}, { additionalProperties: true, description: `overrides of stages.${stage.name}` })
      : { ...stageConfigSchema(stage), default: {} };
  }
  return Type.Object(
    isOverride ? Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, Type.Optional(v)])) : properties,
    { additionalProperties: false, default: {} },
  );
}

const Route = Type.Object({
  name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'used in metrics, events and logs' }),
  match: Type.Object({
    hosts: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'exact hosts or *.suffix; empty = any host' }),
    pathPrefix: Type.String({ pattern: '^/', default: '/', description: 'matched on whole segments' }),
  }, { additionalProperties: false, default: {} }),
  stripPrefix: Type.Boolean({ default: false, description: 'remove pathPrefix before forwarding' }),
  upstream: Upstream,
  openapi: Type.Optional(Type.Object({
    document: Type.String({ minLength: 1, description: 'OpenAPI 3.0 / 3.1 or Swagger 2.0 file (JSON or YAML), relative to the config file; the contract stages enforce it' }),
    basePaths: Type.Optional(Type.Array(Type.String({ pattern: '^(/.*)?$' }), {
      description: "where the document's paths start in the request path the gateway receives; default: the path of each server URL (3.x) or basePath (2.0). Set it when the document describes the upstream's paths and the route strips a prefix",
    })),
  }, { additionalProperties: false })),
  stages: stagesSchema(true),
}, { additionalProperties: false });

export const GatewayConfigSchema = Type.Object({
  server: Server,
  admin: Type.Object({
    enabled: Type.Boolean({ default: true, description: 'run the admin listener (/healthz, /readyz, /metrics)' }),
    host: Type.String({ default: '127.0.0.1', description: 'address to bind; a non-loopback address needs metricsToken' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 9090, description: 'TCP port' }),
    metricsToken: Type.Optional(Type.String({
      minLength: 16, description: 'bearer token required for /metrics; required when host is not loopback',
    })),
  }, { additionalProperties: false, default: {} }),
  store: Type.Object({
    sqlite: Type.Object({ path: Type.String({ default: './bulwark.db', description: 'SQLite file, relative to the working directory' }) }, { additionalProperties: false, default: {} }),
    retention: Duration('30d', { description: 'events older than this are deleted' }),
    redis: Type.Optional(Type.Object({
      url: Type.String({ pattern: '^rediss?://', description: 'redis://[user:password@]host:port[/db], or rediss:// for TLS; use ${VAR} for the password' }),
      keyPrefix: Type.String({ pattern: '^[A-Za-z0-9:_.-]{1,64}$', default: 'bulwark:rl:', description: 'prefix of every key the gateway writes' }),
      timeout: Duration('20ms', { description: 'longest a rate-limit check may take; past it the limit\'s onStoreFailure applies' }),
      retryAfter: Duration('1s', { description: 'after a failure, how long limits use their fallback before Redis is tried again' }),
      instances: Type.Integer({ minimum: 1, default: 1, description: 'gateway instances sharing this Redis: while it is down each admits limit / instances (onStoreFailure: local)' }),
    }, { additionalProperties: false, description: 'the shared store of rate limits (stages.ratelimit.store: redis)' })),
  }, { additionalProperties: false, default: {} }),
  events: Type.Object({
    batchSize: Type.Integer({ minimum: 1, maximum: 10_000, default: 200, description: 'events written per transaction' }),
    flushInterval: Duration('1s', { description: 'longest time an event waits before it is written' }),
    maxQueue: Type.Integer({ minimum: 100, default: 100_000, description: 'events queued beyond this are dropped and counted' }),
  }, { additionalProperties: false, default: {} }),
  logging: Type.Object({
    level: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info', description: 'pino log level' }),
    accessLog: Type.Boolean({ default: true, description: 'one JSON line per request (no headers, no query string)' }),
    redactHeaders: Type.Array(Type.String(), { default: [], description: 'extra headers masked in logs and events' }),
  }, { additionalProperties: false, default: {} }),
  discovery: discoveryServiceSchema,
  stages: stagesSchema(false),
  routes: Type.Array(Route, { minItems: 1, description: 'where requests go; the most specific host and longest prefix wins' }),
}, { additionalProperties: false });

export type GatewayConfig = Static<typeof GatewayConfigSchema>;
export type RouteConfig = GatewayConfig['routes'][number];
export type ListenerConfig = GatewayConfig['server']['listeners'][number];
