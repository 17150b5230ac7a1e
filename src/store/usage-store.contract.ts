// The contract every UsageStore backend passes: counts add up across flushes and processes, sets
// unite, days bound what a query sees, and old days can be deleted.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { storeTest } from '../../test/helpers/store.js';
import type { OperationUsage, PrivilegeSighting, UsageStore } from './usage-store.js';

type Open = () => Promise<UsageStore> | UsageStore;

function use(overrides: Partial<OperationUsage> = {}): OperationUsage {
  return {
    consumer: 'acme', kind: 'jwt', route: 'api', operation: 'GET /orders/{id}', operationId: 'getOrder',
    allowed: 3, denied: 0, scopesUsed: ['orders:read'], policiesUsed: [], lastSeen: '2026-11-20T10:00:00.000Z', ...overrides,
  };
}

function sighting(overrides: Partial<PrivilegeSighting> = {}): PrivilegeSighting {
  return { consumer: 'acme', kind: 'jwt', scopes: ['orders:read'], roles: [], groups: [], lastSeen: '2026-11-20T10:00:00.000Z', ...overrides };
}

export function runUsageStoreContract(name: string, open: Open): void {
  describe(`UsageStore contract: ${name}`, () => {
    const withStore = storeTest(open);

    withStore('adds counts within a day and unites scopes, policies and privileges', async (store) => {
      await store.addUsage('2026-11-20', [use()], [sighting()]);
      await store.addUsage('2026-11-20', [use({ allowed: 2, denied: 1, scopesUsed: ['orders:write'], policiesUsed: ['ops'], lastSeen: '2026-11-20T11:00:00.000Z' })],
        [sighting({ scopes: ['orders:write', 'admin'], roles: ['clerk'], lastSeen: '2026-11-20T11:00:00.000Z' })]);
      const [row, ...rest] = await store.usageSince('2026-11-01');
      assert.equal(rest.length, 0);
      assert.deepEqual(row, use({ allowed: 5, denied: 1, scopesUsed: ['orders:read', 'orders:write'], policiesUsed: ['ops'], lastSeen: '2026-11-20T11:00:00.000Z' }));
      assert.deepEqual(await store.privilegesSince('2026-11-01'), [
        sighting({ scopes: ['admin', 'orders:read', 'orders:write'], roles: ['clerk'], lastSeen: '2026-11-20T11:00:00.000Z' }),
      ]);
    });

    withStore('merges days in a query and leaves out days before `since`', async (store) => {
      await store.addUsage('2026-10-01', [use({ allowed: 100, scopesUsed: ['old:scope'] })], [sighting({ scopes: ['old:scope'] })]);
      await store.addUsage('2026-11-19', [use({ allowed: 1, lastSeen: '2026-11-19T08:00:00.000Z' })], []);
      await store.addUsage('2026-11-20', [use({ allowed: 2 })], []);
      const rows = await store.usageSince('2026-11-01');
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.allowed, 3);
      assert.deepEqual(rows[0]?.scopesUsed, ['orders:read']);
      assert.equal(rows[0]?.lastSeen, '2026-11-20T10:00:00.000Z');
      assert.deepEqual(await store.privilegesSince('2026-11-01'), []);
      assert.equal((await store.usageSince('2026-01-01'))[0]?.allowed, 103);
    });

    withStore('keeps consumers, routes and operations apart and filters by consumer', async (store) => {
      await store.addUsage('2026-11-20', [
        use(), use({ consumer: 'other' }), use({ route: 'admin' }), use({ operation: 'POST /orders', operationId: 'createOrder' }),
      ], [sighting(), sighting({ consumer: 'other', kind: 'api-key' })]);
      assert.equal((await store.usageSince('2026-11-20')).length, 4);
      const others = await store.usageSince('2026-11-20', 'other');
      assert.deepEqual(others.map((row) => row.consumer), ['other']);
      assert.deepEqual((await store.privilegesSince('2026-11-20', 'other')).map((row) => row.kind), ['api-key']);
    });

    withStore('deletes days before a cut-off and says how many rows went', async (store) => {
      await store.addUsage('2026-10-01', [use()], [sighting()]);
      await store.addUsage('2026-11-20', [use()], [sighting()]);
      assert.equal(await store.deleteUsageBefore('2026-11-01'), 2);
      assert.equal((await store.usageSince('2000-01-01')).length, 1);
      assert.equal((await store.privilegesSince('2000-01-01')).length, 1);
    });
  });
}
