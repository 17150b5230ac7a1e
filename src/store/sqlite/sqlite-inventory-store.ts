// SQLite inventory store, in the same file as the events and keys: one row per operation, written
// only when discovery has learned something new about it, and named learner state.
import type Database from 'better-sqlite3';
import type { InventoryChange, InventoryStore, StoredOperation } from '../inventory-store.js';
import { closeSqliteDatabase, openSqliteDatabase, settle } from './sqlite-database.js';

interface OperationRow {
  id: string;
  host: string;
  method: string;
  template: string;
  first_seen: string;
  last_seen: string;
  calls: number;
  data: string;
}

export function openSqliteInventoryStore(options: { path: string }): InventoryStore {
  return createStore(openSqliteDatabase(options.path, 'inventory store'));
}

function createStore(db: Database.Database): InventoryStore {
  const selectOperations = db.prepare<[], OperationRow>('SELECT * FROM inventory_operations ORDER BY host, template, method');
  const selectState = db.prepare<[], { name: string; data: string }>('SELECT name, data FROM inventory_state');
  const upsertOperation = db.prepare(`INSERT OR REPLACE INTO inventory_operations (id, host, method, template, first_seen, last_seen, calls, data)
    VALUES (@id, @host, @method, @template, @firstSeen, @lastSeen, @calls, @data)`);
  const deleteOperation = db.prepare('DELETE FROM inventory_operations WHERE id = ?');
  const upsertState = db.prepare('INSERT OR REPLACE INTO inventory_state (name, data, updated_at) VALUES (?, ?, ?)');

  const save = db.transaction((change: InventoryChange) => {
    const now = new Date().toISOString();
    for (const [name, value] of Object.entries(change.state ?? {})) upsertState.run(name, JSON.stringify(value), now);
    for (const id of change.remove ?? []) deleteOperation.run(id);
    for (const operation of change.upsert) upsertOperation.run({ ...operation, data: JSON.stringify(operation.data) });
  });
  const clear = db.transaction(() => {
    db.prepare('DELETE FROM inventory_operations').run();
    db.prepare('DELETE FROM inventory_state').run();
  });

  return {
    loadInventory: () => settle(() => ({
      state: new Map(selectState.all().map((row) => [row.name, JSON.parse(row.data) as unknown])),
      operations: selectOperations.all().map(toOperation),
    })),
    saveInventory: (change) => settle(() => save.immediate(change)),
    clearInventory: () => settle(() => clear.immediate()),
    close: () => settle(() => closeSqliteDatabase(db)),
  };
}

function toOperation(row: OperationRow): StoredOperation {
  return {
    id: row.id, host: row.host, method: row.method, template: row.template, firstSeen: row.first_seen, lastSeen: row.last_seen,
    calls: row.calls, data: JSON.parse(row.data) as unknown,
  };
}
