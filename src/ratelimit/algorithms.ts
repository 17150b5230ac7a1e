// The two counting algorithms, as pure functions over a stored state, so the in-memory store runs
// exactly what the Redis script (redis-script.ts) runs and a test can hold one against the other.
//
// - GCRA (the generic cell rate algorithm; a leaky bucket kept as one timestamp): a smooth rate of
//   `limit` per `period`, of which up to `burst` may arrive at once. One number of state per key.
// - Sliding window (the two-window approximation Cloudflare and Kong use): at most `limit` in any
//   `period`, with the previous window's count weighted by how much of it still overlaps. The right
//   shape for quotas (per hour, per day): no burst above the limit, and state of three numbers.
//
// Times are milliseconds. Both return the decision without changing the state when the request is
// refused: a refused request costs nothing, so a client that keeps retrying is not locked out for longer.

export type Algorithm = 'gcra' | 'sliding-window';

export interface LimitSpec {
  readonly algorithm: Algorithm;
  /** Units admitted per period. */
  readonly limit: number;
  readonly periodMs: number;
  /** GCRA: units that may arrive at once (default: limit). Ignored by the sliding window. */
  readonly burst: number;
}

export interface Decision {
  readonly allowed: boolean;
  /** Units that could still be spent right now (after this request when allowed). */
  readonly remaining: number;
  /** Milliseconds until the state is back to full (the RateLimit header's `t`). */
  readonly resetMs: number;
  /** Milliseconds until this request would be admitted; 0 when allowed. */
  readonly retryAfterMs: number;
}

/** GCRA state: the theoretical arrival time; undefined for a key never seen (or expired). */
export interface GcraOutcome {
  readonly decision: Decision;
  /** The state to store when the request is admitted; how long to keep it (ms). */
  readonly tat: number;
  readonly ttlMs: number;
}

export function gcra(spec: LimitSpec, tat: number | undefined, now: number, cost: number): GcraOutcome {
  const interval = spec.periodMs / spec.limit;
  const tolerance = interval * spec.burst;
  const base = tat === undefined || tat < now ? now : tat;
  const next = base + cost * interval;
  const allowAt = next - tolerance;
  if (now < allowAt) {
    // Refused: the state stays, and the client learns when this cost would fit.
    const remaining = Math.max(0, Math.floor((tolerance - (base - now)) / interval));
    return { decision: { allowed: false, remaining, resetMs: Math.ceil(base - now), retryAfterMs: Math.ceil(allowAt - now) }, tat: base, ttlMs: Math.ceil(base - now) };
  }
  const remaining = Math.max(0, Math.floor((tolerance - (next - now)) / interval));
  return { decision: { allowed: true, remaining, resetMs: Math.ceil(next - now), retryAfterMs: 0 }, tat: next, ttlMs: Math.ceil(next - now) };
}

/** Sliding-window state: the current window's index and count, and the previous window's count. */
export interface WindowState {
  readonly window: number;
  readonly current: number;
  readonly previous: number;
}

export interface WindowOutcome {
  readonly decision: Decision;
  readonly state: WindowState;
  readonly ttlMs: number;
}

export function slidingWindow(spec: LimitSpec, stored: WindowState | undefined, now: number, cost: number): WindowOutcome {
  const period = spec.periodMs;
  const window = Math.floor(now / period);
  let current = 0;
  let previous = 0;
  if (stored !== undefined) {
    if (stored.window === window) {
      current = stored.current;
      previous = stored.previous;
    } else if (stored.window === window - 1) {
      previous = stored.current;
    }
  }
  const elapsed = now - window * period;
  const weight = 1 - elapsed / period;
  const estimate = previous * weight + current;
  const windowEnd = (window + 1) * period - now;
  // Until full again: the rest of this window, and the next one too while this window counted anything.
  const resetMs = Math.ceil(current > 0 ? windowEnd + period : windowEnd);
  if (estimate + cost > spec.limit) {
    return {
      decision: { allowed: false, remaining: Math.max(0, Math.floor(spec.limit - estimate)), resetMs, retryAfterMs: Math.max(1, Math.ceil(windowRetry(spec.limit, period, previous, current, cost, elapsed, windowEnd))) },
      state: { window, current, previous },
      ttlMs: Math.ceil(windowEnd + period),
    };
  }
  const state = { window, current: current + cost, previous };
  return {
    decision: { allowed: true, remaining: Math.max(0, Math.floor(spec.limit - estimate - cost)), resetMs: Math.ceil(windowEnd + period), retryAfterMs: 0 },
    state,
    ttlMs: Math.ceil(windowEnd + period),
  };
}

/**
 * When `cost` fits again. Within this window the previous count decays linearly; once this window
 * ends its count becomes the one that decays. A cost above the limit never fits: a period is returned.
 */
function windowRetry(limit: number, period: number, previous: number, current: number, cost: number, elapsed: number, windowEnd: number): number {
  if (cost > limit) return windowEnd + period;
  const room = limit - cost;
  if (current <= room && previous > 0) {
    // previous * (1 - (elapsed + x) / period) + current <= room
    const at = period * (1 - (room - current) / previous) - elapsed;
    if (at <= windowEnd) return Math.max(0, at);
  }
  // Next window: current * (1 - y / period) <= room
  const y = current <= room ? 0 : period * (1 - room / current);
  return windowEnd + y;
}
