// The OAuth 2.0 implicit flow (OWASP API2:2023): the access token comes back in the redirect URL's
// fragment, exposed to browser history, the page's scripts and injection, with no sender binding;
// OAuth 2.0 Security BCP (RFC 9700, section 2.1.2) says not to use it.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';

export const oauthImplicitFlowCheck: AuditCheck = {
  id: 'authentication.oauth-implicit-flow',
  group: 'authentication',
  title: 'OAuth 2.0 implicit flow',
  owasp: 'API2',
  asvs: [],
  severity: 'high',
  part: 'security',
  explanation: 'The implicit flow returns the access token in the redirect URL, where browser history, scripts on the page and open redirectors can take it, and it cannot be bound to the client; the OAuth 2.0 Security Best Current Practice (RFC 9700) deprecates it.',
  remediation: 'Use the authorization code flow with PKCE (RFC 7636) instead, for browser and native clients alike, and remove the implicit flow from the security scheme.',
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      for (const flow of scheme.flows) {
        if (flow.kind === 'implicit') report(flow.at, `security scheme \`${scheme.name}\` offers the OAuth 2.0 implicit flow`);
      }
    }
  },
};
