// Operation IDs used twice: gateways, policies (Bulwark's own per-operation settings among them), code
// generators and client SDKs address operations by ID, so a duplicate applies one operation's rules
// to the other, or silently drops one of them (OWASP API8:2023, security misconfiguration).
import type { AuditCheck } from '../../check.js';
import type { OperationInfo } from '../../model.js';

export const duplicateOperationIdCheck: AuditCheck = {
  id: 'hygiene.duplicate-operation-id',
  group: 'hygiene',
  title: 'Duplicate operationId',
  owasp: 'API8',
  asvs: [],
  severity: 'medium',
  part: 'validation',
  explanation: 'Gateways, security policies, code generators and SDKs find operations by operationId; when two operations share one, rules and handlers meant for one apply to the other, or one of them silently disappears.',
  remediation: 'Give every operation a unique operationId (for example verb plus resource: `getOrder`, `listOrders`).',
  run(api, report) {
    const first = new Map<string, OperationInfo>();
    for (const operation of api.operations) {
      const id = operation.operationId;
      if (id === undefined || id === '') continue;
      const earlier = first.get(id);
      if (earlier === undefined) {
        first.set(id, operation);
        continue;
      }
      const shared = earlier.at.file === operation.at.file && earlier.at.pointer === operation.at.pointer;
      report(operation.at, shared
        ? `${label(operation)}: the operation is shared with ${label(earlier)} (one definition referenced from two paths), so operationId \`${id}\` names both`
        : `${label(operation)}: operationId \`${id}\` is already used by ${label(earlier)}`);
    }
  },
};

function label(operation: OperationInfo): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}
