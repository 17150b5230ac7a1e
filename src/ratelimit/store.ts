// What a rate-limit store does: check several limits of one request at once, all or nothing, and
// report which keys are hottest. Two implementations: memory-store.ts (one instance) and
// redis-store.ts (shared by every instance); fallback-store.ts puts the first behind the second.
import type { Decision, LimitSpec } from './algorithms.js';

export interface KeyedCheck {
  /** The limit's name and the request's key values, already joined (see key-parts.ts). */
  readonly key: string;
  readonly spec: LimitSpec;
  /** Units this request spends (the operation's cost; 1 by default). */
  readonly cost: number;
}

export interface HotKey {
  readonly key: string;
  /** Units asked for in the window looked at (admitted and refused). */
  readonly requested: number;
  /** Requests refused in that window. */
  readonly refused: number;
}

export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  /**
   * Decides every check of one request atomically: either every limit admits the request and each is
   * charged its cost, or the request is refused and nothing is charged. One decision per check, in order.
   */
  check(checks: readonly KeyedCheck[]): Decision[] | Promise<Decision[]>;
  /** The keys with the most units asked for over the last `minutes` minutes, hottest first. */
  hotKeys(minutes: number, count: number): Promise<HotKey[]>;
  close(): Promise<void>;
}

/** The minute a hot-key count belongs to. */
export function minuteOf(nowMs: number): number {
  return Math.floor(nowMs / 60_000);
}
