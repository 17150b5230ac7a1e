// The contract every InventoryStore backend passes: operations and state round-trip as JSON, a change
// is applied whole, and removals and clearing work.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { storeTest } from '../../test/helpers/store.js';
import type { InventoryStore, StoredOperation } from './inventory-store.js';

type Open = () => Promise<InventoryStore> | InventoryStore;

function operation(overrides: Partial<StoredOperation> = {}): StoredOperation {
  return {
    id: 'GET api.example.com /users/{userId}', host: 'api.example.com', method: 'GET', template: '/users/{userId}',
    firstSeen: '2026-11-20T10:00:00.000Z', lastSeen: '2026-11-20T11:00:00.000Z', calls: 12,
    data: { statuses: { 200: 11, 404: 1 }, response: { type: 'object', properties: { id: { type: 'integer' } } } }, ...overrides,
  };
}

export function runInventoryStoreContract(name: string, open: Open): void {
  describe(`InventoryStore contract: ${name}`, () => {
    const withStore = storeTest(open);

    withStore('an empty store loads as empty', async (store) => {
      const loaded = await store.loadInventory();
      assert.equal(loaded.operations.length, 0);
      assert.equal(loaded.state.size, 0);
    });

    withStore('operations and state round-trip, ordered by host, template, method', async (store) => {
      const post = operation({ id: 'POST api.example.com /users', method: 'POST', template: '/users', calls: 3, data: { a: [1, 'two', null] } });
      await store.saveInventory({ state: { paths: { version: 1, nodes: [['users', 3]] } }, upsert: [operation(), post] });
      const loaded = await store.loadInventory();
      assert.deepEqual(loaded.operations, [post, operation()]);
      assert.deepEqual(loaded.state.get('paths'), { version: 1, nodes: [['users', 3]] });
    });

    withStore('an upsert replaces the whole record; remove deletes; clear empties everything', async (store) => {
      await store.saveInventory({ upsert: [operation(), operation({ id: 'x', template: '/x' })] });
      await store.saveInventory({ upsert: [operation({ calls: 20, data: { replaced: true } })], remove: ['x'] });
      const [only, ...rest] = (await store.loadInventory()).operations;
      assert.equal(rest.length, 0);
      assert.equal(only!.calls, 20);
      assert.deepEqual(only!.data, { replaced: true });
      await store.clearInventory();
      assert.equal((await store.loadInventory()).operations.length, 0);
    });

    withStore('a change that fails part-way leaves the previous inventory', async (store) => {
      await store.saveInventory({ upsert: [operation()] });
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await assert.rejects(store.saveInventory({ upsert: [operation({ calls: 99 }), operation({ id: 'bad', data: cyclic })] }));
      const loaded = await store.loadInventory();
      assert.deepEqual(loaded.operations.map((each) => [each.id, each.calls]), [[operation().id, 12]]);
    });
  });
}
