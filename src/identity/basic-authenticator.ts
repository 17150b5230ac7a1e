// Checks HTTP Basic user names and passwords against scrypt hashes. scrypt is slow on purpose, so a
// success is remembered for a short while (keep-alive clients send the same header on every
// request) and the number of verifications running at once is capped (they share libuv's thread
// pool with DNS and file I/O). Failures are never remembered as successes.
import { createHmac, randomBytes } from 'node:crypto';
import { dummyPasswordHash, verifyPassword, type PasswordHash } from './password-hash.js';
import { createTokenCache } from './token-cache.js';

export interface BasicUserEntry<T> {
  readonly username: string;
  readonly hash: PasswordHash;
  /** What a successful check gives back (the stage's consumer). */
  readonly value: T;
}

export interface BasicAuthenticatorOptions {
  readonly cacheTtlMs: number;
  readonly cacheEntries: number;
  /** scrypt runs at most this many at once; the rest wait. */
  readonly maxConcurrent: number;
  /** Past this many waiting, a check fails with an error (the stage's failure policy answers). */
  readonly maxQueued: number;
  readonly now?: () => number;
}

export interface BasicAuthenticator<T> {
  /** The user's value when the password is right, else undefined. Synchronous on a cache hit. */
  verify(username: string, password: string): T | undefined | Promise<T | undefined>;
}

export function createBasicAuthenticator<T>(users: readonly BasicUserEntry<T>[], options: BasicAuthenticatorOptions): BasicAuthenticator<T> {
  const byName = new Map(users.map((user) => [user.username, user]));
  // Same cost as the (first) real user: keep every user on the CLI's parameters and unknown names
  // cannot be told apart by timing.
  const dummy = dummyPasswordHash(users[0]?.hash ?? { logN: 15, r: 8, p: 3 });
  const cache = createTokenCache<T>(options.cacheEntries);
  // A keyed hash, not a bare SHA-256: a memory dump must not hand out fast-to-guess digests of the
  // passwords that scrypt is there to protect. The key lives and dies with this instance.
  const cacheKey = randomBytes(32);
  const now = options.now ?? Date.now;
  const limit = createLimiter(options.maxConcurrent, options.maxQueued);

  return {
    verify(username, password) {
      const key = createHmac('sha256', cacheKey).update(`${username}:${password}`).digest('base64url');
      const cached = cache.get(key, now());
      if (cached !== undefined) return cached;
      const user = byName.get(username);
      return limit(() => verifyPassword(user?.hash ?? dummy, password)).then((isMatch) => {
        if (!isMatch || !user) return undefined;
        if (options.cacheTtlMs > 0) cache.set(key, user.value, now() + options.cacheTtlMs);
        return user.value;
      });
    },
  };
}

/** Runs at most `concurrency` tasks at once, queues up to `maxQueued`, and refuses beyond that. */
function createLimiter(concurrency: number, maxQueued: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (running >= concurrency) {
      if (waiting.length >= maxQueued) throw new Error('too many password verifications waiting');
      // The slot is handed over by the finishing task, so `running` does not change here.
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
