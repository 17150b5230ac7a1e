// The hand-over from the gateway to discovery: requests only append a sample to a bounded queue, and
// discovery learns from it in a later turn of the event loop, in batches. A full queue drops samples
// (counted) rather than slowing or growing with the traffic.
import type { TrafficSample } from '../core/types.js';

export interface SampleSink {
  /** Queues a sample; false when the queue was full and the sample was dropped. */
  submit(sample: TrafficSample): boolean;
}

export interface SampleQueue extends SampleSink {
  readonly pending: number;
  readonly dropped: number;
  /** Hands over what is queued now (tests, shutdown). */
  drain(): void;
}

export interface SampleQueueOptions {
  /** Most samples waiting (default 10,000); each holds at most the sampler's body cap. */
  readonly capacity?: number;
  /** Most samples handed over in one turn (default 256), so learning never holds the loop for long. */
  readonly batchSize?: number;
  /** Called with the dropped count when a sample is dropped (for the metric). */
  readonly onDrop?: () => void;
}

export function createSampleQueue(consume: (batch: readonly TrafficSample[]) => void, options: SampleQueueOptions = {}): SampleQueue {
  const capacity = options.capacity ?? 10_000;
  const batchSize = options.batchSize ?? 256;
  let queue: TrafficSample[] = [];
  /** Samples before `head` were handed over; the array is replaced once it is all handed over. */
  let head = 0;
  let dropped = 0;
  let isScheduled = false;
  const pending = (): number => queue.length - head;

  function drainSome(): void {
    isScheduled = false;
    const batch = queue.slice(head, head + batchSize);
    head += batch.length;
    if (head >= queue.length) {
      queue = [];
      head = 0;
    } else schedule();
    if (batch.length > 0) consume(batch);
  }

  function schedule(): void {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(drainSome);
  }

  return {
    get pending() {
      return pending();
    },
    get dropped() {
      return dropped;
    },
    submit(sample) {
      if (pending() >= capacity) {
        dropped++;
        options.onDrop?.();
        return false;
      }
      queue.push(sample);
      schedule();
      return true;
    },
    drain() {
      while (pending() > 0) drainSome();
    },
  };
}
