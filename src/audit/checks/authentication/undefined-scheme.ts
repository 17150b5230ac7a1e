// Security requirements naming a scheme that is not defined (OWASP API2:2023): the document is
// invalid there, and tools that read it (gateways, code generators) may skip the requirement, leaving
// the operation unprotected, or reject it outright.
import type { AuditCheck } from '../../check.js';
import { definedSchemeNames, requirementEntries } from './support/security.js';

export const undefinedSchemeCheck: AuditCheck = {
  id: 'authentication.undefined-scheme',
  group: 'authentication',
  title: 'Requirement names an undefined scheme',
  owasp: 'API2',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A security requirement that names a scheme the document does not define cannot be enforced as written: gateways and generated code may silently drop it and leave the operation open.',
  remediation: 'Define the scheme under components/securitySchemes (securityDefinitions in Swagger 2.0), or fix the name in the requirement to match a defined scheme (names are case-sensitive).',
  run(api, report) {
    const defined = definedSchemeNames(api);
    for (const entry of requirementEntries(api)) {
      const missing = Object.keys(entry.value).filter((name) => !defined.has(name));
      if (missing.length === 0) continue;
      const names = missing.map((name) => `\`${name}\``).join(', ');
      report(entry.at, `${entry.owner}: the requirement names ${missing.length === 1 ? 'a scheme' : 'schemes'} that ${missing.length === 1 ? 'is' : 'are'} not defined: ${names}`);
    }
  },
};
