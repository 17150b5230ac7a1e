import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sampleEvent } from '../event-store.contract.js';
import { hashApiKeySecret } from '../api-key-secret.js';
import { runKeyStoreContract } from '../key-store.contract.js';
import { parseApiKey } from '../key-store.js';
import { applyMigrations, SQLITE_MIGRATIONS } from './sqlite-database.js';
import { openSqliteEventStore } from './sqlite-event-store.js';
import { openSqliteKeyStore } from './sqlite-key-store.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-sqlite-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(dir, `db-${++files}`, 'bulwark.db');

runKeyStoreContract('sqlite (in memory)', () => openSqliteKeyStore({ path: ':memory:' }));
runKeyStoreContract('sqlite (file)', () => openSqliteKeyStore({ path: tempFile() }));

/** The bytes of the database and, while a connection is open, of its write-ahead log. */
function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
}

describe('openSqliteKeyStore', () => {
  test('stores neither the key nor its secret, only the secret\'s SHA-256', async () => {
    const path = tempFile();
    const store = openSqliteKeyStore({ path });
    const created = await Promise.all(Array.from({ length: 5 }, (_, i) => store.createKey({ consumer: `c${i}`, scopes: ['read'] })));
    const rotated = await store.rotateKey(created[0]!.record.id, 60_000);
    const keys = [...created.map((c) => c.key), rotated!.key];
    const check = (bytes: Buffer, when: string) => {
      for (const key of keys) {
        const { id, secret } = parseApiKey(key)!;
        assert.ok(bytes.includes(hashApiKeySecret(secret)), `${when}: the hash is there, so the search can find stored data`);
        assert.ok(bytes.includes(id), `${when}: the id is stored`);
        assert.equal(bytes.includes(secret), false, `${when}: the secret is not stored`);
        assert.equal(bytes.includes(secret.slice(0, 16)), false, `${when}: no part of the secret is stored`);
        assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false, `${when}: nor in UTF-16`);
      }
    };
    check(fileBytes(path), 'while open (database + WAL)');
    await store.close();
    check(fileBytes(path), 'after close');
  });

  test('verifyKey answers synchronously, without a promise', async () => {
    const store = openSqliteKeyStore({ path: ':memory:' });
    try {
      const { key, record } = await store.createKey({ consumer: 'c', scopes: [] });
      const found = store.verifyKey(key);
      assert.equal(found instanceof Promise, false);
      assert.deepEqual(found, record);
      assert.equal(store.verifyKey('bwk_nope'), undefined);
    } finally {
      await store.close();
    }
  });

  test('a revocation by another process (connection) applies to the very next verification', async () => {
    const path = tempFile();
    const gateway = openSqliteKeyStore({ path });
    const cli = openSqliteKeyStore({ path });
    try {
      const { key, record } = await cli.createKey({ consumer: 'c', scopes: [] });
      assert.equal(gateway.verifyKey(key) instanceof Promise, false);
      assert.equal((gateway.verifyKey(key) as { revokedAt?: string }).revokedAt, undefined);
      const revokedAt = performance.now();
      assert.equal(await cli.revokeKey(record.id, 'leaked'), true);
      const seen = gateway.verifyKey(key) as { revokedReason?: string } | undefined;
      assert.equal(seen?.revokedReason, 'leaked');
      assert.ok(performance.now() - revokedAt < 1000, 'well under a second');
    } finally {
      await gateway.close();
      await cli.close();
    }
  });

  test('shares the file with the event store and uses WAL', async () => {
    const path = tempFile();
    const events = openSqliteEventStore({ path });
    const keys = openSqliteKeyStore({ path });
    await events.insertEvents([sampleEvent(1, 0)]);
    await keys.createKey({ consumer: 'c', scopes: [] });
    await events.close();
    await keys.close();
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n, 1);
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM api_keys').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
  });

  test('upgrades a database of an older Bulwark (events only), keeping its events', async () => {
    const path = tempFile();
    const events = openSqliteEventStore({ path });
    await events.close();
    // Rebuild the file as the version before API keys left it.
    rmSync(path);
    const old = new Database(path);
    applyMigrations(old, SQLITE_MIGRATIONS.filter((m) => m.version === 1));
    old.prepare("INSERT INTO events (id, time, rule_id, stage, category, severity, action, data) VALUES ('e1', '2024-05-01T10:00:00.000Z', 'r', 's', 'c', 'info', 'allowed', '{}')").run();
    old.close();
    const keys = openSqliteKeyStore({ path });
    const { key } = await keys.createKey({ consumer: 'c', scopes: [] });
    assert.ok(keys.verifyKey(key));
    await keys.close();
    const db = new Database(path, { readonly: true });
    try {
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      assert.deepEqual(versions.map((row) => row.version), SQLITE_MIGRATIONS.map((m) => m.version));
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
  });
});
