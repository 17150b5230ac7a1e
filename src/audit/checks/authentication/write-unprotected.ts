// Operations that change data with no authentication (OWASP API2:2023): anyone who can reach the API
// can create, change or delete through them. `security: []` and a requirement made only of `{}` turn
// authentication off as surely as no requirement at all.
import type { AuditCheck } from '../../check.js';
import { operationLabel, protectionOf } from './support/security.js';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export const writeUnprotectedCheck: AuditCheck = {
  id: 'authentication.write-unprotected',
  group: 'authentication',
  title: 'Write operation without authentication',
  owasp: 'API2',
  asvs: [],
  severity: 'high',
  part: 'security',
  explanation: 'A POST, PUT, PATCH or DELETE operation with no security requirement lets anonymous callers create, change or delete data.',
  remediation: 'Require a security scheme on the operation (or on the document, and do not override it with `security: []` or `{}`); if it really must be anonymous, protect it by other means (rate limits, CAPTCHA) and record why.',
  covers: ['owasp:api2:2023-write-restricted'],
  run(api, report) {
    for (const operation of api.operations) {
      if (!WRITE_METHODS.has(operation.method)) continue;
      const protection = protectionOf(api, operation);
      if (protection.kind === 'none') report(operation.at, `${operationLabel(operation)}: ${protection.why}`);
    }
  },
};
