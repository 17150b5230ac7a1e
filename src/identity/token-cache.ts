// A bounded cache of verified tokens, keyed by a SHA-256 of the token (the token itself is never
// kept), so a token seen again costs a hash and a map lookup instead of a signature check. An
// entry never outlives the token's `exp`; the least recently used entry goes first when full.
import { createHash } from 'node:crypto';

export interface TokenCache<T> {
  get(token: string, nowMs: number): T | undefined;
  set(token: string, value: T, expiresAtMs: number): void;
  /** Drops every entry for which `matches` is true (revocation of a consumer or a token). */
  purge(matches: (value: T) => boolean): number;
  readonly size: number;
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function createTokenCache<T>(maxEntries: number): TokenCache<T> {
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, { value: T; expiresAtMs: number }>();
  return {
    get(token, nowMs) {
      const key = tokenDigest(token);
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAtMs <= nowMs) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(token, value, expiresAtMs) {
      if (maxEntries <= 0) return;
      const key = tokenDigest(token);
      entries.delete(key);
      entries.set(key, { value, expiresAtMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    purge(matches) {
      let removed = 0;
      for (const [key, entry] of entries) {
        if (!matches(entry.value)) continue;
        entries.delete(key);
        removed++;
      }
      return removed;
    },
    get size() {
      return entries.size;
    },
  };
}
