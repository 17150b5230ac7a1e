// Config schema of the ratelimit stage: limits (keyed by any request parts, several per request, GCRA
// or sliding window), per-operation costs, sensitive business flows, concurrency caps and page-size
// guards, and what to do when the shared store fails. The common keys (enabled, mode, failurePolicy)
// are added by the core; per-route overrides reuse this schema.
import { Type, type Static } from '@sinclair/typebox';
import { Duration } from '../../../core/config/schema-types.js';

/** Limit names become RateLimit header sf-strings and Redis key prefixes: no quotes, pipes or spaces. */
const NAME = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

const Operations = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1,
  description: "operations it applies to: an operationId or `METHOD /path` (`POST /login`, `* /admin/**`, `GET /books/*`), matched against the OpenAPI path template where the route has a document, else the request path; omitted: every request",
});

const StoreFailure = Type.Union([Type.Literal('local'), Type.Literal('closed'), Type.Literal('open')], {
  description: "when the shared (Redis) store fails or is slower than its timeout: 'local' counts on this instance (limit divided by localFallback.divideBy), 'closed' refuses with 503, 'open' lets the request through uncounted",
});

const KeyParts = Type.Array(Type.String({ minLength: 1, maxLength: 134 }), {
  minItems: 1, maxItems: 8,
  description: 'what the limit counts by, combined: ip, consumer, api-key, route, operation, method, header.<name>, query.<name>, path.<param>, claim.<dot.path>, body.<dot.path>',
});

const Rate = {
  limit: Type.Integer({ minimum: 1, description: 'units admitted per period (requests, or the operations\' costs)' }),
  per: Duration('1m', { description: 'the period: 1s, 1m, 1h, 1d' }),
};

export const LimitSchema = Type.Object({
  name: Type.String({ pattern: NAME, description: 'shown in the RateLimit headers, events and `bulwark ratelimit status`' }),
  key: KeyParts,
  ...Rate,
  burst: Type.Optional(Type.Integer({ minimum: 1, description: 'gcra: units that may arrive at once (default: limit)' })),
  algorithm: Type.Union([Type.Literal('gcra'), Type.Literal('sliding-window')], {
    default: 'gcra',
    description: "'gcra': a smooth rate with bursts up to `burst`; 'sliding-window': at most `limit` in any `per` (quotas: per hour, per day)",
  }),
  operations: Type.Optional(Operations),
  ifKeyMissing: Type.Union([Type.Literal('ip'), Type.Literal('skip')], {
    default: 'ip',
    description: "when a key part has no value (an anonymous caller for `consumer`, an absent header): 'ip' counts by the client address instead, 'skip' does not apply the limit",
  }),
  onStoreFailure: Type.Optional(StoreFailure),
}, { additionalProperties: false });

const FlowSchema = Type.Object({
  name: Type.String({ pattern: NAME, description: 'the flow: login, otp, password-reset, checkout...' }),
  operations: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'the operations of the flow (operationId or `METHOD /path`)' }),
  account: Type.String({ minLength: 1, description: 'where the target account is: body.username, body.email, query.user, path.accountId, header.x-account; compared case-insensitively' }),
  perAccount: Type.Object(Rate, { additionalProperties: false, description: 'attempts on one account, from anywhere (slows a distributed attack on one account)' }),
  perSource: Type.Object({ ...Rate, key: Type.Optional(KeyParts) }, { additionalProperties: false, description: 'attempts from one source on any account (key default: [ip])' }),
  onStoreFailure: Type.Optional(StoreFailure),
}, { additionalProperties: false });

export const ratelimitConfigSchema = Type.Object({
  store: Type.Union([Type.Literal('memory'), Type.Literal('redis')], {
    default: 'memory',
    description: "'memory': counters of this instance only; 'redis': shared by every instance through `store.redis`",
  }),
  onStoreFailure: Type.Union([Type.Literal('local'), Type.Literal('closed'), Type.Literal('open')], {
    default: 'local', description: "the default for limits without their own onStoreFailure (flows default to 'closed')",
  }),
  localFallback: Type.Object({
    divideBy: Type.Integer({ minimum: 1, default: 1, description: 'while the shared store is down each instance admits limit / divideBy: set it to the number of instances' }),
  }, { additionalProperties: false, default: {} }),
  headers: Type.Boolean({ default: true, description: 'send RateLimit-Policy and RateLimit on answers of limited requests' }),
  limits: Type.Array(LimitSchema, { default: [], description: 'rate limits and quotas; every one that applies is checked, all or nothing' }),
  costs: Type.Array(Type.Object({
    operations: Operations,
    cost: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'units the operation spends of every limit (default 1)' }),
  }, { additionalProperties: false }), { default: [], description: 'per-operation costs (the first match wins): expensive operations use more of each limit' }),
  flows: Type.Array(FlowSchema, { default: [], description: 'sensitive business flows, limited per target account and per source' }),
  concurrency: Type.Object({
    perConsumer: Type.Optional(Type.Integer({ minimum: 1, description: 'requests in flight per consumer (per client address for anonymous callers) on this instance; 429 past it' })),
    perUpstream: Type.Optional(Type.Integer({ minimum: 1, description: 'requests in flight to the route\'s upstream on this instance; 503 past it' })),
  }, { additionalProperties: false, default: {} }),
  pageSize: Type.Array(Type.Object({
    parameters: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'query parameters that set a page size: limit, per_page, pageSize, size, first' }),
    max: Type.Integer({ minimum: 1, description: 'largest page a client may ask for' }),
    operations: Type.Optional(Operations),
  }, { additionalProperties: false }), { default: [], description: 'page-size guards (400 past max)' }),
}, { additionalProperties: false });

export type RatelimitConfig = Static<typeof ratelimitConfigSchema>;
export type LimitConfig = Static<typeof LimitSchema>;
