import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BulwarkError } from '../core/errors.js';
import type { EventQuery } from './event-store.js';
import { canonicalTime, normalizeEventQuery } from './event-query.js';

const rejects = (query: unknown) => assert.throws(() => normalizeEventQuery(query as EventQuery), (e: unknown) => e instanceof BulwarkError && e.code === 'STORE_QUERY_INVALID');

test('defaults and canonical times', () => {
  assert.deepEqual(normalizeEventQuery({}), {
    since: undefined, until: undefined, ruleId: undefined, action: undefined, stage: undefined, route: undefined, clientIp: undefined, limit: 100, before: undefined,
  });
  assert.equal(normalizeEventQuery({ since: '2026-11-27T10:00:00+02:00' }).since, '2026-11-27T08:00:00.000Z');
  assert.equal(normalizeEventQuery({ since: '2026-11-27' }).since, '2026-11-27T00:00:00.000Z');
});

test('invalid queries are refused with STORE_QUERY_INVALID', () => {
  rejects(null);
  rejects({ limit: 0 });
  rejects({ limit: 10_001 });
  rejects({ limit: 1.5 });
  rejects({ action: 'dropped' });
  rejects({ since: '2026-11-27T10:00:00' });
  rejects({ since: 'yesterday' });
  rejects({ ruleId: '' });
  rejects({ before: { time: '2026-11-27T10:00:00Z' } });
  rejects({ before: 'x' });
});

test('canonicalTime needs a zone on date-times', () => {
  assert.equal(canonicalTime('2026-11-27T10:00Z'), '2026-11-27T10:00:00.000Z');
  assert.equal(canonicalTime('2026-11-27T10:00'), undefined);
  assert.equal(canonicalTime('2026-13-45'), undefined);
});
