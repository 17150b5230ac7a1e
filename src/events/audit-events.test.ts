import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ApiKeyRecord, GrantRecord } from '../store/index.js';
import {
  AUDIT_RULE_IDS, grantAddedEvent, grantExpiredEvent, grantRevokedEvent, keyCreatedEvent, keyRevokedEvent, keyRotatedEvent,
} from './audit-events.js';

const ERRORS_DOC = new URL('../../docs/errors.md', import.meta.url);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = Date.parse('2024-05-01T12:00:00.000Z');

const GRANT: GrantRecord = {
  id: 'grt_k7Qx2mPa9cLd', consumer: 'acme', scopes: ['refunds:write', 'orders:read'], reason: 'INC-42 refund batch', grantedBy: 'alice',
  createdAt: '2024-05-01T10:00:00.000Z', expiresAt: '2024-05-01T11:59:00.000Z',
};
const KEY: ApiKeyRecord = { id: 'k7Qx2mPa9cLd', consumer: 'acme', scopes: ['a'], name: 'deploy', createdAt: '2024-05-01T10:00:00.000Z' };

test('grantExpiredEvent: an audit event the gateway can record for a claimed expiry', () => {
  const event = grantExpiredEvent(GRANT, NOW);
  assert.match(event.id, UUID);
  assert.deepEqual({ ...event, id: '' }, {
    id: '', time: '2024-05-01T12:00:00.000Z', ruleId: 'access.grant-expired', stage: 'access', category: 'API5:2023', severity: 'info', action: 'audit',
    consumer: 'acme',
    detail: 'grant grt_k7Qx2mPa9cLd (refunds:write, orders:read) of acme, granted by alice, expired at 2024-05-01T11:59:00.000Z',
    evidence: { grantId: 'grt_k7Qx2mPa9cLd', scopes: ['refunds:write', 'orders:read'], reason: 'INC-42 refund batch', by: 'alice', expiresAt: '2024-05-01T11:59:00.000Z' },
  });
  assert.notEqual(grantExpiredEvent(GRANT, NOW).id, event.id, 'every event has its own id');
  assert.ok(Math.abs(Date.parse(grantExpiredEvent(GRANT).time) - Date.now()) < 1000, 'now by default');
});

test('grant added and revoked events say who, what, why and when', () => {
  assert.deepEqual(grantAddedEvent(GRANT, NOW).evidence, { grantId: GRANT.id, scopes: GRANT.scopes, reason: GRANT.reason, by: 'alice', expiresAt: GRANT.expiresAt });
  assert.equal(grantAddedEvent(GRANT, NOW).detail, 'alice granted refunds:write, orders:read to acme until 2024-05-01T11:59:00.000Z: INC-42 refund batch');
  const revoked = { ...GRANT, revokedAt: '2024-05-01T11:00:00.000Z', revokedBy: 'bob', revokedReason: 'done early' };
  const event = grantRevokedEvent(revoked, NOW);
  assert.equal(event.ruleId, 'access.grant-revoked');
  assert.deepEqual(event.evidence, { grantId: GRANT.id, scopes: GRANT.scopes, reason: 'done early', by: 'bob', expiresAt: GRANT.expiresAt });
  assert.throws(() => grantRevokedEvent(GRANT, NOW), TypeError, 'a grant that is not revoked is a bug in the caller');
});

test('key events carry the key id, never more of the key', () => {
  assert.deepEqual(keyCreatedEvent(KEY, 'alice', NOW).evidence, { keyId: KEY.id, scopes: ['a'], by: 'alice', expiresAt: null, name: 'deploy' });
  const revoked = { ...KEY, revokedAt: '2024-05-01T11:00:00.000Z', revokedReason: 'leaked' };
  assert.deepEqual(keyRevokedEvent(revoked, 'bob', NOW).evidence, { keyId: KEY.id, scopes: ['a'], reason: 'leaked', by: 'bob', expiresAt: null });
  assert.throws(() => keyRevokedEvent(KEY, 'bob', NOW), TypeError);
  const old = { ...KEY, expiresAt: '2024-05-01T13:00:00.000Z', rotatedTo: 'Zz0000000000' };
  const next = { ...KEY, id: 'Zz0000000000' };
  assert.deepEqual(keyRotatedEvent(old, next, 'carol', NOW).evidence,
    { keyId: KEY.id, newKeyId: 'Zz0000000000', scopes: ['a'], by: 'carol', oldKeyExpiresAt: '2024-05-01T13:00:00.000Z', expiresAt: null });
  for (const event of [keyCreatedEvent(KEY, 'a', NOW), keyRevokedEvent(revoked, 'b', NOW), keyRotatedEvent(old, next, 'c', NOW)]) {
    assert.deepEqual([event.action, event.stage, event.severity, event.consumer], ['audit', 'access', 'info', 'acme']);
  }
});

test('the detail is one line whatever the stored text holds; the evidence keeps it as it was', () => {
  const event = grantAddedEvent({ ...GRANT, reason: 'line one\nline two\r\u2028\u0000end' }, NOW);
  for (const char of ['\n', '\r', '\u2028', '\u0000']) assert.equal(event.detail?.includes(char), false, JSON.stringify(char));
  assert.ok(event.detail?.endsWith('line one line two end'));
  assert.equal(event.evidence?.reason, 'line one\nline two\r\u2028\u0000end');
});

test('every audit rule id is in docs/errors.md → "Audit events", and the section lists no other', () => {
  const lines = readFileSync(ERRORS_DOC, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Audit events');
  assert.notEqual(start, -1, 'docs/errors.md has no "## Audit events" section');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const documented = lines.slice(start + 1, end === -1 ? undefined : end)
    .map((line) => /^\| `([^`]+)` \|/.exec(line)?.[1]).filter((id) => id !== undefined);
  assert.deepEqual(documented, [...AUDIT_RULE_IDS]);
});
