// SQLite grant store, in the same file as the events and API keys. Synchronous underneath
// (better-sqlite3), so activeScopes answers without a promise on the gateway's request path.
import type Database from 'better-sqlite3';
import { randomBase62 } from '../api-key-secret.js';
import {
  GRANT_ID_LENGTH, GRANT_ID_PREFIX, isScopeToken, MAX_GRANT_TTL_MS,
  type GrantRecord, type GrantStore, type NewGrant,
} from '../grant-store.js';
import { closeSqliteDatabase, openSqliteDatabase, settle } from './sqlite-database.js';

interface GrantRow {
  id: string;
  consumer: string;
  scopes: string;
  reason: string;
  granted_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  expiry_claimed: number;
}

/** A 71-bit random id collides essentially never; a few retries make "never" certain enough. */
const ID_ATTEMPTS = 3;
/** Shared by every answer without grants, the common case: nothing allocated per request. */
const NO_SCOPES: readonly string[] = Object.freeze([]);
/** 9999-12-31T23:59:59.999Z: beyond it toISOString() gains a sign and text order stops being time order. */
const LAST_ISO_MS = 253_402_300_799_999;

/**
 * The gateway's per-request query. Exported so a test can check SQLite's plan for it: equality on
 * consumer and a range on expires_at, both served by the (consumer, expires_at) index.
 */
export const ACTIVE_SCOPES_SQL = `SELECT scopes FROM grants
  WHERE consumer = ? AND expires_at > ? AND revoked_at IS NULL ORDER BY expires_at`;

/**
 * Finds and marks in ONE statement: SQLite runs it under the write lock, so of two gateways claiming
 * at once the second sees expiry_claimed = 1 and gets nothing, where a SELECT then UPDATE could report
 * the same expiry twice. A revocation after the expiry does not undo the expiry, so that one counts.
 */
export const CLAIM_EXPIRED_SQL = `UPDATE grants SET expiry_claimed = 1
  WHERE expiry_claimed = 0 AND expires_at <= ? AND (revoked_at IS NULL OR revoked_at > expires_at)
  RETURNING *`;

/** Opens the grant store in the shared SQLite file (schema and migrations: sqlite-database.ts). */
export function openSqliteGrantStore(options: { path: string }): GrantStore {
  return createStore(openSqliteDatabase(options.path, 'grant store'));
}

function createStore(db: Database.Database): GrantStore {
  const insert = db.prepare(`INSERT INTO grants (id, consumer, scopes, reason, granted_by, created_at, expires_at)
    VALUES (@id, @consumer, @scopes, @reason, @grantedBy, @createdAt, @expiresAt) ON CONFLICT (id) DO NOTHING`);
  const selectOne = db.prepare<[string], GrantRow>('SELECT * FROM grants WHERE id = ?');
  // One statement for every filter: the table holds grants, not traffic, so a scan is cheap enough.
  const selectMany = db.prepare<{ consumer: string | null; all: number; now: string }, GrantRow>(`SELECT * FROM grants
    WHERE (@consumer IS NULL OR consumer = @consumer) AND (@all = 1 OR (revoked_at IS NULL AND expires_at > @now))
    ORDER BY created_at, rowid`);
  const revoke = db.prepare(`UPDATE grants SET revoked_at = ?, revoked_by = ?, revoked_reason = ?
    WHERE id = ? AND revoked_at IS NULL`);
  const active = db.prepare<[string, string], string>(ACTIVE_SCOPES_SQL).pluck();
  const claim = db.prepare<[string], GrantRow>(CLAIM_EXPIRED_SQL);

  const add = (input: NewGrant, now: number): GrantRecord => {
    const columns = toColumns(input, now);
    for (let attempt = 1; ; attempt++) {
      const id = `${GRANT_ID_PREFIX}${randomBase62(GRANT_ID_LENGTH)}`;
      if (insert.run({ ...columns, id }).changes === 1) {
        const row = selectOne.get(id);
        if (!row) throw new Error('the grant just inserted cannot be read back');
        return toRecord(row);
      }
      if (attempt === ID_ATTEMPTS) throw new Error(`no free grant id after ${ID_ATTEMPTS} attempts`);
    }
  };

  return {
    addGrant: (input) => settle(() => add(input, Date.now())),
    getGrant: (id) => settle(() => {
      const row = selectOne.get(id);
      return row ? toRecord(row) : undefined;
    }),
    listGrants: (filter = {}) => settle(() => selectMany.all({
      consumer: filter.consumer ?? null,
      all: filter.includeInactive === true ? 1 : 0,
      now: isoAt(filter.nowMs ?? Date.now()),
    }).map(toRecord)),
    revokeGrant: (id, revocation) => settle(() => {
      const by = nonEmpty(revocation?.by, 'a revocation needs a by');
      const reason = nonEmpty(revocation?.reason, 'a revocation needs a reason');
      return revoke.run(new Date().toISOString(), by, reason, id).changes === 1;
    }),
    activeScopes(consumer, nowMs) {
      if (typeof consumer !== 'string' || consumer === '') return NO_SCOPES;
      // No cache on purpose, as for API keys: an indexed read costs microseconds, and reading every
      // time is what makes a revocation by the CLI (another process) apply to the very next request.
      const rows = active.all(consumer, isoAt(nowMs));
      if (rows.length === 0) return NO_SCOPES;
      if (rows.length === 1) return parseScopes(rows[0] ?? '[]');
      return [...new Set(rows.flatMap(parseScopes))];
    },
    claimExpired: (nowMs) => settle(() => claim.all(isoAt(nowMs)).map(toRecord)
      .sort((a, b) => compare(a.expiresAt, b.expiresAt) || compare(a.id, b.id))),
    close: () => settle(() => closeSqliteDatabase(db)),
  };
}

interface NewColumns {
  consumer: string;
  scopes: string;
  reason: string;
  grantedBy: string;
  createdAt: string;
  expiresAt: string;
}

/** Checks what a caller passed (the CLI validates its options first) and turns it into columns. */
function toColumns(input: NewGrant, now: number): NewColumns {
  const consumer = nonEmpty(input.consumer, 'a grant needs a consumer');
  if (!Array.isArray(input.scopes) || input.scopes.length === 0 || !input.scopes.every(isScopeToken)) {
    throw new TypeError('a grant needs at least one scope, each an RFC 6749 scope-token');
  }
  const expires = input.expiresAt instanceof Date ? input.expiresAt.getTime() : Number.NaN;
  if (!Number.isFinite(expires)) throw new TypeError('a grant needs a valid expiresAt: every grant ends');
  if (expires <= now) throw new RangeError('expiresAt must be in the future');
  if (expires - now > MAX_GRANT_TTL_MS) throw new RangeError(`a grant lasts at most ${MAX_GRANT_TTL_MS / 86_400_000} days`);
  return {
    consumer,
    scopes: JSON.stringify(input.scopes),
    reason: nonEmpty(input.reason, 'a grant needs a reason'),
    grantedBy: nonEmpty(input.grantedBy, 'a grant needs a grantedBy'),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(expires).toISOString(),
  };
}

function nonEmpty(value: unknown, message: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(message);
  return value;
}

/** Canonical ISO 8601 for `ms`, so text comparison in SQL is time comparison. */
function isoAt(ms: number): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > LAST_ISO_MS) {
    throw new RangeError(`now must be a time in ms since the epoch, not ${String(ms)}`);
  }
  return new Date(ms).toISOString();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseScopes(text: string): string[] {
  return JSON.parse(text) as string[];
}

/** Columns to a record: absent values left out (not set to undefined); the claim flag stays inside. */
function toRecord(row: GrantRow): GrantRecord {
  return {
    id: row.id,
    consumer: row.consumer,
    scopes: parseScopes(row.scopes),
    reason: row.reason,
    grantedBy: row.granted_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.revoked_by === null ? {} : { revokedBy: row.revoked_by }),
    ...(row.revoked_reason === null ? {} : { revokedReason: row.revoked_reason }),
  };
}
