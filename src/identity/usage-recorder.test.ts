import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Consumer } from '../core/types.js';
import { openSqliteUsageStore } from '../store/sqlite/sqlite-usage-store.js';
import { createUsageRecorder } from './usage-recorder.js';

const NOW = Date.parse('2026-11-20T10:00:00.000Z');
const acme: Consumer = { id: 'acme', kind: 'jwt', scopes: ['orders:read', 'admin'], roles: ['clerk'], groups: [] };

test('counts uses in memory and writes them in one flush, with the privileges presented', async () => {
  const store = openSqliteUsageStore({ path: ':memory:' });
  let opened = 0;
  const recorder = createUsageRecorder(() => (opened++, store), { flushIntervalMs: 60_000, maxEntries: 100, now: () => NOW });
  try {
    await recorder.flush();
    assert.equal(opened, 0, 'nothing to write: the store is not even opened');
    for (let i = 0; i < 5; i++) recorder.record({ consumer: acme, route: 'api', operation: 'GET /orders/{id}', operationId: 'getOrder', allowed: true, scopesUsed: ['orders:read'] });
    recorder.record({ consumer: acme, route: 'api', operation: 'DELETE /orders/{id}', allowed: false });
    recorder.record({ consumer: acme, route: 'api', operation: 'GET /admin', allowed: true, policy: 'ops' });
    await recorder.flush();
    const rows = await store.usageSince('2026-11-20');
    const byOperation = new Map(rows.map((row) => [row.operation, row]));
    assert.deepEqual(byOperation.get('GET /orders/{id}'), {
      consumer: 'acme', kind: 'jwt', route: 'api', operation: 'GET /orders/{id}', operationId: 'getOrder',
      allowed: 5, denied: 0, scopesUsed: ['orders:read'], policiesUsed: [], lastSeen: '2026-11-20T10:00:00.000Z',
    });
    assert.equal(byOperation.get('DELETE /orders/{id}')?.denied, 1);
    assert.deepEqual(byOperation.get('GET /admin')?.policiesUsed, ['ops']);
    assert.deepEqual((await store.privilegesSince('2026-11-20'))[0]?.scopes, ['admin', 'orders:read']);
    await recorder.flush();
    assert.equal((await store.usageSince('2026-11-20')).find((row) => row.operation === 'GET /orders/{id}')?.allowed, 5, 'a second flush adds nothing twice');
  } finally {
    await recorder.close();
    await store.close();
  }
});

test('bounds distinct keys between flushes and reports what it dropped', async () => {
  const store = openSqliteUsageStore({ path: ':memory:' });
  const drops: number[] = [];
  const recorder = createUsageRecorder(() => store, { flushIntervalMs: 60_000, maxEntries: 2, now: () => NOW, onDrop: (count) => drops.push(count) });
  try {
    for (const path of ['/a', '/b', '/c', '/d']) recorder.record({ consumer: acme, route: 'api', operation: `GET ${path}`, allowed: true });
    recorder.record({ consumer: acme, route: 'api', operation: 'GET /a', allowed: true });
    await recorder.flush();
    assert.deepEqual(drops, [2]);
    assert.equal((await store.usageSince('2026-11-20')).length, 2);
  } finally {
    await recorder.close();
    await store.close();
  }
});

test('a failing store is reported and the recorder carries on', async () => {
  const errors: unknown[] = [];
  const recorder = createUsageRecorder(() => { throw new Error('disk gone'); }, { flushIntervalMs: 60_000, maxEntries: 10, onError: (error) => errors.push(error) });
  recorder.record({ consumer: acme, route: 'api', operation: 'GET /a', allowed: true });
  await recorder.flush();
  await recorder.close();
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /disk gone/);
});
