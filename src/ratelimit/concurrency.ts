// Requests in flight per key (a consumer, an upstream), counted on this instance: a slot is taken when
// the request is admitted and given back when its response ends, however it ends. Per instance on
// purpose: a shared count would leak slots whenever an instance dies mid-request, and concurrency is
// about this process's sockets and memory anyway (docs/ratelimit.md).

export interface ConcurrencyLimiter {
  /** Takes a slot under `key` if fewer than `max` are taken; false when full. */
  tryAcquire(key: string, max: number): boolean;
  release(key: string): void;
  inFlight(key: string): number;
}

export function createConcurrencyLimiter(): ConcurrencyLimiter {
  const counts = new Map<string, number>();
  return {
    tryAcquire(key, max) {
      const count = counts.get(key) ?? 0;
      if (count >= max) return false;
      counts.set(key, count + 1);
      return true;
    },
    release(key) {
      const count = counts.get(key) ?? 0;
      // Deleted at zero so idle keys cost nothing.
      if (count <= 1) counts.delete(key);
      else counts.set(key, count - 1);
    },
    inFlight: (key) => counts.get(key) ?? 0,
  };
}
