// Administrative operations protected exactly like ordinary ones (OWASP API5:2023, ASVS V4.3.1): if
// the same token or key opens both, the only thing between a user and the admin functions is the
// server remembering a role check in every handler. Admin paths are those containing `/admin`.
import type { AuditApi, OperationInfo } from '../../model.js';
import type { AuditCheck } from '../../check.js';
import { childRef, isObject } from '../../model.js';
import { entryKey, operationLabel } from './support/requirements.js';

function isAdminPath(path: string): boolean {
  return path.toLowerCase().includes('/admin');
}

/** The requirement objects written for an operation, or inherited by it, with their raw index. */
function entriesOf(api: AuditApi, operation: OperationInfo): { readonly own: boolean; readonly entries: readonly unknown[] } {
  const own = operation.value.security;
  if (own !== undefined) return { own: true, entries: Array.isArray(own) ? own : [] };
  const inherited = api.root.value.security;
  return { own: false, entries: Array.isArray(inherited) ? inherited : [] };
}

export const adminSharesSecurityCheck: AuditCheck = {
  id: 'authorization.admin-shares-security',
  group: 'authorization',
  title: 'Admin operation shares ordinary security',
  owasp: 'API5',
  asvs: ['V4.3.1'],
  severity: 'medium',
  part: 'security',
  explanation: 'When an administrative operation accepts exactly the credentials ordinary operations accept, any user\'s token reaches it and only a role check inside the handler stands in the way; a missed check is a privilege escalation.',
  remediation: 'Protect admin operations with a scheme or scopes of their own (an `admin` scope, a separate admin audience or client, mutual TLS), so that ordinary credentials are refused before the handler runs.',
  covers: ['owasp:api5:2023-admin-security-unique'],
  run(api, report) {
    const ordinary = new Map<string, string>();
    for (const operation of api.operations) {
      if (isAdminPath(operation.path)) continue;
      for (const entry of entriesOf(api, operation).entries) {
        const key = entryKey(entry);
        if (isObject(entry) && !ordinary.has(key)) ordinary.set(key, operationLabel(operation));
      }
    }
    for (const operation of api.operations) {
      if (!isAdminPath(operation.path)) continue;
      const { own, entries } = entriesOf(api, operation);
      const shared = entries.map((entry, index) => ({ index, entry, other: isObject(entry) ? ordinary.get(entryKey(entry)) : undefined }))
        .filter(({ other }) => other !== undefined);
      if (own) {
        for (const { index, entry, other } of shared) {
          report(childRef(operation.at, 'security', index), `${operationLabel(operation)}: the requirement ${describe(entry)} is also accepted by non-admin operations (${other ?? ''})`);
        }
      } else if (shared.length > 0) {
        report(operation.at, `${operationLabel(operation)}: inherits the document's security requirement, which non-admin operations accept too (${shared[0]?.other ?? ''})`);
      }
    }
  },
};

/** `oauth (admin:read) + apiKey`, or `{}` for the anonymous alternative. */
function describe(entry: unknown): string {
  if (!isObject(entry) || Object.keys(entry).length === 0) return '`{}` (anonymous)';
  return Object.entries(entry).map(([scheme, scopes]) => {
    const list = Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [];
    return list.length === 0 ? `\`${scheme}\`` : `\`${scheme}\` (${list.join(', ')})`;
  }).join(' + ');
}
