// A document with no authentication at all (OWASP API2:2023): no security scheme, or schemes that no
// operation requires. One finding for the whole API; the unprotected operations are listed by
// write-unprotected and read-unprotected.
import type { AuditCheck } from '../../check.js';
import { protectionOf } from './support/security.js';

export const noSecurityDefinedCheck: AuditCheck = {
  id: 'authentication.no-security-defined',
  group: 'authentication',
  title: 'No authentication defined',
  owasp: 'API2',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'The document declares no way to authenticate, or declares one that no operation requires: every operation is open to anonymous callers, or the real protection is undocumented and cannot be reviewed or tested.',
  remediation: 'Define the security schemes the API accepts (components/securitySchemes, or securityDefinitions in Swagger 2.0) and require them with a document-level `security`, overriding it only where an operation is meant to be public.',
  run(api, report) {
    if (api.operations.length === 0) return;
    if (api.operations.some((operation) => protectionOf(api, operation).kind !== 'none')) return;
    if (api.securitySchemes.size === 0) {
      report(api.root.at, 'the document defines no security scheme and no operation requires authentication');
      return;
    }
    const container = api.dialect === 'swagger-2.0'
      ? api.document.child(api.root, 'securityDefinitions')
      : api.document.child(api.root, 'components', 'securitySchemes');
    const names = [...api.securitySchemes.keys()].map((name) => `\`${name}\``).join(', ');
    report(container?.at ?? api.root.at, `security schemes ${names} are defined but no operation requires any of them`);
  },
};
