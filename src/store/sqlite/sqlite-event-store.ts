// SQLite event store: the default, zero-set-up backend. better-sqlite3 is synchronous, which suits
// this use: inserts arrive in batches from the event writer, queries come from the CLI / admin API.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { BulwarkError } from '../../core/errors.js';
import type { SecurityEvent } from '../../core/types.js';
import type { EventStore } from '../event-store.js';
import { canonicalTime, normalizeEventQuery, queryTime, type NormalizedEventQuery } from '../event-query.js';

export interface SqliteMigration {
  /** Strictly increasing; recorded in `schema_migrations` once applied. Never edit a shipped one. */
  version: number;
  description: string;
  sql: string;
}

/** The schema history, oldest first. Add a migration to change the schema; never rewrite one. */
export const SQLITE_EVENT_MIGRATIONS: readonly SqliteMigration[] = [
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
];

/** How long a writer waits for another process's lock before failing (SQLITE_BUSY). */
const BUSY_TIMEOUT_MS = 5000;
/** Retention deletes in chunks so one large purge does not hold the write lock for seconds. */
const DELETE_CHUNK = 5000;

export function openSqliteEventStore(options: { path: string }): EventStore {
  const db = openDatabase(options.path);
  try {
    applyMigrations(db, SQLITE_EVENT_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return createStore(db);
}

function openDatabase(path: string): Database.Database {
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
    throw new BulwarkError('STORE_OPEN_FAILED', `cannot open the event store at ${path}: ${messageOf(error)}`, { cause: error });
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
    throw new BulwarkError('STORE_MIGRATION_FAILED', `event store schema migration failed${which}: ${messageOf(error)}`, { cause: error });
  }
}

type EventRow = Record<
  'id' | 'time' | 'ruleId' | 'stage' | 'category' | 'severity' | 'action' | 'route' | 'method' | 'path' | 'consumer' | 'clientIp' | 'requestId' | 'data',
  string | null
> & { status: number | null };

function toRow(event: SecurityEvent): EventRow {
  const time = canonicalTime(event.time);
  if (time === undefined) throw new TypeError(`event ${event.id}: time "${event.time}" is not an ISO 8601 date-time`);
  return {
    id: event.id, time, ruleId: event.ruleId, stage: event.stage, category: event.category,
    severity: event.severity, action: event.action, status: event.status ?? null, route: event.route ?? null,
    method: event.method ?? null, path: event.path ?? null, consumer: event.consumer ?? null,
    clientIp: event.clientIp ?? null, requestId: event.requestId ?? null, data: JSON.stringify(event),
  };
}

function createStore(db: Database.Database): EventStore {
  // ON CONFLICT DO NOTHING makes inserts idempotent by id, so a writer retrying a batch whose
  // commit it could not confirm never fails on, or duplicates, the events already stored.
  const insert = db.prepare(`INSERT INTO events (id, time, rule_id, stage, category, severity, action, status,
      route, method, path, consumer, client_ip, request_id, data)
    VALUES (@id, @time, @ruleId, @stage, @category, @severity, @action, @status,
      @route, @method, @path, @consumer, @clientIp, @requestId, @data)
    ON CONFLICT (id) DO NOTHING`);
  const insertAll = db.transaction((rows: readonly EventRow[]) => {
    for (const row of rows) insert.run(row);
  });
  const deleteChunk = db.prepare(
    'DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE time < ? ORDER BY time LIMIT ?)',
  );
  // One prepared statement per filter combination actually used (at most 2^8), compiled once.
  const selects = new Map<string, Database.Statement<unknown[], { data: string }>>();

  return {
    insertEvents: (events) => settle(() => {
      if (events.length > 0) insertAll(events.map(toRow)); // toRow validates every event before the transaction
    }),
    queryEvents: (query) => settle(() => {
      const { sql, params } = buildSelect(normalizeEventQuery(query));
      let select = selects.get(sql);
      if (!select) {
        select = db.prepare<unknown[], { data: string }>(sql);
        selects.set(sql, select);
      }
      return select.all(...params).map((row) => JSON.parse(row.data) as SecurityEvent);
    }),
    async deleteEventsBefore(time) {
      const cutoff = queryTime('time', time);
      let deleted = 0;
      for (;;) {
        const { changes } = deleteChunk.run(cutoff, DELETE_CHUNK);
        deleted += changes;
        if (changes < DELETE_CHUNK) return deleted;
        await yieldToEventLoop(); // let the gateway's own inserts in between chunks
      }
    },
    close: () => settle(() => {
      if (!db.open) return;
      try {
        db.pragma('optimize'); // SQLite's advice for long-lived connections: refresh planner stats on close
      } finally {
        db.close();
      }
    }),
  };
}

function buildSelect(query: NormalizedEventQuery): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | undefined)[]) => {
    if (values[0] === undefined) return;
    where.push(clause);
    for (const value of values) params.push(value ?? '');
  };
  add('time >= ?', query.since);
  add('time < ?', query.until);
  add('rule_id = ?', query.ruleId);
  add('action = ?', query.action);
  add('stage = ?', query.stage);
  add('route = ?', query.route);
  add('client_ip = ?', query.clientIp);
  add('(time, id) < (?, ?)', query.before?.time, query.before?.id);
  params.push(query.limit);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT data FROM events ${filter} ORDER BY time DESC, id DESC LIMIT ?`, params };
}

/** Runs synchronous driver work behind the async interface: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
