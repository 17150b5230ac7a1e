// A bounded map from concrete request to its learned result, for the warm path.

export interface PathCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  clear(): void;
  /** Entries held, counting a key promoted from the old generation twice. */
  readonly size: number;
}

/**
 * Two generations instead of an LRU list: a hit in the old one moves to the new one, and when the
 * new one holds half the capacity the old one is dropped whole. O(1) per call; evicting one by one
 * from the front of a V8 Map (`keys().next()`) slows down as deleted slots pile up.
 */
export function createPathCache<T>(capacity: number): PathCache<T> {
  const half = Math.max(1, Math.ceil(capacity / 2));
  let current = new Map<string, T>();
  let previous = new Map<string, T>();
  const set = (key: string, value: T): void => {
    if (current.size >= half) {
      previous = current;
      current = new Map();
    }
    current.set(key, value);
  };
  return {
    get: (key) => {
      const value = current.get(key);
      if (value !== undefined) return value;
      const old = previous.get(key);
      if (old !== undefined) set(key, old);
      return old;
    },
    set,
    clear: () => {
      current = new Map();
      previous = new Map();
    },
    get size() {
      return current.size + previous.size;
    },
  };
}
