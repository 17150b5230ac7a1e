// The contract every GrantStore backend passes: one suite, run by each backend's test file with a
// function that opens a fresh, empty store (and, where the backend is shared, a second store on the
// same data). Assertions are on behaviour only, never on storage.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { storeTest } from '../../test/helpers/store.js';
import { GRANT_ID_LENGTH, MAX_GRANT_TTL_MS, type GrantRecord, type GrantStore, type NewGrant } from './grant-store.js';

type Open = () => Promise<GrantStore> | GrantStore;
/** Two stores on the same (fresh, empty) data, as two gateway processes would have. */
type OpenPair = () => Promise<[GrantStore, GrantStore]>;

const HOUR = 3_600_000;
const GRANT_ID = new RegExp(`^grt_[0-9A-Za-z]{${GRANT_ID_LENGTH}}$`);

/** activeScopes may answer with a value or a promise; the contract accepts both. Sorted, to compare as sets. */
async function scopesOf(store: GrantStore, consumer: string, nowMs: number): Promise<string[]> {
  return [...await store.activeScopes(consumer, nowMs)].sort();
}

/** A valid new grant expiring `ttlMs` from now; `overrides` win. */
function grant(overrides: Partial<NewGrant> = {}, ttlMs = HOUR): NewGrant {
  return { consumer: 'acme', scopes: ['orders:read'], reason: 'INC-42 refund batch', grantedBy: 'alice', expiresAt: new Date(Date.now() + ttlMs), ...overrides };
}

const ids = (records: readonly GrantRecord[]) => records.map((record) => record.id);

/** Asserts `iso` lies within [from, to] (ms), with the name of what it is. */
function assertBetween(iso: string | undefined, from: number, to: number, what: string): void {
  assert.ok(iso !== undefined, `${what} is missing`);
  const time = Date.parse(iso);
  assert.ok(time >= from && time <= to, `${what} ${iso} is not within [${new Date(from).toISOString()}, ${new Date(to).toISOString()}]`);
}

export function runGrantStoreContract(name: string, open: Open, openPair?: OpenPair): void {
  describe(`GrantStore contract: ${name}`, () => {
    const withStore = storeTest(open);

    withStore('adds a grant with an id, who, why and when, and reads it back', async (store) => {
      const before = Date.now();
      const expiresAt = new Date(before + 2 * HOUR);
      const record = await store.addGrant({ consumer: 'acme', scopes: ['orders:read', 'refunds:write'], reason: 'INC-42', grantedBy: 'alice', expiresAt });
      assert.match(record.id, GRANT_ID);
      assert.deepEqual({ ...record, createdAt: '' }, {
        id: record.id, consumer: 'acme', scopes: ['orders:read', 'refunds:write'], reason: 'INC-42', grantedBy: 'alice',
        createdAt: '', expiresAt: expiresAt.toISOString(),
      }, 'no revocation fields on a fresh grant');
      assertBetween(record.createdAt, before, Date.now(), 'createdAt');
      assert.equal(new Date(record.createdAt).toISOString(), record.createdAt, 'createdAt is canonical ISO 8601');
      assert.deepEqual(await store.getGrant(record.id), record);
      assert.equal(await store.getGrant('grt_AAAAAAAAAAAA'), undefined);
    });

    withStore('gives every grant its own id', async (store) => {
      const created = await Promise.all(Array.from({ length: 50 }, () => store.addGrant(grant())));
      assert.equal(new Set(ids(created)).size, 50);
    });

    withStore("activeScopes: the union of the consumer's unexpired, unrevoked grants", async (store) => {
      const now = Date.now();
      await store.addGrant(grant({ scopes: ['a', 'b'] }, HOUR));
      await store.addGrant(grant({ scopes: ['b', 'c'] }, 3 * HOUR));
      await store.addGrant(grant({ consumer: 'other', scopes: ['z'] }));
      assert.deepEqual(await scopesOf(store, 'acme', now), ['a', 'b', 'c']);
      assert.deepEqual(await scopesOf(store, 'other', now), ['z']);
      assert.deepEqual(await scopesOf(store, 'nobody', now), []);
      assert.deepEqual(await scopesOf(store, 'ACME', now), [], 'consumers are compared exactly');
      // Grant 1 expires at about now + 1h, grant 2 at about now + 3h.
      assert.deepEqual(await scopesOf(store, 'acme', now + 2 * HOUR), ['b', 'c'], 'the first grant has expired');
      assert.deepEqual(await scopesOf(store, 'acme', now + 4 * HOUR), [], 'every grant has expired');
    });

    withStore('activeScopes: a grant ends exactly at expiresAt', async (store) => {
      const record = await store.addGrant(grant({ scopes: ['x'] }));
      const end = Date.parse(record.expiresAt);
      assert.deepEqual(await scopesOf(store, 'acme', end - 1), ['x']);
      assert.deepEqual(await scopesOf(store, 'acme', end), []);
    });

    withStore('activeScopes: a revocation applies to the next call', async (store) => {
      const kept = await store.addGrant(grant({ scopes: ['kept'] }));
      const gone = await store.addGrant(grant({ scopes: ['gone', 'kept'] }));
      assert.deepEqual(await scopesOf(store, 'acme', Date.now()), ['gone', 'kept']);
      assert.equal(await store.revokeGrant(gone.id, { by: 'bob', reason: 'task done' }), true);
      assert.deepEqual(await scopesOf(store, 'acme', Date.now()), ['kept']);
      await store.revokeGrant(kept.id, { by: 'bob', reason: 'task done' });
      assert.deepEqual(await scopesOf(store, 'acme', Date.now()), []);
    });

    withStore('activeScopes never throws for a consumer that is not a string', async (store) => {
      await store.addGrant(grant());
      for (const consumer of ['', null, undefined, 42, {}, ['acme']]) {
        assert.deepEqual(await scopesOf(store, consumer as string, Date.now()), [], JSON.stringify(consumer));
      }
    });

    withStore('lists active grants in creation order; by consumer; inactive ones when asked', async (store) => {
      assert.deepEqual(await store.listGrants(), []);
      const a1 = await store.addGrant(grant({ consumer: 'a' }, HOUR));
      const b1 = await store.addGrant(grant({ consumer: 'b' }, HOUR));
      const a2 = await store.addGrant(grant({ consumer: 'a' }, 3 * HOUR));
      const a3 = await store.addGrant(grant({ consumer: 'a' }, 3 * HOUR));
      await store.revokeGrant(a3.id, { by: 'x', reason: 'y' });
      const later = Date.now() + 2 * HOUR; // a1 and b1 have expired by then
      assert.deepEqual(ids(await store.listGrants()), ids([a1, b1, a2]), 'revoked grants are not active');
      assert.deepEqual(ids(await store.listGrants({ consumer: 'a' })), ids([a1, a2]));
      assert.deepEqual(ids(await store.listGrants({ nowMs: later })), ids([a2]), 'expired grants are not active');
      assert.deepEqual(ids(await store.listGrants({ consumer: 'a', includeInactive: true, nowMs: later })), ids([a1, a2, a3]));
      assert.deepEqual(ids(await store.listGrants({ includeInactive: true })), ids([a1, b1, a2, a3]));
      assert.deepEqual(await store.listGrants({ consumer: 'nobody', includeInactive: true }), []);
      assert.deepEqual((await store.listGrants({ consumer: 'b' }))[0], b1);
    });

    withStore('revokes once, recording when, by whom and why; unknown ids are false', async (store) => {
      const record = await store.addGrant(grant());
      const before = Date.now();
      assert.equal(await store.revokeGrant(record.id, { by: 'bob', reason: 'task done' }), true);
      const revoked = await store.getGrant(record.id);
      assertBetween(revoked?.revokedAt, before, Date.now(), 'revokedAt');
      assert.deepEqual([revoked?.revokedBy, revoked?.revokedReason], ['bob', 'task done']);
      assert.deepEqual({ ...revoked, revokedAt: undefined, revokedBy: undefined, revokedReason: undefined }, { ...record, revokedAt: undefined, revokedBy: undefined, revokedReason: undefined }, 'the rest is unchanged');
      assert.equal(await store.revokeGrant(record.id, { by: 'carol', reason: 'again' }), false);
      assert.deepEqual(await store.getGrant(record.id), revoked, 'the first revocation stays');
      assert.equal(await store.revokeGrant('grt_AAAAAAAAAAAA', { by: 'bob', reason: 'x' }), false);
      const other = await store.addGrant(grant());
      await assert.rejects(store.revokeGrant(other.id, { by: 'bob', reason: ' ' }), 'a reason is required');
      await assert.rejects(store.revokeGrant(other.id, { by: '', reason: 'x' }), 'who revokes is required');
      assert.equal((await store.getGrant(other.id))?.revokedAt, undefined, 'a refused revocation changes nothing');
    });

    withStore('claimExpired returns each expiry once, in expiry order, and only once it happened', async (store) => {
      const now = Date.now();
      const late = await store.addGrant(grant({ scopes: ['late'] }, 3 * HOUR));
      const early = await store.addGrant(grant({ scopes: ['early'] }, HOUR));
      const early2 = await store.addGrant(grant({ consumer: 'other', scopes: ['early2'] }, HOUR + 1000));
      assert.deepEqual(await store.claimExpired(now), [], 'nothing has expired yet');
      assert.deepEqual(ids(await store.claimExpired(now + 2 * HOUR)), ids([early, early2]));
      assert.deepEqual(await store.claimExpired(now + 2 * HOUR), [], 'already claimed');
      assert.deepEqual(await store.claimExpired(now + 2.5 * HOUR), [], 'still claimed later');
      const claimed = await store.claimExpired(Date.parse(late.expiresAt));
      assert.deepEqual(claimed, [late], 'claimed at exactly expiresAt, as the full record');
      assert.deepEqual(await store.claimExpired(now + 10 * HOUR), []);
      assert.deepEqual(ids(await store.listGrants({ includeInactive: true })), ids([late, early, early2]), 'claiming deletes nothing');
    });

    withStore('claimExpired skips grants revoked before they expired, not those revoked after', async (store) => {
      const revokedEarly = await store.addGrant(grant({ scopes: ['a'] }, HOUR));
      await store.revokeGrant(revokedEarly.id, { by: 'bob', reason: 'done early' });
      const revokedLate = await store.addGrant(grant({ scopes: ['b'] }, 20));
      await sleep(40);
      // The revocation came after the expiry: the grant still expired, and that is reported.
      assert.equal(await store.revokeGrant(revokedLate.id, { by: 'bob', reason: 'tidy up' }), true);
      const claimed = await store.claimExpired(Date.now() + 2 * HOUR);
      assert.deepEqual(ids(claimed), [revokedLate.id]);
      assert.equal(claimed[0]?.revokedReason, 'tidy up');
    });

    withStore('rejects invalid grants and changes nothing', async (store) => {
      const now = Date.now();
      const invalid: unknown[] = [
        { ...grant(), consumer: '' }, { ...grant(), consumer: ' ' }, { ...grant(), consumer: undefined },
        { ...grant(), scopes: [] }, { ...grant(), scopes: [''] }, { ...grant(), scopes: ['has space'] }, { ...grant(), scopes: [1] },
        { ...grant(), scopes: 'a' }, { ...grant(), reason: '' }, { ...grant(), reason: undefined },
        { ...grant(), grantedBy: ' ' }, { ...grant(), grantedBy: undefined },
        { ...grant(), expiresAt: undefined }, { ...grant(), expiresAt: new Date(Number.NaN) }, { ...grant(), expiresAt: now + HOUR },
        { ...grant(), expiresAt: new Date(now - 1000) }, { ...grant(), expiresAt: new Date(now + MAX_GRANT_TTL_MS + HOUR) },
      ];
      for (const input of invalid) await assert.rejects(store.addGrant(input as NewGrant), JSON.stringify(input));
      assert.deepEqual(await store.listGrants({ includeInactive: true }), []);
      assert.ok(await store.addGrant(grant({}, MAX_GRANT_TTL_MS - 60_000)), 'just under the maximum is fine');
    });

    withStore('refuses a "now" that is not a time', async (store) => {
      for (const now of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1e16]) {
        await assert.rejects(async () => store.activeScopes('acme', now), String(now));
        await assert.rejects(store.claimExpired(now), String(now));
      }
    });

    test('close is idempotent and later calls fail', async () => {
      const store = await open();
      const record = await store.addGrant(grant());
      await store.close();
      await store.close();
      await assert.rejects(async () => store.activeScopes('acme', Date.now()));
      await assert.rejects(store.getGrant(record.id));
      await assert.rejects(store.listGrants());
      await assert.rejects(store.claimExpired(Date.now()));
      await assert.rejects(store.addGrant(grant()));
    });

    if (openPair) {
      test('two stores on the same data: a grant, a revocation and a claim are seen by the other', async () => {
        const [gateway, cli] = await openPair();
        try {
          const record = await cli.addGrant(grant({ scopes: ['x'] }));
          assert.deepEqual(await scopesOf(gateway, 'acme', Date.now()), ['x'], 'the gateway sees a new grant at once');
          await cli.revokeGrant(record.id, { by: 'bob', reason: 'done' });
          assert.deepEqual(await scopesOf(gateway, 'acme', Date.now()), [], 'and its revocation');
          const expiring = await cli.addGrant(grant({ scopes: ['y'] }));
          const later = Date.parse(expiring.expiresAt) + 1;
          assert.deepEqual(ids(await gateway.claimExpired(later)), [expiring.id]);
          assert.deepEqual(await cli.claimExpired(later), [], 'the other store never gets the same expiry');
          assert.deepEqual(await gateway.claimExpired(later), []);
        } finally {
          await gateway.close();
          await cli.close();
        }
      });
    }
  });
}
