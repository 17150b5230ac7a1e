// The shared store with its failure policy (SECURITY-BASELINE.md: "rate-limit store down: fall back
// to a local per-instance limit, with an event and a metric"). When Redis fails or is slower than its
// timeout, each limit does what its policy says:
//   local  (default) counts on this instance alone, with the limit divided by `divideBy` (the number of
//          instances, so the fleet as a whole stays near the limit);
//   closed refuses the request (503): for login, OTP and other flows where an unthrottled minute is
//          worse than a minute of refusals;
//   open   lets it through uncounted.
// After a failure Redis is not asked again for `retryAfterMs` (a slow Redis would otherwise cost every
// request the full timeout); then the next request tries it, and on success everything is shared again.
import type { Decision, LimitSpec } from './algorithms.js';
import type { MemoryStore } from './memory-store.js';
import type { KeyedCheck, RateLimitStore } from './store.js';

export type StoreFailurePolicy = 'local' | 'closed' | 'open';

export interface GuardedCheck extends KeyedCheck {
  readonly onStoreFailure: StoreFailurePolicy;
}

export interface GuardedResult {
  /** One per check; an `open` check while the store is down is admitted without counting. */
  readonly decisions: readonly Decision[];
  /** The shared store was not used for this request (down, slow, or skipped after a failure). */
  readonly degraded: boolean;
  /** A `closed` check met a store failure: refuse the request with 503. */
  readonly unavailable: boolean;
  /**
   * Set on the first request that found the store failing, and again at most once a minute while it
   * stays down: the request that should carry the event (one per minute, not one per request).
   */
  readonly failure?: Error;
}

export interface FallbackStoreOptions {
  readonly shared: RateLimitStore;
  readonly local: MemoryStore;
  /** Local limits are the configured ones divided by this (the number of instances; default 1). */
  readonly divideBy?: number;
  /** How long to stop asking a failed store before trying again (default 1000 ms). */
  readonly retryAfterMs?: number;
  readonly now?: () => number;
}

export interface FallbackStore {
  check(checks: readonly GuardedCheck[]): Promise<GuardedResult>;
  /** Whether the shared store answered the last time it was asked. */
  readonly isHealthy: boolean;
}

/** While the store stays down, a new event at most this often. */
const REPORT_EVERY_MS = 60_000;

const ADMITTED: Decision = Object.freeze({ allowed: true, remaining: 0, resetMs: 0, retryAfterMs: 0 });

export function createFallbackStore(options: FallbackStoreOptions): FallbackStore {
  const divideBy = Math.max(1, options.divideBy ?? 1);
  const retryAfterMs = options.retryAfterMs ?? 1000;
  const now = options.now ?? Date.now;
  let skipUntil = 0;
  let isHealthy = true;
  let lastError: Error | undefined;
  let reportedAt = Number.NEGATIVE_INFINITY;
  const localSpecs = new WeakMap<LimitSpec, LimitSpec>();

  const localSpec = (spec: LimitSpec): LimitSpec => {
    let divided = localSpecs.get(spec);
    if (divided === undefined) {
      divided = { ...spec, limit: Math.max(1, spec.limit / divideBy), burst: Math.max(1, spec.burst / divideBy) };
      localSpecs.set(spec, divided);
    }
    return divided;
  };

  function degrade(checks: readonly GuardedCheck[]): GuardedResult {
    const at = now();
    let failure: Error | undefined;
    if (at - reportedAt >= REPORT_EVERY_MS) {
      reportedAt = at;
      failure = lastError;
    }
    if (checks.some((check) => check.onStoreFailure === 'closed')) {
      return { decisions: checks.map(() => ADMITTED), degraded: true, unavailable: true, ...(failure ? { failure } : {}) };
    }
    const counted = checks.filter((check) => check.onStoreFailure === 'local');
    const localDecisions = options.local.check(counted.map((check) => ({ key: check.key, spec: localSpec(check.spec), cost: check.cost })));
    let next = 0;
    const decisions = checks.map((check) => (check.onStoreFailure === 'local' ? localDecisions[next++]! : ADMITTED));
    return { decisions, degraded: true, unavailable: false, ...(failure ? { failure } : {}) };
  }

  return {
    get isHealthy() {
      return isHealthy;
    },
    async check(checks) {
      if (now() < skipUntil) return degrade(checks);
      try {
        const decisions = await options.shared.check(checks);
        if (!isHealthy) reportedAt = Number.NEGATIVE_INFINITY; // the next outage is reported at once
        isHealthy = true;
        return { decisions, degraded: false, unavailable: false };
      } catch (error) {
        isHealthy = false;
        lastError = toError(error);
        skipUntil = now() + retryAfterMs;
        return degrade(checks);
      }
    },
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
