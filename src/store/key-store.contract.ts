// The contract every KeyStore backend passes: one suite, run by each backend's test file with a
// function that opens a fresh, empty store. Assertions are on behaviour only, never on storage.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { storeTest } from '../../test/helpers/store.js';
import { API_KEY_ID_LENGTH, API_KEY_SECRET_LENGTH, parseApiKey, type ApiKeyRecord, type KeyStore } from './key-store.js';

type Open = () => Promise<KeyStore> | KeyStore;

const HOUR = 3_600_000;
const KEY_FORMAT = new RegExp(`^bwk_([0-9A-Za-z]{${API_KEY_ID_LENGTH}})_[0-9A-Za-z]{${API_KEY_SECRET_LENGTH}}$`);

/** verifyKey may answer with a value or a promise; the contract accepts both. */
async function verify(store: KeyStore, presented: string): Promise<ApiKeyRecord | undefined> {
  return await store.verifyKey(presented);
}

/** The same key with one secret character changed to another base62 character. */
function withWrongSecret(key: string): string {
  const last = key.at(-1) === 'a' ? 'b' : 'a';
  return `${key.slice(0, -1)}${last}`;
}

/** Asserts `iso` lies within [from, to] (ms), with the name of what it is. */
function assertBetween(iso: string | undefined, from: number, to: number, what: string): void {
  assert.ok(iso !== undefined, `${what} is missing`);
  const time = Date.parse(iso);
  assert.ok(time >= from && time <= to, `${what} ${iso} is not within [${new Date(from).toISOString()}, ${new Date(to).toISOString()}]`);
}

export function runKeyStoreContract(name: string, open: Open): void {
  describe(`KeyStore contract: ${name}`, () => {
    /** Runs `body` against a fresh store and always closes it. */
    const withStore = storeTest(open);

    withStore('creates a key once: bwk_<id>_<secret>, and verifies it to its record', async (store) => {
      const before = Date.now();
      const { record, key } = await store.createKey({ consumer: 'acme', scopes: ['orders:read', 'orders:write'], name: 'ci deploy' });
      assert.match(key, KEY_FORMAT);
      assert.equal(parseApiKey(key)?.id, record.id);
      assert.deepEqual({ ...record, createdAt: '' }, { id: record.id, consumer: 'acme', scopes: ['orders:read', 'orders:write'], name: 'ci deploy', createdAt: '' });
      assertBetween(record.createdAt, before, Date.now(), 'createdAt');
      assert.equal(new Date(record.createdAt).toISOString(), record.createdAt, 'createdAt is canonical ISO 8601');
      assert.deepEqual(await verify(store, key), record);
      assert.deepEqual(await store.getKey(record.id), record);
    });

    withStore('leaves absent fields out and keeps an expiry', async (store) => {
      const minimal = await store.createKey({ consumer: 'c', scopes: [] });
      assert.deepEqual(Object.keys(minimal.record).sort(), ['consumer', 'createdAt', 'id', 'scopes']);
      const expiresAt = new Date(Date.now() + 8 * HOUR);
      const expiring = await store.createKey({ consumer: 'c', scopes: ['a'], expiresAt });
      assert.equal(expiring.record.expiresAt, expiresAt.toISOString());
      assert.deepEqual(await verify(store, expiring.key), expiring.record);
    });

    withStore('gives every key its own id and secret', async (store) => {
      const created = await Promise.all(Array.from({ length: 50 }, () => store.createKey({ consumer: 'c', scopes: [] })));
      assert.equal(new Set(created.map((c) => c.record.id)).size, 50);
      assert.equal(new Set(created.map((c) => c.key.split('_')[2])).size, 50);
    });

    withStore('a wrong secret or an unknown id verifies to nothing', async (store) => {
      const { key, record } = await store.createKey({ consumer: 'c', scopes: [] });
      const other = await store.createKey({ consumer: 'd', scopes: [] });
      assert.equal(await verify(store, withWrongSecret(key)), undefined, 'wrong secret');
      const otherSecret = other.key.slice(other.key.lastIndexOf('_') + 1);
      assert.equal(await verify(store, `bwk_${record.id}_${otherSecret}`), undefined, "another key's secret");
      const unknownId = `${record.id.startsWith('Z') ? 'Y' : 'Z'}${record.id.slice(1)}`;
      assert.equal(await verify(store, `bwk_${unknownId}${key.slice(4 + API_KEY_ID_LENGTH)}`), undefined, 'unknown id');
    });

    withStore('malformed strings verify to nothing and never throw', async (store) => {
      const { key } = await store.createKey({ consumer: 'c', scopes: [] });
      const [, id = '', secret = ''] = key.split('_');
      const malformed: unknown[] = [
        '', 'bwk_', 'bwk__', key.slice(4), `BWK_${id}_${secret}`, `xyz_${id}_${secret}`, `${id}_${secret}`,
        `bwk_${id.slice(1)}_${secret}`, `bwk_${id}x_${secret}`, `bwk_${id}_${secret.slice(1)}`, `bwk_${id}_${secret}x`,
        `bwk_${id}_${secret.slice(0, 10)}_${secret.slice(11)}`, `bwk_${id}__${secret.slice(1)}`, `bwk_${id.slice(0, 5)}_${id.slice(6)}_${secret}`,
        `bwk_${id}-${secret}`, `bwk_${id}_${secret.slice(0, -1)}=`, `bwk_${id}_${secret.slice(0, -1)}é`,
        ` ${key}`, `${key}\n`, `${key}\u0000`, key.toUpperCase(), `Bearer ${key}`,
        'x'.repeat(10_240), `${key}${'A'.repeat(10_240)}`, `bwk_${'A'.repeat(10_240)}`,
        null, undefined, 42, {}, [key],
      ];
      for (const presented of malformed) {
        assert.equal(await verify(store, presented as string), undefined, JSON.stringify(presented)?.slice(0, 80));
      }
    });

    withStore('verifies expired and revoked keys too: the caller decides and says why', async (store) => {
      const expired = await store.createKey({ consumer: 'c', scopes: [], expiresAt: new Date(Date.now() - HOUR) });
      assert.equal((await verify(store, expired.key))?.expiresAt, expired.record.expiresAt);
      const revoked = await store.createKey({ consumer: 'c', scopes: [] });
      assert.equal(await store.revokeKey(revoked.record.id, 'leaked in a log'), true);
      const seen = await verify(store, revoked.key);
      assert.equal(seen?.revokedReason, 'leaked in a log', 'the revocation is visible to the next verification');
      assert.ok(seen.revokedAt !== undefined);
    });

    withStore('lists in creation order, by consumer, revoked keys only when asked', async (store) => {
      assert.deepEqual(await store.listKeys(), []);
      const a1 = await store.createKey({ consumer: 'a', scopes: ['x'] });
      const b1 = await store.createKey({ consumer: 'b', scopes: [] });
      const a2 = await store.createKey({ consumer: 'a', scopes: [], expiresAt: new Date(Date.now() - HOUR) });
      const a3 = await store.createKey({ consumer: 'a', scopes: [] });
      await store.revokeKey(a3.record.id, 'gone');
      const ids = async (filter?: Parameters<KeyStore['listKeys']>[0]) => (await store.listKeys(filter)).map((r) => r.id);
      assert.deepEqual(await ids(), [a1, b1, a2].map((c) => c.record.id), 'expired keys are listed, revoked ones are not');
      assert.deepEqual(await ids({ consumer: 'a' }), [a1, a2].map((c) => c.record.id));
      assert.deepEqual(await ids({ consumer: 'a', includeRevoked: true }), [a1, a2, a3].map((c) => c.record.id));
      assert.deepEqual(await ids({ includeRevoked: true }), [a1, b1, a2, a3].map((c) => c.record.id));
      assert.deepEqual(await ids({ consumer: 'nobody' }), []);
      assert.deepEqual((await store.listKeys({ consumer: 'b' }))[0], b1.record);
    });

    withStore('revokes once, with a time and a reason; unknown ids are false', async (store) => {
      const { record } = await store.createKey({ consumer: 'c', scopes: [] });
      const before = Date.now();
      assert.equal(await store.revokeKey(record.id, 'employee left'), true);
      const revoked = await store.getKey(record.id);
      assertBetween(revoked?.revokedAt, before, Date.now(), 'revokedAt');
      assert.equal(revoked?.revokedReason, 'employee left');
      assert.equal(await store.revokeKey(record.id, 'again'), false);
      assert.equal((await store.getKey(record.id))?.revokedReason, 'employee left', 'the first revocation stays');
      assert.equal(await store.revokeKey('AAAAAAAAAAAA', 'x'), false);
      assert.equal(await store.getKey('AAAAAAAAAAAA'), undefined);
      await assert.rejects(store.revokeKey(record.id, ''));
    });

    withStore('rotates with overlap: a new key, the old one expiring at now + overlap', async (store) => {
      const old = await store.createKey({ consumer: 'acme', scopes: ['a', 'b'], name: 'deploy' });
      const before = Date.now();
      const rotated = await store.rotateKey(old.record.id, HOUR);
      const after = Date.now();
      assert.ok(rotated);
      assert.match(rotated.key, KEY_FORMAT);
      assert.notEqual(rotated.record.id, old.record.id);
      assert.deepEqual([rotated.record.consumer, rotated.record.scopes, rotated.record.name], ['acme', ['a', 'b'], 'deploy']);
      assert.equal(rotated.record.expiresAt, undefined, 'a key that never expired is replaced by one that never expires');
      assert.deepEqual(await verify(store, rotated.key), rotated.record);
      const previous = await verify(store, old.key);
      assert.equal(previous?.rotatedTo, rotated.record.id, 'the old key still verifies during the overlap');
      assertBetween(previous.expiresAt, before + HOUR, after + HOUR, 'old expiresAt');
      assert.deepEqual(await store.getKey(old.record.id), previous);
    });

    withStore('rotation keeps an earlier expiry and the lifetime of the key', async (store) => {
      const soon = new Date(Date.now() + 10 * 60_000);
      const old = await store.createKey({ consumer: 'c', scopes: [], expiresAt: soon });
      const before = Date.now();
      const rotated = await store.rotateKey(old.record.id, HOUR);
      const after = Date.now();
      assert.equal((await store.getKey(old.record.id))?.expiresAt, soon.toISOString(), 'expires sooner than the overlap: unchanged');
      const lifetime = soon.getTime() - Date.parse(old.record.createdAt);
      assertBetween(rotated?.record.expiresAt, before + lifetime, after + lifetime, 'new expiresAt');
    });

    withStore('an overlap of 0 ends the old key now', async (store) => {
      const old = await store.createKey({ consumer: 'c', scopes: [] });
      const before = Date.now();
      await store.rotateKey(old.record.id, 0);
      assertBetween((await store.getKey(old.record.id))?.expiresAt, before, Date.now(), 'old expiresAt');
    });

    withStore('refuses to rotate unknown, revoked or already rotated keys', async (store) => {
      assert.equal(await store.rotateKey('AAAAAAAAAAAA', HOUR), undefined);
      const revoked = await store.createKey({ consumer: 'c', scopes: [] });
      await store.revokeKey(revoked.record.id, 'x');
      assert.equal(await store.rotateKey(revoked.record.id, HOUR), undefined);
      const old = await store.createKey({ consumer: 'c', scopes: [] });
      const next = await store.rotateKey(old.record.id, HOUR);
      assert.equal(await store.rotateKey(old.record.id, HOUR), undefined, 'rotate the successor instead');
      assert.equal((await store.getKey(old.record.id))?.rotatedTo, next?.record.id);
      assert.ok(await store.rotateKey(next?.record.id ?? '', HOUR), 'the successor rotates');
      assert.equal((await store.listKeys()).length, 3, 'refusals create no keys');
    });

    withStore('rejects invalid input', async (store) => {
      const invalid: unknown[] = [
        { consumer: '', scopes: [] }, { consumer: ' ', scopes: [] }, { scopes: [] }, { consumer: 'c' },
        { consumer: 'c', scopes: [''] }, { consumer: 'c', scopes: [1] }, { consumer: 'c', scopes: [], expiresAt: new Date(Number.NaN) },
      ];
      for (const input of invalid) {
        await assert.rejects(store.createKey(input as Parameters<KeyStore['createKey']>[0]), JSON.stringify(input));
      }
      const { record } = await store.createKey({ consumer: 'c', scopes: [] });
      for (const overlap of [-1, Number.NaN, Number.POSITIVE_INFINITY]) await assert.rejects(store.rotateKey(record.id, overlap));
      assert.equal((await store.getKey(record.id))?.rotatedTo, undefined);
      assert.equal((await store.listKeys()).length, 1);
    });

    test('close is idempotent and later calls fail', async () => {
      const store = await open();
      const { key } = await store.createKey({ consumer: 'c', scopes: [] });
      await store.close();
      await store.close();
      await assert.rejects(async () => store.verifyKey(key));
      await assert.rejects(store.listKeys());
      await assert.rejects(store.createKey({ consumer: 'c', scopes: [] }));
    });
  });
}
