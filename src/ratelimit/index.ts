// Rate limits, quotas and concurrency caps: the algorithms, the stores (memory, Redis, and Redis with
// its local fallback), request keys and the RateLimit header fields. The gateway stage that applies
// them is src/gateway/stages/ratelimit.
export { gcra, slidingWindow, type Algorithm, type Decision, type LimitSpec } from './algorithms.js';
export { createConcurrencyLimiter, type ConcurrencyLimiter } from './concurrency.js';
export { createFallbackStore, type FallbackStore, type GuardedCheck, type GuardedResult, type StoreFailurePolicy } from './fallback-store.js';
export { compileKeyPart, isKeyPart, type KeyPart, type KeySources } from './key-parts.js';
export { createMemoryStore, type MemoryStore } from './memory-store.js';
export { policyItem, rateLimitHeaders, retryAfterSeconds, type AppliedLimit, type RateLimitHeaders } from './rate-limit-headers.js';
export { createRedisStore, redactUrl, type RedisStore } from './redis-store.js';
export { createRateLimitServices, type RateLimitServices, type SharedStoreOptions } from './services.js';
export type { HotKey, KeyedCheck, RateLimitStore } from './store.js';
