// Operations with neither summary nor description: reviewers, consumers and inventories cannot tell
// what they do, which is how forgotten and unowned endpoints stay in production (OWASP API9:2023).
import type { AuditCheck } from '../../check.js';

export const undocumentedOperationCheck: AuditCheck = {
  id: 'hygiene.undocumented-operation',
  group: 'hygiene',
  title: 'Operation without summary or description',
  owasp: 'API9',
  asvs: [],
  severity: 'info',
  part: 'validation',
  explanation: 'An operation with neither a summary nor a description cannot be reviewed for what it should allow, and is easily forgotten in inventories of what the API exposes.',
  remediation: 'Add a one-line summary saying what the operation does, and a description of who may call it and what it changes.',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      const key = `${operation.at.file}#${operation.at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (operation.summary.trim() === '' && operation.description.trim() === '') report(operation.at, `${operation.method.toUpperCase()} ${operation.path} has neither a summary nor a description`);
    }
  },
};
