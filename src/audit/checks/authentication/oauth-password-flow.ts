// The OAuth 2.0 resource owner password credentials flow (OWASP API2:2023): the client handles the
// user's password itself, which defeats the point of delegated authorization and rules out MFA and
// phishing-resistant login; OAuth 2.0 Security BCP (RFC 9700, section 2.4) says it must not be used.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';

export const oauthPasswordFlowCheck: AuditCheck = {
  id: 'authentication.oauth-password-flow',
  group: 'authentication',
  title: 'OAuth 2.0 password flow',
  owasp: 'API2',
  asvs: [],
  severity: 'high',
  part: 'security',
  explanation: 'The password (resource owner password credentials) flow gives the user\'s password to the client, exposes it to more code and logs, encourages credential phishing and cannot carry multi-factor authentication; the OAuth 2.0 Security Best Current Practice (RFC 9700) forbids it.',
  remediation: 'Use the authorization code flow with PKCE for users, and the client credentials flow for machine-to-machine calls, and remove the password flow from the security scheme.',
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      for (const flow of scheme.flows) {
        if (flow.kind === 'password') report(flow.at, `security scheme \`${scheme.name}\` offers the OAuth 2.0 password flow`);
      }
    }
  },
};
