import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LimitSpec } from './algorithms.js';
import { policyItem, rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';

const minute: LimitSpec = { algorithm: 'gcra', limit: 100, periodMs: 60_000, burst: 100 };
const day: LimitSpec = { algorithm: 'sliding-window', limit: 5000, periodMs: 86_400_000, burst: 5000 };

test('policies list every limit; RateLimit shows the one with the least remaining', () => {
  const applied = [
    { name: 'per-minute', spec: minute, decision: { allowed: true, remaining: 40, resetMs: 35_200, retryAfterMs: 0 } },
    { name: 'daily', spec: day, decision: { allowed: true, remaining: 12, resetMs: 3_600_000, retryAfterMs: 0 } },
  ];
  const headers = rateLimitHeaders(applied, applied.map((limit) => policyItem(limit.name, limit.spec)));
  assert.equal(headers['ratelimit-policy'], '"per-minute";q=100;w=60, "daily";q=5000;w=86400');
  assert.equal(headers.ratelimit, '"daily";r=12;t=3600');
});

test('on a refusal RateLimit names the refusing limit, with t equal to Retry-After', () => {
  const refused = { name: 'per-minute', spec: minute, decision: { allowed: false, remaining: 0, resetMs: 60_000, retryAfterMs: 1_200 } };
  const headers = rateLimitHeaders([refused], [policyItem('per-minute', minute)], refused);
  assert.equal(headers.ratelimit, '"per-minute";r=0;t=2');
  assert.equal(retryAfterSeconds(1_200), '2');
  assert.equal(retryAfterSeconds(0), '1', 'never 0: a client would retry at once');
  assert.equal(policyItem('burst', { algorithm: 'gcra', limit: 10, periodMs: 500, burst: 10 }), '"burst";q=10;w=1');
});
