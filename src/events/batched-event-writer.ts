// The production EventSink: write() only queues (O(1), never throws, never awaits); batches go to
// the store in the background, one at a time, retried with backoff. The queue is bounded, and an
// event is never lost without onDrop hearing of it.
import type { SecurityEvent } from '../core/types.js';
import type { EventStore } from '../store/index.js';
import type { EventSink } from './event-sink.js';

export interface BatchedEventWriterOptions {
  /** Events per insert; a full batch is written on the next turn of the event loop. */
  batchSize: number;
  /** A partial batch waits at most this long. */
  flushIntervalMs: number;
  /** Events waiting beyond the batch being written; past it the oldest are dropped (and reported). */
  maxQueue: number;
  /** Every failed insert (the batch is kept and retried). */
  onError?: (error: unknown) => void;
  /** How many events were dropped: queue overflow, writes after close, or a close that gave up. */
  onDrop?: (count: number) => void;
}

export type BatchedEventWriter = EventSink & { readonly pending: number };

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 30_000;
/** close() tries this many times (with backoff) before giving up and reporting the rest as dropped. */
const CLOSE_ATTEMPTS = 4;

export function createBatchedEventWriter(store: EventStore, options: BatchedEventWriterOptions): BatchedEventWriter {
  validateOptions(options);
  const { batchSize, maxQueue } = options;
  const queue = createQueue();
  let inFlight: Promise<void> | undefined;
  let inFlightCount = 0;
  let failures = 0;
  let isFlushScheduled = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let state: 'open' | 'closing' | 'closed' = 'open';
  let closing: Promise<void> | undefined;

  const interval = setInterval(() => background(false), options.flushIntervalMs);
  interval.unref(); // pending events must not keep the process alive; close() is the orderly exit

  /** Callbacks belong to the caller (metrics, logs); one that throws must not break the writer. */
  function report<T>(callback: ((value: T) => void) | undefined, value: T): void {
    try {
      callback?.(value);
    } catch {
      // nothing sensible to do with an error from an error reporter
    }
  }

  function drop(count: number): void {
    if (count > 0) report(options.onDrop, count);
  }

  /** Writes batches until the queue is empty or, with `fullOnly`, until less than a batch is left. */
  async function drain(fullOnly: boolean): Promise<void> {
    while (queue.size > 0 && (!fullOnly || queue.size >= batchSize)) {
      const batch = queue.take(batchSize);
      inFlightCount = batch.length;
      try {
        await store.insertEvents(batch);
        failures = 0;
        clearTimeout(retryTimer); // the store is back: a pending backoff must not hold up new batches
        retryTimer = undefined;
      } catch (error) {
        failures += 1;
        drop(queue.putBack(batch, maxQueue)); // back at the head, so order is kept
        report(options.onError, error);
        scheduleRetry();
        throw error;
      } finally {
        inFlightCount = 0;
      }
    }
  }

  /** At most one drain at a time: a second caller shares the one in flight. */
  function startDrain(fullOnly: boolean): Promise<void> {
    inFlight ??= drain(fullOnly).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  function background(fullOnly: boolean): void {
    // While a retry is pending, the backoff decides when the store is tried again.
    if (inFlight || retryTimer || queue.size === 0) return;
    startDrain(fullOnly).catch(() => undefined); // already reported through onError
  }

  function scheduleRetry(): void {
    if (retryTimer || state !== 'open') return; // close() runs its own retries
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(failures - 1, 16));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      background(false);
    }, delay);
    retryTimer.unref();
  }

  async function flushAll(): Promise<void> {
    for (;;) {
      if (inFlight) {
        await inFlight.catch(() => undefined); // then write what it left, including its failed batch
        continue;
      }
      if (queue.size === 0) return;
      await startDrain(false);
    }
  }

  async function closeWriter(): Promise<void> {
    state = 'closing';
    clearInterval(interval);
    clearTimeout(retryTimer);
    retryTimer = undefined;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await flushAll();
        // Checked synchronously with the state change: a write in between would otherwise be stranded.
        if (queue.size === 0 && !inFlight) {
          state = 'closed';
          return;
        }
      } catch (error) {
        if (attempt >= CLOSE_ATTEMPTS) {
          state = 'closed';
          drop(queue.clear());
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MIN_MS * 2 ** (attempt - 1)));
      }
    }
  }

  return {
    write(event) {
      try {
        if (state === 'closed') {
          drop(1); // the store may be gone by now: report rather than queue forever
          return;
        }
        if (queue.size >= maxQueue) {
          queue.dropOldest(1);
          drop(1);
        }
        queue.push(event);
        if (queue.size >= batchSize && !isFlushScheduled) {
          // Never write inside write(): the request path must not pay for the insert.
          isFlushScheduled = true;
          setImmediate(() => {
            isFlushScheduled = false;
            background(true);
          });
        }
      } catch {
        // write() must never throw into the request path
      }
    },
    flush: flushAll,
    close() {
      closing ??= closeWriter();
      return closing;
    },
    get pending() {
      return queue.size + inFlightCount;
    },
  };
}

function validateOptions(options: BatchedEventWriterOptions): void {
  for (const key of ['batchSize', 'flushIntervalMs', 'maxQueue'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${key} must be a positive integer, got ${value}`);
  }
  // Node turns a longer delay into 1 ms (TimeoutOverflowWarning), which would flush continuously.
  if (options.flushIntervalMs > 2 ** 31 - 1) throw new RangeError('flushIntervalMs must be at most 2^31 - 1');
  if (options.batchSize > options.maxQueue) throw new RangeError('batchSize must not exceed maxQueue');
}

/**
 * A FIFO with O(1) amortized push and drop-oldest: a head index instead of Array#shift, compacted
 * once the consumed part is most of the array. putBack copies, but only runs after a failed insert.
 */
function createQueue() {
  let items: SecurityEvent[] = [];
  let head = 0;
  const compact = () => {
    if (head === items.length) {
      items = [];
      head = 0;
    } else if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      head = 0;
    }
  };
  const dropOldest = (count: number) => {
    head += Math.min(count, items.length - head);
    compact();
  };
  return {
    get size() {
      return items.length - head;
    },
    push(event: SecurityEvent) {
      items.push(event);
    },
    dropOldest,
    take(count: number): SecurityEvent[] {
      const batch = items.slice(head, head + count);
      head += batch.length;
      compact();
      return batch;
    },
    /** Puts a batch back at the head; returns how many of the oldest it then had to drop. */
    putBack(batch: readonly SecurityEvent[], max: number): number {
      items = [...batch, ...items.slice(head)];
      head = 0;
      const overflow = Math.max(0, items.length - max);
      dropOldest(overflow);
      return overflow;
    },
    clear(): number {
      const count = items.length - head;
      items = [];
      head = 0;
      return count;
    },
  };
}
