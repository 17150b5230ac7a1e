// Operations that address an object by an id in the path and express no authorization (OWASP
// API1:2023, ASVS V4.2.1): broken object level authorization is the most common API flaw, and an
// operation with no scope (or no authentication) gives the reviewer nothing to show that the caller's
// right to that particular object is checked. A review hint, not a proof of a flaw.
import type { AuditCheck } from '../../check.js';
import { isIdName, templateNames } from './support/ids.js';
import { hasScopes, isAuthenticated, operationLabel } from './support/requirements.js';

export const objectIdWithoutScopeCheck: AuditCheck = {
  id: 'authorization.object-id-without-scope',
  group: 'authorization',
  title: 'Object id without authorization scope',
  owasp: 'API1',
  asvs: ['V4.2.1'],
  severity: 'info',
  part: 'security',
  explanation: 'An operation that takes an object id from the path lets callers ask for any object by changing the id; unless the server checks the caller may access that object, one user reads or changes another\'s data (BOLA/IDOR).',
  remediation: 'Check on the server, for every object id received, that the authenticated caller may access that object (ownership or policy), require scopes that express the permission, and document the check in the operation\'s description.',
  run(api, report) {
    for (const operation of api.operations) {
      const ids = templateNames(operation.path).filter(isIdName);
      if (ids.length === 0 || hasScopes(operation)) continue;
      const names = ids.map((name) => `\`${name}\``).join(', ');
      const what = isAuthenticated(operation) ? 'requires no scope or role' : 'requires no authentication';
      report(operation.at, `${operationLabel(operation)}: addresses an object by ${names} and ${what}: make sure the caller's access to that object is checked`);
    }
  },
};
