// The `audit` events: management changes to who may do what (grants, API keys), recorded in the event
// store for accountability: who, what, why and when (OWASP API5:2023, least privilege). Built here,
// once, so the CLI and the gateway describe the same change the same way. Never a key's secret.
import { randomUUID } from 'node:crypto';
import type { Evidence, SecurityEvent } from '../core/types.js';
import type { ApiKeyRecord, GrantRecord } from '../store/index.js';

export type AuditRuleId =
  | 'access.grant-added' | 'access.grant-revoked' | 'access.grant-expired'
  | 'access.key-created' | 'access.key-revoked' | 'access.key-rotated';

/** Every audit rule id, as listed in docs/errors.md → "Audit events". */
export const AUDIT_RULE_IDS: readonly AuditRuleId[] = [
  'access.grant-added', 'access.grant-revoked', 'access.grant-expired',
  'access.key-created', 'access.key-revoked', 'access.key-rotated',
];

/** A grant was made: by whom, for which task, until when. */
export function grantAddedEvent(grant: GrantRecord, nowMs = Date.now()): SecurityEvent {
  return auditEvent('access.grant-added', grant.consumer, nowMs,
    `${grant.grantedBy} granted ${grant.scopes.join(', ')} to ${grant.consumer} until ${grant.expiresAt}: ${grant.reason}`,
    { grantId: grant.id, scopes: grant.scopes, reason: grant.reason, by: grant.grantedBy, expiresAt: grant.expiresAt });
}

/** A grant was ended early; `grant` is the record after the revocation. */
export function grantRevokedEvent(grant: GrantRecord, nowMs = Date.now()): SecurityEvent {
  if (grant.revokedBy === undefined || grant.revokedReason === undefined) throw new TypeError(`grant ${grant.id} is not revoked`);
  return auditEvent('access.grant-revoked', grant.consumer, nowMs,
    `${grant.revokedBy} revoked grant ${grant.id} (${grant.scopes.join(', ')}) of ${grant.consumer}: ${grant.revokedReason}`,
    { grantId: grant.id, scopes: grant.scopes, reason: grant.revokedReason, by: grant.revokedBy, expiresAt: grant.expiresAt });
}

/**
 * A grant ran out. For the gateway: report each grant GrantStore.claimExpired returned, so every
 * expiry is recorded once however many gateways share the store. `by` and `reason` are the grant's.
 */
export function grantExpiredEvent(grant: GrantRecord, nowMs = Date.now()): SecurityEvent {
  return auditEvent('access.grant-expired', grant.consumer, nowMs,
    `grant ${grant.id} (${grant.scopes.join(', ')}) of ${grant.consumer}, granted by ${grant.grantedBy}, expired at ${grant.expiresAt}`,
    { grantId: grant.id, scopes: grant.scopes, reason: grant.reason, by: grant.grantedBy, expiresAt: grant.expiresAt });
}

export function keyCreatedEvent(key: ApiKeyRecord, by: string, nowMs = Date.now()): SecurityEvent {
  return auditEvent('access.key-created', key.consumer, nowMs,
    `${by} created API key ${key.id} for ${key.consumer} (scopes: ${key.scopes.join(', ') || 'none'}), expiring ${key.expiresAt ?? 'never'}`,
    { keyId: key.id, scopes: key.scopes, by, expiresAt: key.expiresAt ?? null, ...(key.name === undefined ? {} : { name: key.name }) });
}

/** `key` is the record after the revocation. */
export function keyRevokedEvent(key: ApiKeyRecord, by: string, nowMs = Date.now()): SecurityEvent {
  if (key.revokedReason === undefined) throw new TypeError(`API key ${key.id} is not revoked`);
  return auditEvent('access.key-revoked', key.consumer, nowMs,
    `${by} revoked API key ${key.id} of ${key.consumer}: ${key.revokedReason}`,
    { keyId: key.id, scopes: key.scopes, reason: key.revokedReason, by, expiresAt: key.expiresAt ?? null });
}

/** `old` is the replaced key after the rotation (its new expiry), `next` its successor. */
export function keyRotatedEvent(old: ApiKeyRecord, next: ApiKeyRecord, by: string, nowMs = Date.now()): SecurityEvent {
  return auditEvent('access.key-rotated', old.consumer, nowMs,
    `${by} rotated API key ${old.id} of ${old.consumer} to ${next.id}; ${old.id} stops working at ${old.expiresAt ?? 'never'}`,
    { keyId: old.id, newKeyId: next.id, scopes: next.scopes, by, oldKeyExpiresAt: old.expiresAt ?? null, expiresAt: next.expiresAt ?? null });
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const LINE_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

function auditEvent(ruleId: AuditRuleId, consumer: string, nowMs: number, detail: string, evidence: Evidence): SecurityEvent {
  return {
    id: randomUUID(),
    time: new Date(nowMs).toISOString(),
    ruleId,
    stage: 'access',
    category: 'API5:2023',
    severity: 'info',
    action: 'audit',
    consumer,
    // One line whatever the stored text holds: the CLI refuses control characters, other writers may not.
    detail: detail.replace(LINE_BREAKERS, ' '),
    evidence,
  };
}
