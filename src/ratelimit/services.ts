// The rate-limit state one gateway process holds for all its routes, created once at start and kept
// across reloads (a reload must not hand every client a fresh allowance): the memory store, the
// Redis store behind its fallback when `store.redis` is configured, and the concurrency counters.
import { createConcurrencyLimiter, type ConcurrencyLimiter } from './concurrency.js';
import { createFallbackStore, type FallbackStore } from './fallback-store.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { createRedisStore, type RedisStore } from './redis-store.js';
import type { HotKey } from './store.js';

export interface SharedStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  readonly timeoutMs: number;
  readonly retryAfterMs: number;
  readonly instances: number;
}

export interface RateLimitServices {
  /** Limits with `store: memory`. */
  readonly memory: MemoryStore;
  /** Limits with `store: redis`; undefined when `store.redis` is not configured. */
  readonly shared: FallbackStore | undefined;
  readonly concurrency: ConcurrencyLimiter;
  /** Hottest keys of the stores in use (the admin endpoint behind `bulwark ratelimit status`). */
  /** A request did without the shared store: counted locally ('local') or refused ('closed'). For the metric. */
  readonly onDegraded?: (route: string, outcome: 'local' | 'closed') => void;
  hotKeys(minutes: number, count: number): Promise<{ store: 'memory' | 'redis'; keys: HotKey[] }[]>;
  /**
   * Waits (bounded) for the shared store's first connection, so a gateway does not start on its
   * fallback; false when it did not connect in time (the gateway starts anyway and recovers later).
   */
  connected(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RateLimitServicesOptions {
  readonly redis?: SharedStoreOptions;
  /** The shared store's connection went up or down. */
  readonly onStoreStatus?: (status: 'ready' | 'down', error?: Error) => void;
  readonly onDegraded?: (route: string, outcome: 'local' | 'closed') => void;
}

export function createRateLimitServices(options: RateLimitServicesOptions = {}): RateLimitServices {
  const memory = createMemoryStore();
  let redis: RedisStore | undefined;
  let shared: FallbackStore | undefined;
  let fallbackLocal: MemoryStore | undefined;
  if (options.redis) {
    fallbackLocal = createMemoryStore();
    redis = createRedisStore({
      url: options.redis.url, keyPrefix: options.redis.keyPrefix, timeoutMs: options.redis.timeoutMs,
      ...(options.onStoreStatus ? { onStatus: options.onStoreStatus } : {}),
    });
    shared = createFallbackStore({
      shared: redis, local: fallbackLocal, divideBy: options.redis.instances, retryAfterMs: options.redis.retryAfterMs,
    });
  }
  return {
    memory,
    shared,
    concurrency: createConcurrencyLimiter(),
    ...(options.onDegraded ? { onDegraded: options.onDegraded } : {}),
    async hotKeys(minutes, count) {
      const result: { store: 'memory' | 'redis'; keys: HotKey[] }[] = [{ store: 'memory', keys: await memory.hotKeys(minutes, count) }];
      if (redis) result.push({ store: 'redis', keys: await redis.hotKeys(minutes, count) });
      return result;
    },
    async connected() {
      if (!redis) return true;
      try {
        await redis.ready();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await memory.close();
      await fallbackLocal?.close();
      await redis?.close();
    },
  };
}
