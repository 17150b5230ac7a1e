// Event retention: periodically deletes events older than the retention window, so the store's
// size is bounded by traffic × retention rather than growing for ever.
import type { EventStore } from '../store/index.js';

/** Node turns a longer delay into 1 ms (TimeoutOverflowWarning): a 30-day interval would spin. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RetentionOptions {
  /** Events older than now - retentionMs are deleted. */
  retentionMs: number;
  /** How often to purge. The first purge runs one interval after start; call runOnce() for one now. */
  intervalMs: number;
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
  /** Failures of timer-driven purges (runOnce() rejects instead); the next interval tries again. */
  onError?: (error: unknown) => void;
}

export interface Retention {
  stop(): void;
  /** Purges now; resolves with how many events were deleted. */
  runOnce(): Promise<number>;
}

export function startRetention(store: Pick<EventStore, 'deleteEventsBefore'>, options: RetentionOptions): Retention {
  for (const key of ['retentionMs', 'intervalMs'] as const) {
    const value = options[key];
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${key} must be a positive number, got ${value}`);
  }
  const now = options.now ?? Date.now;
  let running: Promise<number> | undefined;

  // A purge still running when the next tick comes is joined rather than started twice.
  const runOnce = (): Promise<number> => {
    running ??= store.deleteEventsBefore(new Date(now() - options.retentionMs).toISOString()).finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => {
      try {
        options.onError?.(error);
      } catch {
        // a failing error reporter must not become an unhandled rejection
      }
    });
  }, Math.min(options.intervalMs, MAX_TIMER_MS));
  timer.unref(); // retention alone must never keep the process alive

  return {
    stop: () => clearInterval(timer),
    runOnce,
  };
}
