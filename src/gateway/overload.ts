// Watches event-loop delay and heap use so the limits stage can shed load with 503 + Retry-After
// before the process falls over (Envoy's overload manager does the same at the edge).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

export interface OverloadOptions {
  /** Shed when the p99 event-loop delay over the last window exceeds this many milliseconds. */
  maxEventLoopDelayMs: number;
  /** Shed when used heap / heap limit exceeds this ratio. */
  maxHeapUsedRatio: number;
  /** How often the readings are refreshed. */
  sampleIntervalMs: number;
}

export interface OverloadState {
  readonly isOverloaded: boolean;
  readonly reason: 'event-loop-delay' | 'heap' | undefined;
  readonly eventLoopDelayMs: number;
  readonly heapUsedRatio: number;
}

export interface Overload {
  state(): OverloadState;
  /**
   * Forgets the event-loop delay measured so far: called after the gateway itself blocked the loop
   * on purpose (compiling a config and its OpenAPI documents), which is not load and must not shed.
   */
  forgive(): void;
  stop(): void;
}

export function startOverloadMonitor(options: OverloadOptions): Overload {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const heapLimit = getHeapStatistics().heap_size_limit;
  let current: OverloadState = { isOverloaded: false, reason: undefined, eventLoopDelayMs: 0, heapUsedRatio: 0 };

  const timer = setInterval(() => {
    const delayMs = histogram.percentile(99) / 1e6;
    histogram.reset();
    const heapUsedRatio = process.memoryUsage().heapUsed / heapLimit;
    const reason = delayMs > options.maxEventLoopDelayMs ? 'event-loop-delay'
      : heapUsedRatio > options.maxHeapUsedRatio ? 'heap' : undefined;
    current = { isOverloaded: reason !== undefined, reason, eventLoopDelayMs: delayMs, heapUsedRatio };
  }, options.sampleIntervalMs);
  timer.unref();

  return {
    state: () => current,
    forgive() {
      histogram.reset();
      if (current.reason === 'event-loop-delay') current = { ...current, isOverloaded: false, reason: undefined, eventLoopDelayMs: 0 };
    },
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

/** A fixed state, for tests and tools that do not run a monitor. */
export function fixedOverload(state: Partial<OverloadState> = {}): Overload {
  const value: OverloadState = { isOverloaded: false, reason: undefined, eventLoopDelayMs: 0, heapUsedRatio: 0, ...state };
  return { state: () => value, forgive: () => undefined, stop: () => undefined };
}
