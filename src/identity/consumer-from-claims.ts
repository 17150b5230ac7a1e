// Turns verified JWT claims into the shared Consumer: who (subject), what it may do (scopes from
// `scope` / `scp`, roles and groups from configurable claim paths such as Keycloak's
// `realm_access.roles`) and the selected claims other stages and the upstream need.
import { ownValueAt } from '../core/request-values.js';
import type { Consumer } from '../core/types.js';

export interface ClaimMapping {
  /** Claim holding the consumer id (default `sub`). */
  readonly subject: string;
  /** Dot paths of claims holding role names (string or array). */
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  /** Claims copied onto the consumer (for object-level rules and forwarding). */
  readonly keep: readonly string[];
}

export function consumerFromClaims(claims: Readonly<Record<string, unknown>>, mapping: ClaimMapping): Consumer | undefined {
  const subject = ownValueAt(claims, mapping.subject.split('.'));
  if (typeof subject !== 'string' || subject === '') return undefined;
  const kept: Record<string, unknown> = {};
  for (const name of mapping.keep) {
    const value = ownValueAt(claims, name.split('.'));
    if (value !== undefined) kept[name] = value;
  }
  if (typeof claims.iss === 'string') kept.iss = claims.iss;
  return {
    id: subject,
    kind: 'jwt',
    scopes: scopesOf(claims),
    roles: mapping.roles.flatMap((path) => namesOf(ownValueAt(claims, path.split('.')))),
    groups: mapping.groups.flatMap((path) => namesOf(ownValueAt(claims, path.split('.')))),
    claims: kept,
  };
}

/** RFC 8693 §4.2 / RFC 9068 §2.2.3: `scope` is a space-separated string; some issuers use `scp` (string or array). */
export function scopesOf(claims: Readonly<Record<string, unknown>>): string[] {
  const names = [...namesOf(claims.scope, ' '), ...namesOf(claims.scp, ' ')];
  return [...new Set(names)];
}

function namesOf(value: unknown, separator?: string): string[] {
  if (typeof value === 'string') return (separator ? value.split(separator) : [value]).filter((name) => name !== '');
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === 'string' && name !== '');
  return [];
}

