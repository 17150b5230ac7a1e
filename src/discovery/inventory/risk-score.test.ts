import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OperationView } from './operation-view.js';
import { riskScore } from './risk-score.js';

function view(overrides: Partial<OperationView> = {}): OperationView {
  return {
    host: 'h', method: 'GET', template: '/health', firstSeen: '', lastSeen: '', calls: 10, statuses: { 200: 10 }, consumers: 1, consumersCapped: false,
    unauthenticatedCalls: 0, auth: [{ kind: 'bearer-jwt', in: 'header', name: 'authorization', calls: 10, issuers: [], scopes: [] }],
    parameters: [], requestBodies: [], responses: [], sensitive: [], ...overrides,
  };
}

test('an authenticated, documented read of nothing sensitive scores 0', () => {
  assert.deepEqual(riskScore(view(), 'documented'), { score: 0, reasons: [] });
});

test('an unauthenticated shadow endpoint returning card numbers is near the top, reasons worst first', () => {
  const risky = riskScore(view({
    template: '/internal/payments/{id}', unauthenticatedCalls: 10, auth: [],
    parameters: [{ in: 'path', name: 'id', required: true, schema: {}, calls: 10 }],
    sensitive: [{ direction: 'response', in: 'body', name: '/card', types: ['payment-card'], masked: '**** 4242', calls: 10 }],
  }), 'shadow');
  assert.equal(risky.score, 90);
  assert.deepEqual(risky.reasons.map((reason) => reason.owasp), ['API3:2023', 'API2:2023', 'API9:2023', 'API1:2023']);
});

test('partial anonymity, query credentials, writes, zombies and server errors all count; the score is capped at 100', () => {
  const result = riskScore(view({
    method: 'DELETE', unauthenticatedCalls: 2, statuses: { 200: 8, 500: 2 },
    auth: [{ kind: 'api-key', in: 'query', name: 'api_key', calls: 8, issuers: [], scopes: [] }],
    sensitive: [{ direction: 'response', in: 'body', name: '/email', types: ['email'], masked: 'a***', calls: 1 }],
  }), 'zombie');
  assert.deepEqual(result.reasons.map((reason) => reason.points), [25, 20, 20, 15, 10, 5]);
  assert.equal(result.score, 95);
  const worst = riskScore(view({ method: 'POST', unauthenticatedCalls: 10, auth: [{ kind: 'basic', in: 'query', name: 'key', calls: 1, issuers: [], scopes: [] }], sensitive: [{ direction: 'response', in: 'body', name: '/p', types: ['password'], masked: '*', calls: 1 }] }), 'zombie');
  assert.equal(worst.score, 100);
});
