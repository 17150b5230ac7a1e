// Operations guarded by scopes or roles that do not document a 403 (OWASP API5:2023): a caller with a
// valid token but without the permission must get a 403, and without it in the contract neither
// clients nor contract tests can tell a refused permission from a bad token or a missing object.
import type { AuditCheck } from '../../check.js';
import { hasScopes, operationLabel } from './support/requirements.js';

export const missing403Check: AuditCheck = {
  id: 'authorization.missing-403',
  group: 'authorization',
  title: 'No 403 response on a scoped operation',
  owasp: 'API5',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'An operation that requires scopes or roles can refuse an authenticated caller; with no 403 response documented, that refusal has no contract, and tests cannot check that it happens or what it returns.',
  remediation: 'Add a `403` response (with an error body schema) to every operation whose security requirement lists scopes or roles, through a shared `components/responses` entry.',
  run(api, report) {
    for (const operation of api.operations) {
      if (!hasScopes(operation)) continue;
      if (operation.responses.some(({ status }) => status === '403' || status.toUpperCase() === '4XX')) continue;
      report(operation.responsesAt ?? operation.at, `${operationLabel(operation)}: requires scopes but has no 403 response`);
    }
  },
};
