// The in-memory store: one gateway instance's counters in a Map, checked synchronously (no promise on
// the request path). Bounded: expired keys are swept, and past `maxKeys` the oldest are evicted, so a
// flood of distinct keys (spoofed headers, many IPs) costs memory up to the cap and no more. With
// several instances each counts alone: N instances admit up to N times a limit (docs/ratelimit.md).
import { gcra, slidingWindow, type Decision, type WindowState } from './algorithms.js';
import { minuteOf, type HotKey, type KeyedCheck, type RateLimitStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the oldest are evicted past it (default 500,000: about 60 MB). */
  readonly maxKeys?: number;
  /** Most distinct keys counted per minute for hotKeys (default 10,000); the rest are not ranked. */
  readonly maxHotKeysPerMinute?: number;
  /** Clock (tests). */
  readonly now?: () => number;
}

/** One key's state, one shape for both algorithms: GCRA keeps its TAT in `a`; the window keeps index, current, previous. */
interface Entry {
  a: number;
  b: number;
  c: number;
  expiresAt: number;
}

interface HotCount {
  requested: number;
  refused: number;
}

const HOT_MINUTES_KEPT = 15;

export interface MemoryStore extends RateLimitStore {
  check(checks: readonly KeyedCheck[]): Decision[];
  /** Keys held now (tests, metrics). */
  readonly size: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxKeys = options.maxKeys ?? 500_000;
  const maxHot = options.maxHotKeysPerMinute ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const hot = new Map<number, Map<string, HotCount>>();
  // Reused between calls: check() is synchronous, so one scratch array serves every request.
  const pending: ({ entry: Entry | undefined; a: number; b: number; c: number; ttlMs: number })[] = [];

  function read(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined || entry.expiresAt > at) return entry;
    entries.delete(key);
    return undefined;
  }

  function countHot(key: string, cost: number, refused: boolean, at: number): void {
    const minute = minuteOf(at);
    let counts = hot.get(minute);
    if (counts === undefined) {
      counts = new Map();
      hot.set(minute, counts);
      for (const old of hot.keys()) if (old <= minute - HOT_MINUTES_KEPT) hot.delete(old);
    }
    let count = counts.get(key);
    if (count === undefined) {
      if (counts.size >= maxHot) return;
      count = { requested: 0, refused: 0 };
      counts.set(key, count);
    }
    count.requested += cost;
    if (refused) count.refused++;
  }

  function evict(at: number): void {
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    // Still full: drop the oldest tenth (Map keeps insertion order).
    let excess = entries.size - Math.floor(maxKeys * 0.9);
    if (excess <= 0) return;
    for (const key of entries.keys()) {
      entries.delete(key);
      if (--excess <= 0) break;
    }
  }

  function check(checks: readonly KeyedCheck[]): Decision[] {
    const at = now();
    const decisions: Decision[] = [];
    let isAdmitted = true;
    pending.length = 0;
    for (const { key, spec, cost } of checks) {
      const entry = read(key, at);
      if (spec.algorithm === 'gcra') {
        const outcome = gcra(spec, entry?.a, at, cost);
        decisions.push(outcome.decision);
        pending.push({ entry, a: outcome.tat, b: 0, c: 0, ttlMs: outcome.ttlMs });
        if (!outcome.decision.allowed) isAdmitted = false;
      } else {
        const stored: WindowState | undefined = entry === undefined ? undefined : { window: entry.a, current: entry.b, previous: entry.c };
        const outcome = slidingWindow(spec, stored, at, cost);
        decisions.push(outcome.decision);
        pending.push({ entry, a: outcome.state.window, b: outcome.state.current, c: outcome.state.previous, ttlMs: outcome.ttlMs });
        if (!outcome.decision.allowed) isAdmitted = false;
      }
    }
    for (let index = 0; index < checks.length; index++) {
      const { key, cost } = checks[index] as KeyedCheck;
      countHot(key, cost, !isAdmitted, at);
      if (!isAdmitted) continue;
      const next = pending[index]!;
      if (next.entry !== undefined) {
        next.entry.a = next.a;
        next.entry.b = next.b;
        next.entry.c = next.c;
        next.entry.expiresAt = at + next.ttlMs;
      } else {
        if (entries.size >= maxKeys) evict(at);
        entries.set(key, { a: next.a, b: next.b, c: next.c, expiresAt: at + next.ttlMs });
      }
    }
    return decisions;
  }

  const sweep = setInterval(() => {
    const at = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
  }, 30_000);
  sweep.unref();

  return {
    kind: 'memory',
    check,
    get size() {
      return entries.size;
    },
    hotKeys(minutes, count) {
      const from = minuteOf(now()) - minutes + 1;
      const merged = new Map<string, HotCount>();
      for (const [minute, counts] of hot) {
        if (minute < from) continue;
        for (const [key, value] of counts) {
          const total = merged.get(key) ?? { requested: 0, refused: 0 };
          total.requested += value.requested;
          total.refused += value.refused;
          merged.set(key, total);
        }
      }
      const ranked: HotKey[] = [...merged].map(([key, value]) => ({ key, ...value }));
      ranked.sort((left, right) => right.requested - left.requested || left.key.localeCompare(right.key));
      return Promise.resolve(ranked.slice(0, count));
    },
    close() {
      clearInterval(sweep);
      entries.clear();
      hot.clear();
      return Promise.resolve();
    },
  };
}
