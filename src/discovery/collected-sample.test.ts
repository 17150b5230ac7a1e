import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTrafficSample } from './collected-sample.js';

test('a collected sample becomes a TrafficSample: header names lowercased, defaults filled, source collector', () => {
  const sample = toTrafficSample({ method: 'get', path: '/users/7', status: 200, requestHeaders: { Authorization: 'Basic x' }, time: '2026-11-29T10:00:00Z' });
  assert.ok(!('problem' in sample));
  assert.equal(sample.method, 'GET');
  assert.deepEqual(sample.requestHeaders, { authorization: 'Basic x' });
  assert.equal(sample.time, '2026-11-29T10:00:00.000Z');
  assert.equal(sample.source, 'collector');
  assert.deepEqual(sample.query, []);
  assert.equal(typeof sample.requestId, 'string');
});

test('a bad sample is named by its first problem', () => {
  const problemOf = (input: unknown): string => {
    const result = toTrafficSample(input);
    return 'problem' in result ? result.problem : 'accepted';
  };
  assert.match(problemOf({ method: 'GET', path: 'users', status: 200 }), /^\/path: /);
  assert.match(problemOf({ method: 'GET', path: '/x', status: 999 }), /^\/status: /);
  assert.match(problemOf({ method: 'GET', path: '/x', status: 200, extra: 1 }), /\(extra\)$/);
  assert.match(problemOf([]), /^\(sample\): /);
  assert.match(problemOf({ method: 'GET', path: '/x', status: 200, query: [['a']] }), /^\/query\/0/);
});
