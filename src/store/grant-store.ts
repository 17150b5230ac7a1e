// The narrow interface every grant store backend implements. A grant gives a consumer extra scopes for
// a task and ends on its own: least privilege over time (OWASP API5:2023). Only src/store/<backend>/
// imports a database driver; every backend passes grant-store.contract.ts.

export interface GrantRecord {
  /** `grt_` + 12 base62 characters; safe to show in events and logs. */
  readonly id: string;
  readonly consumer: string;
  /** At least one; each an RFC 6749 §3.3 scope-token. */
  readonly scopes: readonly string[];
  /** Why the grant was made: the task it is for. */
  readonly reason: string;
  /** Who made it. */
  readonly grantedBy: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; required: every grant ends. */
  readonly expiresAt: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
  readonly revokedReason?: string;
}

export interface NewGrant {
  consumer: string;
  scopes: readonly string[];
  reason: string;
  grantedBy: string;
  /** After now, and at most MAX_GRANT_TTL_MS from now. */
  expiresAt: Date;
}

export interface GrantFilter {
  consumer?: string;
  /** Also expired and revoked grants; without it only the active ones are listed. */
  includeInactive?: boolean;
  /** What "now" is when deciding what is active (ms since the epoch); default Date.now(). */
  nowMs?: number;
}

export interface GrantStore {
  addGrant(input: NewGrant): Promise<GrantRecord>;
  getGrant(id: string): Promise<GrantRecord | undefined>;
  /** In creation order. */
  listGrants(filter?: GrantFilter): Promise<GrantRecord[]>;
  /** False when the grant is unknown or already revoked; the first revocation stays. */
  revokeGrant(id: string, revocation: { by: string; reason: string }): Promise<boolean>;
  /**
   * The scopes the consumer's grants give at `nowMs` (not revoked, expiresAt after now), without
   * duplicates. Read on every authenticated request, so it must be cheap and never cached: a
   * revocation applies to the next request. Synchronous-friendly: a value or a promise.
   */
  activeScopes(consumer: string, nowMs: number): readonly string[] | Promise<readonly string[]>;
  /**
   * Grants that have expired by `nowMs` (and were not revoked before their expiry) and whose expiry
   * nobody has claimed yet, marked claimed in the same atomic step: however many gateways share the
   * store, each expiry is returned to exactly one of them, once, to report. Ordered by expiresAt.
   */
  claimExpired(nowMs: number): Promise<GrantRecord[]>;
  close(): Promise<void>;
}

export const GRANT_ID_PREFIX = 'grt_';
export const GRANT_ID_LENGTH = 12;
/** Grants are for a task, not standing access: longer needs are a policy or a key, reviewed as such. */
export const MAX_GRANT_TTL_MS = 90 * 86_400_000;

const GRANT_ID = new RegExp(`^${GRANT_ID_PREFIX}[0-9A-Za-z]{${GRANT_ID_LENGTH}}$`);
/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export function isGrantId(value: unknown): value is string {
  return typeof value === 'string' && GRANT_ID.test(value);
}

export function isScopeToken(value: unknown): value is string {
  return typeof value === 'string' && SCOPE_TOKEN.test(value);
}

/** active, expired (at `nowMs`) or revoked; a revocation wins over an expiry. */
export function grantStatus(grant: GrantRecord, nowMs: number): 'active' | 'expired' | 'revoked' {
  if (grant.revokedAt !== undefined) return 'revoked';
  return Date.parse(grant.expiresAt) <= nowMs ? 'expired' : 'active';
}
