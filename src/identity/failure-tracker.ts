// Counts failed authentications per client address and per credential (an API key id) and locks a
// subject out for a while once it fails too often within a window: the back-off against brute
// force and credential stuffing (OWASP API2:2023). Each lock-out doubles the next one, up to a cap.
// In-memory and per instance, bounded in size; a shared store comes with the rate-limit work.

export interface FailureTrackerOptions {
  /** Failures allowed within `windowMs` before a lock-out. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** First lock-out; each further one doubles, up to `maxLockoutMs`. */
  readonly lockoutMs: number;
  readonly maxLockoutMs: number;
  /** Subjects tracked at most; the least recently seen are forgotten first. */
  readonly maxSubjects: number;
  readonly now?: () => number;
}

export interface FailureTracker {
  /** Milliseconds the subject is still locked out for; 0 when it is not. */
  lockedFor(subject: string): number;
  /** Records a failure; returns the lock-out just started (ms), or 0. */
  fail(subject: string): number;
  /** A success ends the subject's current streak (not a lock-out in force). */
  succeed(subject: string): void;
}

interface Entry { failures: number; windowStart: number; lockedUntil: number; lockouts: number }

export function createFailureTracker(options: FailureTrackerOptions): FailureTracker {
  const entries = new Map<string, Entry>();
  const now = options.now ?? Date.now;
  const touch = (subject: string, entry: Entry): void => {
    entries.delete(subject);
    entries.set(subject, entry);
    while (entries.size > options.maxSubjects) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };
  return {
    lockedFor(subject) {
      const entry = entries.get(subject);
      return entry ? Math.max(0, entry.lockedUntil - now()) : 0;
    },
    fail(subject) {
      const at = now();
      const entry = entries.get(subject) ?? { failures: 0, windowStart: at, lockedUntil: 0, lockouts: 0 };
      if (at - entry.windowStart > options.windowMs) {
        entry.failures = 0;
        entry.windowStart = at;
      }
      entry.failures++;
      let lockout = 0;
      if (entry.failures >= options.maxFailures) {
        lockout = Math.min(options.maxLockoutMs, options.lockoutMs * 2 ** entry.lockouts);
        entry.lockouts++;
        entry.lockedUntil = at + lockout;
        entry.failures = 0;
        entry.windowStart = at;
      }
      touch(subject, entry);
      return lockout;
    },
    succeed(subject) {
      const entry = entries.get(subject);
      if (!entry) return;
      entry.failures = 0;
      if (entry.lockedUntil <= now()) entry.lockouts = 0;
    },
  };
}
