import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { runGrantStoreContract } from '../grant-store.contract.js';
import { applyMigrations, SQLITE_MIGRATIONS } from './sqlite-database.js';
import { openSqliteEventStore } from './sqlite-event-store.js';
import { ACTIVE_SCOPES_SQL, CLAIM_EXPIRED_SQL, openSqliteGrantStore } from './sqlite-grant-store.js';
import { openSqliteKeyStore } from './sqlite-key-store.js';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-sqlite-grants-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(dir, `db-${++files}`, 'bulwark.db');
const WORKER = new URL('../../../test/helpers/grant-claim-worker.ts', import.meta.url);

runGrantStoreContract('sqlite (in memory)', () => openSqliteGrantStore({ path: ':memory:' }));
runGrantStoreContract('sqlite (file)', () => openSqliteGrantStore({ path: tempFile() }), () => {
  const path = tempFile();
  return Promise.resolve([openSqliteGrantStore({ path }), openSqliteGrantStore({ path })]);
});

const newGrant = (consumer: string, ttlMs: number, scopes = ['a']) =>
  ({ consumer, scopes, reason: 'r', grantedBy: 'alice', expiresAt: new Date(Date.now() + ttlMs) });

/** Runs `body` on a read-only connection to `path`. */
function inspect<T>(path: string, body: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

/** One stand-in gateway process: resolves once it has opened the store, then claims on request. */
async function startClaimer(path: string): Promise<{ claimUntil(until: number): Promise<string[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER.pathname, path], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  assert.equal(first.value, 'ready', 'the claim worker did not start');
  return {
    async claimUntil(until) {
      child.stdin.write(`${JSON.stringify({ until })}\n`);
      const result = await lines.next();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
      return JSON.parse(String(result.value)) as string[];
    },
  };
}

describe('openSqliteGrantStore', () => {
  test('activeScopes answers synchronously, without a promise', async () => {
    const store = openSqliteGrantStore({ path: ':memory:' });
    try {
      await store.addGrant(newGrant('acme', HOUR, ['x', 'y']));
      const scopes = store.activeScopes('acme', Date.now());
      assert.equal(scopes instanceof Promise, false);
      assert.deepEqual(scopes, ['x', 'y']);
      assert.deepEqual(store.activeScopes('nobody', Date.now()), []);
    } finally {
      await store.close();
    }
  });

  test('the per-request lookup and the expiry claim are index searches, not table scans', async () => {
    const path = tempFile();
    const store = openSqliteGrantStore({ path });
    // Enough rows, and ANALYZE, that the planner would rather scan if no index fitted.
    await Promise.all(Array.from({ length: 500 }, (_, i) => store.addGrant(newGrant(`c${i % 50}`, HOUR + i))));
    await store.close();
    const plans = inspect(path, (db) => [ACTIVE_SCOPES_SQL, CLAIM_EXPIRED_SQL].map((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(sql === ACTIVE_SCOPES_SQL ? ['c1', new Date().toISOString()] : [new Date().toISOString()]) as { detail: string }[])
        .map((row) => row.detail).join('; ')));
    assert.match(plans[0] ?? '', /SEARCH grants USING INDEX grants_consumer_expires \(consumer=\? AND expires_at>\?\)/);
    assert.doesNotMatch(plans[0] ?? '', /TEMP B-TREE/, 'the index order is the ORDER BY');
    assert.match(plans[1] ?? '', /SEARCH grants USING INDEX grants_unclaimed_expiry \(expires_at<\?\)/);
  });

  test('two gateway processes claiming at once report every expiry exactly once', async () => {
    const path = tempFile();
    const store = openSqliteGrantStore({ path });
    const claimers = await Promise.all([startClaimer(path), startClaimer(path)]);
    // 300 grants expiring one every 2 ms while both processes claim in a tight loop.
    const grants = await Promise.all(Array.from({ length: 300 }, (_, i) => store.addGrant(newGrant(`c${i % 7}`, 400 + 2 * i))));
    const until = Date.now() + 1600;
    const [first = [], second = []] = await Promise.all(claimers.map((claimer) => claimer.claimUntil(until)));
    const all = [...first, ...second];
    assert.ok(first.length > 0 && second.length > 0, `both processes claimed some (${first.length} + ${second.length})`);
    assert.equal(new Set(all).size, all.length, `no expiry was claimed twice: ${all.filter((id, i) => all.indexOf(id) !== i).slice(0, 5).join(', ')}`);
    assert.deepEqual([...all].sort(), grants.map((grant) => grant.id).sort(), 'and none was missed');
    assert.deepEqual(await store.claimExpired(Date.now() + HOUR), []);
    await store.close();
  });

  test('shares the file with the events and API keys', async () => {
    const path = tempFile();
    const events = openSqliteEventStore({ path });
    const keys = openSqliteKeyStore({ path });
    const grants = openSqliteGrantStore({ path });
    await keys.createKey({ consumer: 'acme', scopes: [] });
    await grants.addGrant(newGrant('acme', HOUR));
    await Promise.all([events.close(), keys.close(), grants.close()]);
    const counts = inspect(path, (db) => ['api_keys', 'grants'].map((table) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n));
    assert.deepEqual(counts, [1, 1]);
  });

  test('upgrades a database of an older Bulwark (events and keys), keeping its keys', async () => {
    const path = tempFile();
    mkdirSync(dirname(path), { recursive: true });
    const old = new Database(path);
    applyMigrations(old, SQLITE_MIGRATIONS.filter((m) => m.version <= 2));
    old.prepare("INSERT INTO api_keys (id, secret_hash, consumer, scopes, created_at) VALUES ('AAAAAAAAAAAA', zeroblob(32), 'c', '[]', '2024-05-01T10:00:00.000Z')").run();
    old.close();
    const grants = openSqliteGrantStore({ path });
    const record = await grants.addGrant(newGrant('acme', HOUR));
    assert.deepEqual(grants.activeScopes('acme', Date.now()), ['a']);
    await grants.close();
    const keys = openSqliteKeyStore({ path });
    assert.equal((await keys.getKey('AAAAAAAAAAAA'))?.consumer, 'c');
    await keys.close();
    inspect(path, (db) => {
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      assert.deepEqual(versions.map((row) => row.version), SQLITE_MIGRATIONS.map((m) => m.version));
      assert.equal((db.prepare('SELECT id FROM grants').get() as { id: string }).id, record.id);
    });
  });
});
