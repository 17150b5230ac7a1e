// SQLite event store: the default, zero-set-up backend. better-sqlite3 is synchronous, which suits
// this use: inserts arrive in batches from the event writer, queries come from the CLI / admin API.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { SecurityEvent } from '../../core/types.js';
import type { EventStore } from '../event-store.js';
import { canonicalTime, normalizeEventQuery, queryTime, type NormalizedEventQuery } from '../event-query.js';
import { closeSqliteDatabase, openSqliteDatabase, settle } from './sqlite-database.js';

/** Retention deletes in chunks so one large purge does not hold the write lock for seconds. */
const DELETE_CHUNK = 5000;

/** Opens the event store in the shared SQLite file (schema and migrations: sqlite-database.ts). */
export function openSqliteEventStore(options: { path: string }): EventStore {
  return createStore(openSqliteDatabase(options.path, 'event store'));
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
    close: () => settle(() => closeSqliteDatabase(db)),
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
