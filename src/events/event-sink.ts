// Where the gateway hands its security events: a sink that must never block or throw on the
// request path. The batched writer (batched-event-writer.ts) is the production implementation.
import type { SecurityEvent } from '../core/types.js';

export interface EventSink {
  /** Queues one event; never blocks, never throws. */
  write(event: SecurityEvent): void;
  /** Writes everything queued; resolves when the store has it. */
  flush(): Promise<void>;
  /** Flushes and stops timers; later writes are still accepted and written by the final flush. */
  close(): Promise<void>;
}
