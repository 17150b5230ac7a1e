// The contract every EventStore backend passes: one suite, run by each backend's test file with a
// function that opens a fresh, empty store. Assertions are on behaviour and error codes only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { storeTest } from '../../test/helpers/store.js';
import { isBulwarkError } from '../core/errors.js';
import type { SecurityEvent } from '../core/types.js';
import type { EventQuery, EventStore } from './event-store.js';

type Open = () => Promise<EventStore> | EventStore;

const BASE = Date.parse('2024-05-01T10:00:00.000Z');

/** A complete event (every optional field set) at BASE + `offsetMs`; `overrides` win. */
export function sampleEvent(n: number, offsetMs: number, overrides: Partial<SecurityEvent> = {}): SecurityEvent {
  return {
    id: `evt-${String(n).padStart(5, '0')}`,
    time: new Date(BASE + offsetMs).toISOString(),
    ruleId: n % 2 === 0 ? 'sqli-942100' : 'ratelimit-exceeded',
    stage: n % 2 === 0 ? 'threats' : 'ratelimit',
    category: n % 2 === 0 ? 'injection' : 'API4:2023',
    severity: n % 2 === 0 ? 'critical' : 'medium',
    action: (['blocked', 'monitored', 'allowed'] as const)[n % 3] ?? 'blocked',
    status: n % 3 === 0 ? 403 : 200,
    route: n % 4 === 0 ? 'users' : 'orders',
    method: 'GET',
    path: `/orders/${n}`,
    operation: 'GET /orders/{id}',
    consumer: `consumer-${n % 5}`,
    clientIp: `192.0.2.${n % 7}`,
    requestId: `req-${n}`,
    detail: 'matched',
    evidence: { location: 'query', name: 'q', value: "1' OR 1=1 --", matched: 'OR 1=1', nested: { list: [1, 'two', null] } },
    ...overrides,
  };
}

/** Expected query result: newest first, ties broken by id, as the contract requires. */
function newestFirst(events: readonly SecurityEvent[]): SecurityEvent[] {
  return [...events].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

function isQueryInvalid(error: unknown): boolean {
  return isBulwarkError(error) && error.code === 'STORE_QUERY_INVALID';
}

export function runEventStoreContract(name: string, open: Open): void {
  describe(`EventStore contract: ${name}`, () => {
    /** Runs `body` against a fresh store and always closes it. */
    const withStore = storeTest(open);

    withStore('round-trips events deep-equal, newest first', async (store) => {
      const events = [sampleEvent(1, 0), sampleEvent(2, 2000), sampleEvent(3, 1000)];
      await store.insertEvents(events);
      assert.deepEqual(await store.queryEvents({}), newestFirst(events));
    });

    withStore('keeps minimal events without optional fields as they were', async (store) => {
      const minimal: SecurityEvent = {
        id: 'min-1', time: '2024-05-01T10:00:00Z', ruleId: 'r', stage: 's', category: 'c', severity: 'info', action: 'allowed',
      };
      await store.insertEvents([minimal]);
      assert.deepEqual(await store.queryEvents({}), [minimal]);
    });

    withStore('accepts an empty batch', async (store) => {
      await store.insertEvents([]);
      assert.deepEqual(await store.queryEvents({}), []);
    });

    withStore('inserting an id again keeps the first event (idempotent retries)', async (store) => {
      await store.insertEvents([sampleEvent(1, 0)]);
      await store.insertEvents([sampleEvent(1, 0, { detail: 'retried' }), sampleEvent(2, 10)]);
      const stored = await store.queryEvents({});
      assert.deepEqual(stored.map((event) => event.id), ['evt-00002', 'evt-00001']);
      assert.equal(stored[1]?.detail, 'matched');
    });

    withStore('a batch with an invalid event stores nothing', async (store) => {
      await assert.rejects(store.insertEvents([sampleEvent(1, 0), sampleEvent(2, 0, { time: 'yesterday' })]));
      assert.deepEqual(await store.queryEvents({}), []);
    });

    withStore('breaks ties on time by id, descending', async (store) => {
      const events = [sampleEvent(3, 0), sampleEvent(1, 0), sampleEvent(2, 0)];
      await store.insertEvents(events);
      assert.deepEqual((await store.queryEvents({})).map((event) => event.id), ['evt-00003', 'evt-00002', 'evt-00001']);
    });

    withStore('filters by each field, alone and combined', async (store) => {
      const events = Array.from({ length: 60 }, (_, n) => sampleEvent(n, n * 1000));
      await store.insertEvents(events);
      const cases: [EventQuery, (event: SecurityEvent) => boolean][] = [
        [{ since: new Date(BASE + 40_000).toISOString() }, (e) => Date.parse(e.time) >= BASE + 40_000],
        [{ until: new Date(BASE + 10_000).toISOString() }, (e) => Date.parse(e.time) < BASE + 10_000],
        [{ ruleId: 'sqli-942100' }, (e) => e.ruleId === 'sqli-942100'],
        [{ action: 'monitored' }, (e) => e.action === 'monitored'],
        [{ stage: 'ratelimit' }, (e) => e.stage === 'ratelimit'],
        [{ route: 'users' }, (e) => e.route === 'users'],
        [{ clientIp: '192.0.2.3' }, (e) => e.clientIp === '192.0.2.3'],
        [{ ruleId: 'unknown-rule' }, () => false],
        [
          { action: 'blocked', route: 'orders', since: new Date(BASE + 5000).toISOString(), until: new Date(BASE + 50_000).toISOString() },
          (e) => e.action === 'blocked' && e.route === 'orders' && Date.parse(e.time) >= BASE + 5000 && Date.parse(e.time) < BASE + 50_000,
        ],
      ];
      for (const [query, matches] of cases) {
        const expected = newestFirst(events.filter(matches));
        assert.deepEqual(await store.queryEvents(query), expected, JSON.stringify(query));
      }
    });

    withStore('compares times as instants, whatever their spelling', async (store) => {
      const events = [
        sampleEvent(1, 0, { time: '2024-05-01T10:00:00Z' }),
        sampleEvent(2, 0, { time: '2024-05-01T12:00:01.000+02:00' }),
        sampleEvent(3, 0, { time: '2024-05-01T09:59:59.999Z' }),
      ];
      await store.insertEvents(events);
      const since = await store.queryEvents({ since: '2024-05-01T10:00:00.000Z' });
      assert.deepEqual(since.map((event) => event.id), ['evt-00002', 'evt-00001']);
      assert.deepEqual(since[0], events[1], 'the event keeps the time as it was written');
      const until = await store.queryEvents({ until: '2024-05-01T12:00:00+02:00' });
      assert.deepEqual(until.map((event) => event.id), ['evt-00003']);
    });

    withStore('pages with `before` without duplicates or gaps', async (store) => {
      // Many events share a time so that pages end in the middle of a tie.
      const events = Array.from({ length: 257 }, (_, n) => sampleEvent(n, Math.floor(n / 10) * 1000));
      await store.insertEvents(events);
      for (const filter of [{}, { route: 'orders' }] satisfies EventQuery[]) {
        const seen: SecurityEvent[] = [];
        let before: EventQuery['before'];
        for (;;) {
          const page = await store.queryEvents({ ...filter, limit: 7, before });
          seen.push(...page);
          const last = page.at(-1);
          if (page.length < 7 || !last) break;
          before = { time: last.time, id: last.id };
        }
        const expected = newestFirst(events.filter((e) => !('route' in filter) || e.route === filter.route));
        assert.deepEqual(seen.map((e) => e.id), expected.map((e) => e.id));
      }
    });

    withStore('applies the default limit of 100 and accepts 1 and 10 000', async (store) => {
      await store.insertEvents(Array.from({ length: 150 }, (_, n) => sampleEvent(n, n)));
      assert.equal((await store.queryEvents({})).length, 100);
      assert.equal((await store.queryEvents({ limit: 1 })).length, 1);
      assert.equal((await store.queryEvents({ limit: 10_000 })).length, 150);
    });

    withStore('rejects invalid queries with STORE_QUERY_INVALID', async (store) => {
      const invalid: unknown[] = [
        { limit: 0 }, { limit: -1 }, { limit: 10_001 }, { limit: 1.5 }, { limit: Number.NaN }, { limit: '10' },
        { since: 'yesterday' }, { until: '2024-13-01' }, { since: '2024-05-01T10:00:00' }, { action: 'dropped' },
        { ruleId: '' }, { before: { time: 'now', id: 'x' } }, { before: { time: '2024-05-01T10:00:00Z' } }, { before: 'x' },
      ];
      for (const query of invalid) {
        await assert.rejects(store.queryEvents(query as EventQuery), isQueryInvalid, JSON.stringify(query));
      }
    });

    withStore('deletes events before a time and returns how many', async (store) => {
      const events = Array.from({ length: 20 }, (_, n) => sampleEvent(n, n * 1000));
      await store.insertEvents(events);
      const cutoff = new Date(BASE + 12_000).toISOString();
      assert.equal(await store.deleteEventsBefore(cutoff), 12);
      assert.deepEqual(await store.queryEvents({}), newestFirst(events.slice(12)));
      assert.equal(await store.deleteEventsBefore(cutoff), 0);
      await assert.rejects(store.deleteEventsBefore('not a time'), isQueryInvalid);
    });

    test('close is idempotent and later calls fail', async () => {
      const store = await open();
      await store.insertEvents([sampleEvent(1, 0)]);
      await store.close();
      await store.close();
      await assert.rejects(store.queryEvents({}));
      await assert.rejects(store.insertEvents([sampleEvent(2, 0)]));
    });
  });
}
