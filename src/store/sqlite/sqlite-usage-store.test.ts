import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUsageStoreContract } from '../usage-store.contract.js';
import { openSqliteUsageStore } from './sqlite-usage-store.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-sqlite-usage-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(dir, `db-${++files}`, 'bulwark.db');

runUsageStoreContract('sqlite (in memory)', () => openSqliteUsageStore({ path: ':memory:' }));
runUsageStoreContract('sqlite (file)', () => openSqliteUsageStore({ path: tempFile() }));

test('two processes flushing into the same bucket add up rather than overwrite', async () => {
  const path = tempFile();
  const first = openSqliteUsageStore({ path });
  const second = openSqliteUsageStore({ path });
  try {
    const row = {
      consumer: 'acme', kind: 'jwt', route: 'api', operation: 'GET /x', allowed: 1, denied: 0,
      scopesUsed: [], policiesUsed: [], lastSeen: '2026-11-20T10:00:00.000Z',
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).addUsage('2026-11-20', [row], [])));
    assert.equal((await first.usageSince('2026-11-20'))[0]?.allowed, 20);
  } finally {
    await first.close();
    await second.close();
  }
});
