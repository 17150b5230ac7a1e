// Security requirements asking for OAuth 2.0 scopes that no flow of the scheme declares (OWASP
// API5:2023): a misspelt scope is an authorization rule no token can satisfy, or one the server
// checks under another name, and clients cannot request it.
import type { AuditCheck } from '../../check.js';
import { requirementEntries, scopesIn } from './support/security.js';

export const undeclaredScopeCheck: AuditCheck = {
  id: 'authentication.undeclared-scope',
  group: 'authentication',
  title: 'Requirement asks for an undeclared scope',
  owasp: 'API5',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A requirement for an OAuth 2.0 scope that the scheme\'s flows do not declare is either a typo (the intended scope is not enforced) or an undocumented permission clients cannot request.',
  remediation: 'Declare the scope in the `scopes` of the scheme\'s flows, or correct the scope name in the requirement.',
  run(api, report) {
    const declared = new Map<string, Set<string>>();
    for (const scheme of api.securitySchemes.values()) {
      if (scheme.type === 'oauth2') declared.set(scheme.name, new Set(scheme.flows.flatMap((flow) => flow.scopes)));
    }
    for (const entry of requirementEntries(api)) {
      const problems: string[] = [];
      for (const [name, value] of Object.entries(entry.value)) {
        const scopes = declared.get(name);
        if (scopes === undefined) continue;
        const unknown = scopesIn(value).filter((scope) => !scopes.has(scope));
        if (unknown.length > 0) problems.push(`${unknown.map((scope) => `\`${scope}\``).join(', ')} of \`${name}\``);
      }
      if (problems.length > 0) report(entry.at, `${entry.owner}: the requirement asks for scopes no flow declares: ${problems.join('; ')}`);
    }
  },
};
