// The Redis store: counters shared by every gateway instance, one round trip per request: the checks
// of the requests that arrive in one event-loop turn go to Redis together, in one call of the Lua
// script in redis-script.ts per MAX_BATCH requests (by EVALSHA, ioredis falling back to EVAL after a
// SCRIPT FLUSH or a restart), the calls of one turn in one pipelined write, each request still
// decided on its own, all or nothing. Bounded: a command that takes longer than `timeoutMs` fails, and
// so does one issued while disconnected (no offline queue), so a Redis outage costs a request at most
// the timeout; what to do then is fallback-store.ts's decision. ioredis reconnects by itself.
import { Redis, type RedisOptions } from 'ioredis';
import type { Decision, LimitSpec } from './algorithms.js';
import { CHECK_SCRIPT } from './redis-script.js';
import { minuteOf, type HotKey, type KeyedCheck, type RateLimitStore } from './store.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  readonly url: string;
  /** Prefix of every key this store writes (default `bulwark:rl:`). */
  readonly keyPrefix?: string;
  /** Longest a check may take before it fails (default 20 ms). */
  readonly timeoutMs?: number;
  /** Fixed time for the script (tests); by default the Redis server's clock. */
  readonly now?: () => number;
  /** Count one admitted request in this many for the hot-key view (default 16; 1 counts all). */
  readonly hotSample?: number;
  /** Called when the connection state changes (for logs and the store-up gauge). */
  readonly onStatus?: (status: 'ready' | 'down', error?: Error) => void;
}

export interface RedisStore extends RateLimitStore {
  check(checks: readonly KeyedCheck[]): Promise<Decision[]>;
  /** Resolves once connected; rejects after `waitMs` (default 1 s). */
  ready(waitMs?: number): Promise<void>;
  readonly isReady: boolean;
}

type CheckCommand = (numberOfKeys: number, ...args: string[]) => Promise<number[]>;

/** Hot-key counts are kept this long (seconds): `bulwark ratelimit status` looks at most 15 minutes back. */
const HOT_TTL_SECONDS_TEXT = String(16 * 60);

/** Most requests decided by one script call (~0.5 ms of Redis time): a larger batch would make its first request wait for its last. */
const MAX_BATCH = 16;

interface Pending {
  readonly checks: readonly KeyedCheck[];
  resolve(decisions: Decision[]): void;
  reject(error: unknown): void;
}

/** One admitted request in this many is counted for the hot-key view, with this weight (refusals: all). */
const HOT_SAMPLE = 16;

const specTexts = new WeakMap<LimitSpec, string>();

/** A limit as the script reads it (`g 100 60000 100`), built once per limit. */
function specText(spec: LimitSpec): string {
  let text = specTexts.get(spec);
  if (text === undefined) {
    text = `${spec.algorithm === 'gcra' ? 'g' : 'w'} ${String(spec.limit)} ${String(spec.periodMs)} ${String(spec.burst)}`;
    specTexts.set(spec, text);
  }
  return text;
}

export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const prefix = options.keyPrefix ?? 'bulwark:rl:';
  // Every request in tests (exact counts); one in HOT_SAMPLE otherwise.
  const sampleEvery = options.hotSample ?? HOT_SAMPLE;
  let sampleCountdown = sampleEvery;
  const hotWeight = (): number => {
    if (--sampleCountdown > 0) return 0;
    sampleCountdown = sampleEvery;
    return sampleEvery;
  };
  const timeoutMs = options.timeoutMs ?? 20;
  const redisOptions: RedisOptions = {
    commandTimeout: timeoutMs,
    // Fail at once while disconnected instead of queueing: the fallback decides, within the timeout.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: Math.max(200, timeoutMs * 10),
    // Reconnect quickly at first, then every second at most: recovery within a second of Redis returning.
    retryStrategy: (times) => Math.min(50 * times, 1000),
    lazyConnect: false,
    // The store batches and pipelines the checks of one event-loop turn itself (flush below).
    // ioredis's auto-pipelining would defer that write by one more turn (its own setImmediate, scheduled
    // from ours): a check's median in bench:ratelimit was 440-600 µs with it, 300-420 µs without.
    enableAutoPipelining: false,
  };
  const client = new Redis(options.url, redisOptions);
  client.defineCommand('bulwarkRateCheck', { lua: CHECK_SCRIPT });
  const run = (client as unknown as { bulwarkRateCheck: CheckCommand }).bulwarkRateCheck.bind(client);
  // Checks wait here until the end of the event-loop turn and go to Redis together: one script call
  // per MAX_BATCH requests costs the gateway (and Redis) far less than one call each, and the calls of
  // one turn leave in one write (a pipeline), so a request still waits for exactly one round trip.
  let batch: Pending[] = [];
  let full: Pending[][] = [];
  let isFlushScheduled = false;

  /** The script's key count, then its KEYS followed by its ARGV, for one batch (see redis-script.ts). */
  function scriptArgs(requests: readonly Pending[], minute: number, now: string): [number, string[]] {
    const args: string[] = [];
    let items = '';
    for (const { checks } of requests) {
      items += `${items === '' ? '' : ';'}${checks.length} ${hotWeight()}`;
      for (const { key, spec, cost } of checks) {
        args.push(prefix + key);
        items += `;${specText(spec)} ${cost}`;
      }
    }
    args.push(`${prefix}hot:${minute}:requested`, `${prefix}hot:${minute}:refused`);
    const keyCount = args.length;
    args.push(now, HOT_TTL_SECONDS_TEXT, items);
    return [keyCount, args];
  }

  function settle(requests: readonly Pending[], error: unknown, reply: number[] | undefined): void {
    if (reply === undefined) {
      for (const pending of requests) pending.reject(error ?? new Error('no reply from Redis'));
      return;
    }
    let at = 0;
    for (const pending of requests) {
      const decisions: Decision[] = [];
      for (let index = 0; index < pending.checks.length; index++, at += 4) {
        decisions.push({ allowed: reply[at] === 1, remaining: Number(reply[at + 1]), resetMs: Number(reply[at + 2]), retryAfterMs: Number(reply[at + 3]) });
      }
      pending.resolve(decisions);
    }
  }

  function flush(): void {
    isFlushScheduled = false;
    if (batch.length > 0) full.push(batch);
    const batches = full;
    batch = [];
    full = [];
    if (batches.length === 0) return;
    const minute = minuteOf(options.now?.() ?? Date.now());
    const now = options.now ? String(options.now()) : '';
    if (batches.length === 1) {
      const requests = batches[0]!;
      const [count, rest] = scriptArgs(requests, minute, now);
      run(count, ...rest).then((reply) => settle(requests, undefined, reply), (error: unknown) => settle(requests, error, undefined));
      return;
    }
    const pipeline = client.pipeline() as unknown as { bulwarkRateCheck(numberOfKeys: number, ...args: string[]): void; exec(): Promise<[Error | null, unknown][] | null> };
    for (const requests of batches) {
      const [count, rest] = scriptArgs(requests, minute, now);
      pipeline.bulwarkRateCheck(count, ...rest);
    }
    pipeline.exec().then((results) => {
      batches.forEach((requests, index) => {
        const [error, reply] = results?.[index] ?? [new Error('no reply from Redis'), undefined];
        settle(requests, error, error ? undefined : (reply as number[]));
      });
    }, (error: unknown) => {
      for (const requests of batches) settle(requests, error, undefined);
    });
  }

  let isReady = false;
  client.on('ready', () => {
    isReady = true;
    options.onStatus?.('ready');
  });
  client.on('error', (error: Error) => {
    // ioredis emits every failed reconnect; report the transition only.
    if (isReady) options.onStatus?.('down', error);
    isReady = false;
  });
  client.on('close', () => {
    if (isReady) options.onStatus?.('down');
    isReady = false;
  });

  return {
    kind: 'redis',
    get isReady() {
      return isReady;
    },
    check(checks) {
      return new Promise<Decision[]>((resolve, reject) => {
        batch.push({ checks, resolve, reject });
        if (batch.length >= MAX_BATCH) {
          full.push(batch);
          batch = [];
        }
        if (!isFlushScheduled) {
          isFlushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    async hotKeys(minutes, count) {
      const last = minuteOf(Date.now());
      const requested = new Map<string, number>();
      const refused = new Map<string, number>();
      // Several round trips: meant for an operator's view (the CLI opens its own store with a longer timeout).
      for (let minute = last - minutes + 1; minute <= last; minute++) {
        for (const [name, into] of [['requested', requested], ['refused', refused]] as const) {
          const flat = await client.zrevrange(`${prefix}hot:${minute}:${name}`, 0, 999, 'WITHSCORES');
          for (let index = 0; index + 1 < flat.length; index += 2) {
            const key = (flat[index] as string).slice(prefix.length);
            into.set(key, (into.get(key) ?? 0) + Number(flat[index + 1]));
          }
        }
      }
      const ranked: HotKey[] = [...requested].map(([key, value]) => ({ key, requested: value, refused: refused.get(key) ?? 0 }));
      ranked.sort((left, right) => right.requested - left.requested || left.key.localeCompare(right.key));
      return ranked.slice(0, count);
    },
    ready(waitMs = 1000) {
      if (isReady) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onReady = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          reject(new Error(`not reachable within ${waitMs} ms`));
        }, waitMs);
        client.once('ready', onReady);
      });
    },
    async close() {
      client.disconnect();
      await Promise.resolve();
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid Redis URL)';
  }
}
