import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInventoryStoreContract } from '../inventory-store.contract.js';
import { openSqliteInventoryStore } from './sqlite-inventory-store.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-sqlite-inventory-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = (): string => join(dir, `db-${++files}`, 'bulwark.db');

runInventoryStoreContract('sqlite (in memory)', () => openSqliteInventoryStore({ path: ':memory:' }));
runInventoryStoreContract('sqlite (file)', () => openSqliteInventoryStore({ path: tempFile() }));

test('what was saved is there after reopening the file (the inventory survives restarts)', async () => {
  const path = tempFile();
  const first = openSqliteInventoryStore({ path });
  const saved = { id: 'GET h /a', host: 'h', method: 'GET', template: '/a', firstSeen: '2026-11-20T10:00:00.000Z', lastSeen: '2026-11-20T10:00:00.000Z', calls: 1, data: { x: 1 } };
  await first.saveInventory({ state: { paths: { n: 1 } }, upsert: [saved] });
  await first.close();
  const again = openSqliteInventoryStore({ path });
  try {
    const loaded = await again.loadInventory();
    assert.deepEqual(loaded.operations, [saved]);
    assert.deepEqual(loaded.state.get('paths'), { n: 1 });
  } finally {
    await again.close();
  }
});
