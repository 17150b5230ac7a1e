import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OperationUsage } from '../store/index.js';
import { buildAccessReport, type AccessReportInput, type ReportPolicy } from './access-report.js';

const base: AccessReportInput = { sinceDay: '2026-10-29', until: '2026-11-28T00:00:00.000Z', usage: [], privileges: [], keys: [], grants: [] };

function use(overrides: Partial<OperationUsage>): OperationUsage {
  return {
    consumer: 'acme', kind: 'api-key', route: 'shop', operation: 'GET /orders', allowed: 10, denied: 0,
    scopesUsed: ['orders:read'], policiesUsed: [], lastSeen: '2026-11-27T09:00:00.000Z', ...overrides,
  };
}

test('scopes held but never needed are unused, attributed to the key that carries them, with a narrower key advised', () => {
  const report = buildAccessReport({
    ...base,
    usage: [use({})],
    privileges: [{ consumer: 'acme', kind: 'api-key', scopes: ['orders:read', 'orders:write', 'admin'], roles: [], groups: [], lastSeen: '2026-11-27T09:00:00.000Z' }],
    keys: [{ id: 'k7Qx2mPa9cLd', consumer: 'acme', scopes: ['orders:read', 'orders:write', 'admin'] }],
    operations: [
      { route: 'shop', method: 'GET', pathTemplate: '/orders', operationId: 'listOrders', scopeAlternatives: [['orders:read']] },
      { route: 'shop', method: 'POST', pathTemplate: '/orders', operationId: 'createOrder', scopeAlternatives: [['orders:write']] },
      { route: 'shop', method: 'DELETE', pathTemplate: '/orders/{id}', scopeAlternatives: [['admin'], ['orders:admin']] },
      { route: 'shop', method: 'GET', pathTemplate: '/health', scopeAlternatives: [] },
    ],
  });
  const [acme] = report.consumers;
  assert.ok(acme);
  assert.deepEqual(acme.scopes.held, ['admin', 'orders:read', 'orders:write']);
  assert.deepEqual(acme.scopes.used, ['orders:read']);
  assert.deepEqual(acme.scopes.unused, ['admin', 'orders:write']);
  assert.deepEqual(acme.scopes.sources['admin'], ['key k7Qx2mPa9cLd'], 'scopes a key carries are the key\'s, not the token\'s');
  assert.equal(acme.operations.permitted, 3);
  assert.deepEqual(acme.operations.permittedUnused, ['POST /orders (createOrder)', 'DELETE /orders/{id}']);
  assert.match(acme.recommendations.join('\n'), /API key k7Qx2mPa9cLd: scopes orders:write, admin were never needed; replace it with a key for orders:read/);
});

test('an idle consumer is told to revoke its credentials; an unused grant to be revoked early', () => {
  const report = buildAccessReport({
    ...base,
    usage: [use({ consumer: 'ops-bot', kind: 'jwt', scopesUsed: ['orders:read'] })],
    keys: [{ id: 'oldKey000001', consumer: 'gone', scopes: ['orders:read'] }],
    grants: [{ id: 'grt_abcdefghijkl', consumer: 'ops-bot', scopes: ['orders:refund'], expiresAt: '2026-11-28T02:00:00.000Z' }],
  });
  assert.deepEqual(report.consumers.map((c) => c.consumer), ['gone', 'ops-bot']);
  assert.match(report.consumers[0]!.recommendations.join(), /No requests since 2026-10-29: revoke API key oldKey000001/);
  const bot = report.consumers[1]!;
  assert.deepEqual(bot.scopes.unused, ['orders:refund']);
  assert.match(bot.recommendations.join(), /Grant grt_abcdefghijkl \(orders:refund\) has not been used; revoke it early/);
});

test('token scopes and policies that applied but granted nothing used are reported; refusals are counted', () => {
  const policies: ReportPolicy[] = [
    { label: 'ops', matchesConsumer: (_id, held) => held.roles.includes('ops') },
    { label: 'auditors', matchesConsumer: (_id, held) => held.groups.includes('audit') },
    { label: 'others', matchesConsumer: () => false },
  ];
  const report = buildAccessReport({
    ...base,
    usage: [use({ kind: 'jwt', policiesUsed: ['ops'], denied: 4 })],
    privileges: [{ consumer: 'acme', kind: 'jwt', scopes: ['orders:read', 'profile'], roles: ['ops'], groups: ['audit'], lastSeen: '2026-11-27T09:00:00.000Z' }],
    policies,
  });
  const acme = report.consumers[0]!;
  assert.deepEqual(acme.policies, { matching: ['ops', 'auditors'], used: ['ops'], unused: ['auditors'] });
  const advice = acme.recommendations.join('\n');
  assert.match(advice, /tokens carry profile without needing them/);
  assert.match(advice, /Policies auditors apply to it/);
  assert.match(advice, /4 requests were refused/);
});

test('without documented operations scope use is unknown, not unused', () => {
  const report = buildAccessReport({
    ...base,
    usage: [use({ operation: 'GET *', scopesUsed: [] })],
    privileges: [{ consumer: 'acme', kind: 'jwt', scopes: ['orders:read'], roles: [], groups: [], lastSeen: '2026-11-27T09:00:00.000Z' }],
  });
  const acme = report.consumers[0]!;
  assert.equal(acme.scopes.assessable, false);
  assert.deepEqual(acme.scopes.unused, []);
  assert.match(acme.recommendations.join(), /Scope use is unknown/);
});
