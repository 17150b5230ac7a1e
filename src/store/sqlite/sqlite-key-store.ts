// SQLite API key store, in the same file as the event store. Synchronous underneath (better-sqlite3),
// so verifyKey answers without a promise and the gateway can check a key inline on every request.
import type Database from 'better-sqlite3';
import { generateApiKey, isApiKeySecretMatch } from '../api-key-secret.js';
import { parseApiKey, type ApiKeyRecord, type KeyStore, type NewApiKey } from '../key-store.js';
import { closeSqliteDatabase, openSqliteDatabase, settle } from './sqlite-database.js';

interface KeyRow {
  id: string;
  secret_hash: Buffer;
  consumer: string;
  scopes: string;
  name: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  rotated_to: string | null;
}

/** A 71-bit random id collides essentially never; a few retries make "never" certain enough. */
const ID_ATTEMPTS = 3;

/** Opens the key store in the shared SQLite file (schema and migrations: sqlite-database.ts). */
export function openSqliteKeyStore(options: { path: string }): KeyStore {
  return createStore(openSqliteDatabase(options.path, 'key store'));
}

function createStore(db: Database.Database): KeyStore {
  const insert = db.prepare(`INSERT INTO api_keys (id, secret_hash, consumer, scopes, name, created_at, expires_at)
    VALUES (@id, @secretHash, @consumer, @scopes, @name, @createdAt, @expiresAt) ON CONFLICT (id) DO NOTHING`);
  const selectOne = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE id = ?');
  // One statement for every filter: the table holds keys, not traffic, so a scan is cheap enough.
  const selectMany = db.prepare<{ consumer: string | null; includeRevoked: number }, KeyRow>(`SELECT * FROM api_keys
    WHERE (@consumer IS NULL OR consumer = @consumer) AND (@includeRevoked = 1 OR revoked_at IS NULL)
    ORDER BY created_at, rowid`);
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL');
  const markRotated = db.prepare('UPDATE api_keys SET expires_at = ?, rotated_to = ? WHERE id = ?');

  const create = (input: NewApiKey, now: number): { record: ApiKeyRecord; key: string } => {
    const columns = toColumns(input, now);
    for (let attempt = 1; ; attempt++) {
      const generated = generateApiKey();
      if (insert.run({ ...columns, id: generated.id, secretHash: generated.secretHash }).changes === 1) {
        return { record: toRecord(mustExist(selectOne.get(generated.id))), key: generated.key };
      }
      if (attempt === ID_ATTEMPTS) throw new Error(`no free key id after ${ID_ATTEMPTS} attempts`);
    }
  };

  const rotate = db.transaction((id: string, overlapMs: number, now: number) => {
    const old = selectOne.get(id);
    if (!old || old.revoked_at !== null || old.rotated_to !== null) return undefined;
    // Keep the old key's lifetime: a key made with --ttl 30d is replaced by another 30-day key.
    const lifetime = old.expires_at === null ? undefined : Date.parse(old.expires_at) - Date.parse(old.created_at);
    const created = create({
      consumer: old.consumer, scopes: parseScopes(old.scopes), name: old.name ?? undefined,
      expiresAt: lifetime === undefined ? undefined : new Date(now + Math.max(lifetime, 0)),
    }, now);
    const overlapEnd = now + overlapMs;
    const oldExpiry = old.expires_at === null ? overlapEnd : Math.min(Date.parse(old.expires_at), overlapEnd);
    markRotated.run(new Date(oldExpiry).toISOString(), created.record.id, id);
    return created;
  });

  return {
    createKey: (input) => settle(() => create(input, Date.now())),
    verifyKey(presented) {
      const parsed = parseApiKey(presented);
      if (!parsed) return undefined;
      // No cache on purpose: a primary-key read costs microseconds, and reading every time is what
      // makes a revocation by another process (the CLI) apply to the very next request. Whether an
      // id exists may show in the timing; ids are not secret (they appear in events).
      const row = selectOne.get(parsed.id);
      return row && isApiKeySecretMatch(row.secret_hash, parsed.secret) ? toRecord(row) : undefined;
    },
    getKey: (id) => settle(() => {
      const row = selectOne.get(id);
      return row ? toRecord(row) : undefined;
    }),
    listKeys: (filter = {}) => settle(() =>
      selectMany.all({ consumer: filter.consumer ?? null, includeRevoked: filter.includeRevoked === true ? 1 : 0 }).map(toRecord)),
    revokeKey: (id, reason) => settle(() => {
      if (typeof reason !== 'string' || reason.trim() === '') throw new TypeError('a revocation needs a reason');
      return revoke.run(new Date().toISOString(), reason, id).changes === 1;
    }),
    rotateKey: (id, overlapMs) => settle(() => {
      if (!Number.isFinite(overlapMs) || overlapMs < 0) throw new RangeError(`overlap must be a finite number of milliseconds ≥ 0, not ${overlapMs}`);
      // IMMEDIATE: the read and the writes must see one state, even with another process writing.
      return rotate.immediate(id, overlapMs, Date.now());
    }),
    close: () => settle(() => closeSqliteDatabase(db)),
  };
}

interface NewColumns {
  consumer: string;
  scopes: string;
  name: string | null;
  createdAt: string;
  expiresAt: string | null;
}

/** Checks what a caller passed (the CLI validates its options first) and turns it into columns. */
function toColumns(input: NewApiKey, now: number): NewColumns {
  if (typeof input.consumer !== 'string' || input.consumer.trim() === '') throw new TypeError('an API key needs a consumer');
  if (!Array.isArray(input.scopes) || !input.scopes.every((scope) => typeof scope === 'string' && scope !== '')) {
    throw new TypeError('scopes must be a list of non-empty strings');
  }
  const expires = input.expiresAt?.getTime();
  if (expires !== undefined && !Number.isFinite(expires)) throw new TypeError('expiresAt is not a valid date');
  return {
    consumer: input.consumer,
    scopes: JSON.stringify(input.scopes),
    name: input.name ?? null,
    createdAt: new Date(now).toISOString(),
    expiresAt: expires === undefined ? null : new Date(expires).toISOString(),
  };
}

function parseScopes(text: string): string[] {
  return JSON.parse(text) as string[];
}

function mustExist(row: KeyRow | undefined): KeyRow {
  if (!row) throw new Error('the key just inserted cannot be read back');
  return row;
}

/** Columns to a record: absent values left out (not set to undefined), and never the hash. */
function toRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    consumer: row.consumer,
    scopes: parseScopes(row.scopes),
    ...(row.name === null ? {} : { name: row.name }),
    createdAt: row.created_at,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.revoked_reason === null ? {} : { revokedReason: row.revoked_reason }),
    ...(row.rotated_to === null ? {} : { rotatedTo: row.rotated_to }),
  };
}
