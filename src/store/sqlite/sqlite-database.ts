// The SQLite file the stores share (store.sqlite.path): its one schema history, and how a store opens
// it (WAL, busy timeout, migrations). Each store (events, API keys) opens its own connection to it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BulwarkError } from '../../core/errors.js';

export interface SqliteMigration {
  /** Strictly increasing; recorded in `schema_migrations` once applied. Never edit a shipped one. */
  version: number;
  description: string;
  sql: string;
}

/**
 * The schema history of the whole file, oldest first, whichever store added each step. Add a
 * migration to change the schema; never rewrite one.
 *
 * One list rather than one per store: `schema_migrations` records a single version number per file,
 * and opening refuses a file whose version is newer than the last migration it knows. A second list
 * numbered from 1 would see version 1 as applied (the events table) and skip its own first step, and
 * a file migrated by one list would look "from the future" to the other. With one history every
 * store brings the whole file up to date, whichever opens it first, and existing databases simply
 * gain the newer steps when they are next opened.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'events table with time-ordered indexes',
    // `time` holds canonical UTC ISO 8601 (toISOString), so text order is time order; `data` is
    // the whole event as JSON, returned as is. Every index ends in (time, id), the sort key.
    sql: `
      CREATE TABLE events (
        id TEXT PRIMARY KEY NOT NULL,
        time TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        action TEXT NOT NULL,
        status INTEGER,
        route TEXT,
        method TEXT,
        path TEXT,
        consumer TEXT,
        client_ip TEXT,
        request_id TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX events_time ON events (time, id);
      CREATE INDEX events_rule_time ON events (rule_id, time, id);
      CREATE INDEX events_action_time ON events (action, time, id);`,
  },
  {
    version: 2,
    description: 'api_keys table (SHA-256 of the secret, never the key)',
    // `secret_hash` is the 32-byte SHA-256 of the key's secret part; the key itself is never stored.
    // Times are canonical UTC ISO 8601 like `events.time`; `scopes` is a JSON array of strings.
    sql: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY NOT NULL,
        secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
        consumer TEXT NOT NULL,
        scopes TEXT NOT NULL,
        name TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT,
        revoked_reason TEXT,
        rotated_to TEXT
      );
      CREATE INDEX api_keys_consumer ON api_keys (consumer, created_at);`,
  },
  {
    version: 3,
    description: 'grants table (time-bound scopes per consumer)',
    // Times are canonical UTC ISO 8601 like `events.time`; `scopes` is a JSON array of strings.
    // (consumer, expires_at) serves the gateway's per-request lookup of a consumer's active grants;
    // the partial index keeps claiming expiries cheap however many finished grants accumulate.
    // `expiry_claimed` is set by the one gateway that reports the expiry, so it is reported once.
    sql: `
      CREATE TABLE grants (
        id TEXT PRIMARY KEY NOT NULL,
        consumer TEXT NOT NULL,
        scopes TEXT NOT NULL,
        reason TEXT NOT NULL,
        granted_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        revoked_by TEXT,
        revoked_reason TEXT,
        expiry_claimed INTEGER NOT NULL DEFAULT 0 CHECK (expiry_claimed IN (0, 1))
      );
      CREATE INDEX grants_consumer_expires ON grants (consumer, expires_at);
      CREATE INDEX grants_unclaimed_expiry ON grants (expires_at) WHERE expiry_claimed = 0;`,
  },
  {
    version: 4,
    description: 'access usage and consumer privileges per day (for bulwark access report)',
    // One row per (consumer, route, operation, day) and per (consumer, day): aggregates, not
    // traffic. `day` is the UTC date (YYYY-MM-DD); list columns are sorted JSON arrays of strings.
    // `groups_` because GROUPS is an SQL keyword (window frames).
    sql: `
      CREATE TABLE access_usage (
        consumer TEXT NOT NULL,
        route TEXT NOT NULL,
        operation TEXT NOT NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        operation_id TEXT,
        allowed INTEGER NOT NULL,
        denied INTEGER NOT NULL,
        scopes_used TEXT NOT NULL,
        policies_used TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (consumer, route, operation, day)
      ) WITHOUT ROWID;
      CREATE INDEX access_usage_day ON access_usage (day);
      CREATE TABLE consumer_privileges (
        consumer TEXT NOT NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        scopes TEXT NOT NULL,
        roles TEXT NOT NULL,
        groups_ TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (consumer, day)
      ) WITHOUT ROWID;
      CREATE INDEX consumer_privileges_day ON consumer_privileges (day);`,
  },
  {
    version: 5,
    description: 'API inventory learned by discovery (operations and learner state)',
    // One row per operation on a host; `data` is discovery's record of it as JSON (schemas, parameters,
    // auth, sensitive fields: masked samples only, never raw values). `inventory_state` holds learner
    // state that is not per operation (path templates), by name.
    sql: `
      CREATE TABLE inventory_operations (
        id TEXT PRIMARY KEY NOT NULL,
        host TEXT NOT NULL,
        method TEXT NOT NULL,
        template TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        calls INTEGER NOT NULL,
        data TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE inventory_state (
        name TEXT PRIMARY KEY NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;`,
  },
];

/** How long a writer waits for another process's lock before failing (SQLITE_BUSY). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating the file and its directory as needed) and migrates the database at `path`.
 * `purpose` names the store in error messages ("event store", "key store").
 */
export function openSqliteDatabase(path: string, purpose: string): Database.Database {
  const db = openDatabase(path, purpose);
  try {
    applyMigrations(db, SQLITE_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function openDatabase(path: string, purpose: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets the CLI and admin API read while the gateway writes; with WAL, synchronous=NORMAL
    // stays consistent after a crash and may lose only the last transactions on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db?.close();
    throw new BulwarkError('STORE_OPEN_FAILED', `cannot open the ${purpose} at ${path}: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * Brings the schema up to the last migration, all pending ones in one IMMEDIATE transaction (so
 * two processes opening the same file at once cannot both migrate). Exported for the upgrade tests.
 */
export function applyMigrations(db: Database.Database, migrations: readonly SqliteMigration[]): void {
  let current: SqliteMigration | undefined;
  const migrate = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const applied = row.version ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (applied > latest) {
      throw new Error(`the database has schema version ${applied}, newer than this Bulwark knows (${latest}); upgrade Bulwark`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
    let previous = 0;
    for (const migration of migrations) {
      current = migration;
      if (migration.version <= previous) throw new Error(`migration versions must increase (${migration.version})`);
      previous = migration.version;
      if (migration.version <= applied) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
  });
  try {
    migrate.immediate();
  } catch (error) {
    const which = current ? ` (migration ${current.version}: ${current.description})` : '';
    throw new BulwarkError('STORE_MIGRATION_FAILED', `store schema migration failed${which}: ${messageOf(error)}`, { cause: error });
  }
}

/** Closes the connection once; later calls do nothing. */
export function closeSqliteDatabase(db: Database.Database): void {
  if (!db.open) return;
  try {
    db.pragma('optimize'); // SQLite's advice for long-lived connections: refresh planner stats on close
  } finally {
    db.close();
  }
}

/** Runs synchronous driver work behind the async interface: a throw becomes a rejection. */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
