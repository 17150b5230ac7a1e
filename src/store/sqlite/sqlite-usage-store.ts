// SQLite usage store, in the same file as the events and keys. Rows are per (consumer, route,
// operation, day): a busy gateway writes a few hundred rows per flush, not a row per request.
import type Database from 'better-sqlite3';
import { laterOf, unite, type OperationUsage, type PrivilegeSighting, type UsageStore } from '../usage-store.js';
import { closeSqliteDatabase, openSqliteDatabase, settle } from './sqlite-database.js';

interface UsageRow {
  consumer: string;
  kind: string;
  route: string;
  operation: string;
  operation_id: string | null;
  allowed: number;
  denied: number;
  scopes_used: string;
  policies_used: string;
  last_seen: string;
}

interface PrivilegeRow {
  consumer: string;
  kind: string;
  scopes: string;
  roles: string;
  groups_: string;
  last_seen: string;
}

export function openSqliteUsageStore(options: { path: string }): UsageStore {
  return createStore(openSqliteDatabase(options.path, 'usage store'));
}

function createStore(db: Database.Database): UsageStore {
  const selectUsage = db.prepare<[string, string, string, string], UsageRow>(
    'SELECT * FROM access_usage WHERE consumer = ? AND route = ? AND operation = ? AND day = ?');
  const upsertUsage = db.prepare(`INSERT OR REPLACE INTO access_usage
    (consumer, route, operation, day, kind, operation_id, allowed, denied, scopes_used, policies_used, last_seen)
    VALUES (@consumer, @route, @operation, @day, @kind, @operationId, @allowed, @denied, @scopesUsed, @policiesUsed, @lastSeen)`);
  const selectPrivilege = db.prepare<[string, string], PrivilegeRow>(
    'SELECT consumer, kind, scopes, roles, groups_, last_seen FROM consumer_privileges WHERE consumer = ? AND day = ?');
  const upsertPrivilege = db.prepare(`INSERT OR REPLACE INTO consumer_privileges (consumer, day, kind, scopes, roles, groups_, last_seen)
    VALUES (@consumer, @day, @kind, @scopes, @roles, @groups, @lastSeen)`);
  const usageFrom = db.prepare<{ day: string; consumer: string | null }, UsageRow>(`SELECT * FROM access_usage
    WHERE day >= @day AND (@consumer IS NULL OR consumer = @consumer) ORDER BY consumer, route, operation, day`);
  const privilegesFrom = db.prepare<{ day: string; consumer: string | null }, PrivilegeRow>(`SELECT consumer, kind, scopes, roles, groups_, last_seen
    FROM consumer_privileges WHERE day >= @day AND (@consumer IS NULL OR consumer = @consumer) ORDER BY consumer, day`);
  const deleteUsage = db.prepare('DELETE FROM access_usage WHERE day < ?');
  const deletePrivileges = db.prepare('DELETE FROM consumer_privileges WHERE day < ?');

  // Read-merge-write in one IMMEDIATE transaction: two gateway processes flushing into the same
  // bucket serialise instead of overwriting each other's counts.
  const add = db.transaction((day: string, operations: readonly OperationUsage[], privileges: readonly PrivilegeSighting[]) => {
    for (const use of operations) {
      const old = selectUsage.get(use.consumer, use.route, use.operation, day);
      const merged = old ? mergeUsage(toUsage(old), use) : use;
      upsertUsage.run({
        consumer: merged.consumer, route: merged.route, operation: merged.operation, day, kind: merged.kind,
        operationId: merged.operationId ?? null, allowed: merged.allowed, denied: merged.denied,
        scopesUsed: JSON.stringify(unite(merged.scopesUsed, [])), policiesUsed: JSON.stringify(unite(merged.policiesUsed, [])), lastSeen: merged.lastSeen,
      });
    }
    for (const sighting of privileges) {
      const old = selectPrivilege.get(sighting.consumer, day);
      const merged = old ? mergePrivileges(toPrivileges(old), sighting) : sighting;
      upsertPrivilege.run({
        consumer: merged.consumer, day, kind: merged.kind, lastSeen: merged.lastSeen,
        scopes: JSON.stringify(unite(merged.scopes, [])), roles: JSON.stringify(unite(merged.roles, [])), groups: JSON.stringify(unite(merged.groups, [])),
      });
    }
  });

  return {
    addUsage: (day, operations, privileges) => settle(() => {
      add.immediate(day, operations, privileges);
    }),
    usageSince: (sinceDay, consumer) => settle(() => {
      const merged = new Map<string, OperationUsage>();
      for (const row of usageFrom.all({ day: sinceDay, consumer: consumer ?? null })) {
        const use = toUsage(row);
        const key = JSON.stringify([use.consumer, use.route, use.operation]);
        const seen = merged.get(key);
        merged.set(key, seen ? mergeUsage(seen, use) : use);
      }
      return [...merged.values()];
    }),
    privilegesSince: (sinceDay, consumer) => settle(() => {
      const merged = new Map<string, PrivilegeSighting>();
      for (const row of privilegesFrom.all({ day: sinceDay, consumer: consumer ?? null })) {
        const sighting = toPrivileges(row);
        const seen = merged.get(sighting.consumer);
        merged.set(sighting.consumer, seen ? mergePrivileges(seen, sighting) : sighting);
      }
      return [...merged.values()];
    }),
    deleteUsageBefore: (day) => settle(() => db.transaction(() => deleteUsage.run(day).changes + deletePrivileges.run(day).changes).immediate()),
    close: () => settle(() => closeSqliteDatabase(db)),
  };
}

function mergeUsage(a: OperationUsage, b: OperationUsage): OperationUsage {
  const operationId = b.operationId ?? a.operationId;
  return {
    consumer: a.consumer, route: a.route, operation: a.operation, kind: b.lastSeen >= a.lastSeen ? b.kind : a.kind,
    ...(operationId === undefined ? {} : { operationId }),
    allowed: a.allowed + b.allowed, denied: a.denied + b.denied,
    scopesUsed: unite(a.scopesUsed, b.scopesUsed), policiesUsed: unite(a.policiesUsed, b.policiesUsed), lastSeen: laterOf(a.lastSeen, b.lastSeen),
  };
}

function mergePrivileges(a: PrivilegeSighting, b: PrivilegeSighting): PrivilegeSighting {
  return {
    consumer: a.consumer, kind: b.lastSeen >= a.lastSeen ? b.kind : a.kind,
    scopes: unite(a.scopes, b.scopes), roles: unite(a.roles, b.roles), groups: unite(a.groups, b.groups), lastSeen: laterOf(a.lastSeen, b.lastSeen),
  };
}

function toUsage(row: UsageRow): OperationUsage {
  return {
    consumer: row.consumer, kind: row.kind, route: row.route, operation: row.operation,
    ...(row.operation_id === null ? {} : { operationId: row.operation_id }),
    allowed: row.allowed, denied: row.denied, scopesUsed: parseList(row.scopes_used), policiesUsed: parseList(row.policies_used), lastSeen: row.last_seen,
  };
}

function toPrivileges(row: PrivilegeRow): PrivilegeSighting {
  return {
    consumer: row.consumer, kind: row.kind, scopes: parseList(row.scopes), roles: parseList(row.roles), groups: parseList(row.groups_), lastSeen: row.last_seen,
  };
}

function parseList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
