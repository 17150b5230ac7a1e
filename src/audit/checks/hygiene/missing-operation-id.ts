// Operations without an operationId: nothing stable names them, so policies, gateway routes, SDK
// methods and findings fall back on method and path, which change when the API is reorganised.
import type { AuditCheck } from '../../check.js';

export const missingOperationIdCheck: AuditCheck = {
  id: 'hygiene.missing-operation-id',
  group: 'hygiene',
  title: 'Operation without operationId',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'validation',
  explanation: 'Without an operationId an operation has no stable name: gateway policies, generated SDK methods and inventories key it by method and path, which break or drift silently when paths change.',
  remediation: 'Give the operation a unique, descriptive operationId (`getOrder`, `cancelSubscription`).',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      const key = `${operation.at.file}#${operation.at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (operation.operationId === undefined || operation.operationId.trim() === '') report(operation.at, `${operation.method.toUpperCase()} ${operation.path} has no operationId`);
    }
  },
};
