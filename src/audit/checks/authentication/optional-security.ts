// Write operations that list `{}` among their security alternatives (OWASP API2:2023): the schemes
// next to it are then optional, and an anonymous caller passes by sending no credentials at all.
import type { AuditCheck } from '../../check.js';
import { operationLabel, protectionOf } from './support/security.js';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export const optionalSecurityCheck: AuditCheck = {
  id: 'authentication.optional-security',
  group: 'authentication',
  title: 'Write operation with optional authentication',
  owasp: 'API2',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'An empty requirement `{}` next to real ones makes authentication optional: a caller who sends no credentials is let through, so the operation is as open as an unprotected one unless the server adds its own checks.',
  remediation: 'Remove the `{}` alternative from the operation\'s (or the document\'s) `security`; if anonymous calls are intended, describe what they may do and what the server checks.',
  run(api, report) {
    for (const operation of api.operations) {
      if (!WRITE_METHODS.has(operation.method)) continue;
      if (protectionOf(api, operation).kind !== 'optional') continue;
      report(operation.at, `${operationLabel(operation)}: the security requirement allows anonymous calls (\`{}\`) besides authenticated ones`);
    }
  },
};
