import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isBulwarkError } from '../../core/errors.js';
import { runEventStoreContract, sampleEvent } from '../event-store.contract.js';
import { applyMigrations, SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-database.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(dir, `db-${++files}`, 'events.db');

runEventStoreContract('sqlite (in memory)', () => openSqliteEventStore({ path: ':memory:' }));
runEventStoreContract('sqlite (file)', () => openSqliteEventStore({ path: tempFile() }));

function versions(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((row) => (row as { version: number }).version);
  } finally {
    db.close();
  }
}

const hasCode = (code: string) => (error: unknown) => isBulwarkError(error) && error.code === code;

describe('openSqliteEventStore', () => {
  test('creates the parent directory and uses WAL on a file database', async () => {
    const path = tempFile();
    const store = openSqliteEventStore({ path });
    await store.insertEvents([sampleEvent(1, 0)]);
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  test('applies migrations once: reopening keeps data and schema version', async () => {
    const path = tempFile();
    const first = openSqliteEventStore({ path });
    await first.insertEvents([sampleEvent(1, 0)]);
    await first.close();
    const second = openSqliteEventStore({ path });
    assert.equal((await second.queryEvents({})).length, 1);
    await second.close();
    assert.deepEqual(versions(path), SQLITE_MIGRATIONS.map((m) => m.version));
  });

  test('upgrades a database created by an older migration set, keeping its events', async () => {
    const path = tempFile();
    const store = openSqliteEventStore({ path });
    await store.insertEvents([sampleEvent(1, 0)]);
    await store.close();
    const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
    const next: SqliteMigration = { version: latest + 1, description: 'index on request id', sql: 'CREATE INDEX events_request ON events (request_id)' };
    const db = new Database(path);
    try {
      applyMigrations(db, [...SQLITE_MIGRATIONS, next]);
      applyMigrations(db, [...SQLITE_MIGRATIONS, next]); // second run: nothing to do, no error
      const index = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'events_request'").get();
      assert.ok(index);
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
    assert.deepEqual(versions(path), [...SQLITE_MIGRATIONS.map((m) => m.version), latest + 1]);
  });

  test('a failing migration rolls back entirely and raises STORE_MIGRATION_FAILED', () => {
    const db = new Database(':memory:');
    try {
      const broken: SqliteMigration[] = [
        { version: 1, description: 'ok', sql: 'CREATE TABLE a (x)' },
        { version: 2, description: 'broken', sql: 'CREATE TABLE b (' },
      ];
      assert.throws(() => applyMigrations(db, broken), hasCode('STORE_MIGRATION_FAILED'));
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'schema_migrations')").all();
      assert.deepEqual(tables, []);
    } finally {
      db.close();
    }
  });

  test('refuses a database whose schema is newer than this version', async () => {
    const path = tempFile();
    await openSqliteEventStore({ path }).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'from the future', '2030-01-01T00:00:00Z')").run();
    db.close();
    assert.throws(() => openSqliteEventStore({ path }), hasCode('STORE_MIGRATION_FAILED'));
  });

  test('refuses migrations out of order', () => {
    const db = new Database(':memory:');
    try {
      const unordered = [SQLITE_MIGRATIONS[0]!, { version: 0, description: 'x', sql: 'SELECT 1' }];
      assert.throws(() => applyMigrations(db, unordered), hasCode('STORE_MIGRATION_FAILED'));
    } finally {
      db.close();
    }
  });

  test('a file that is not a database raises STORE_OPEN_FAILED naming the path', () => {
    const path = join(dir, 'not-a-db.db');
    writeFileSync(path, 'this is not an SQLite database, just some text that is long enough to have a header');
    assert.throws(
      () => openSqliteEventStore({ path }),
      (error) => hasCode('STORE_OPEN_FAILED')(error) && (error as Error).message.includes(path),
    );
  });

  test('an unusable path raises STORE_OPEN_FAILED', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, '');
    assert.throws(() => openSqliteEventStore({ path: join(blocker, 'sub', 'events.db') }), hasCode('STORE_OPEN_FAILED'));
    assert.equal(existsSync(join(blocker, 'sub')), false);
  });

  test('deletes in chunks beyond the chunk size', async () => {
    const store = openSqliteEventStore({ path: ':memory:' });
    try {
      await store.insertEvents(Array.from({ length: 12_345 }, (_, n) => sampleEvent(n, n)));
      assert.equal(await store.deleteEventsBefore('2030-01-01T00:00:00Z'), 12_345);
      assert.deepEqual(await store.queryEvents({}), []);
    } finally {
      await store.close();
    }
  });

  test('pages use the time index rather than a full sort', () => {
    const db = new Database(':memory:');
    try {
      applyMigrations(db, SQLITE_MIGRATIONS);
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT data FROM events WHERE (time, id) < (?, ?) ORDER BY time DESC, id DESC LIMIT 10')
        .all('2024-01-01T00:00:00.000Z', 'x')
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
      assert.match(plan, /USING INDEX events_time/);
      assert.doesNotMatch(plan, /TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
