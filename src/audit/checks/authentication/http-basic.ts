// HTTP Basic authentication (OWASP API2:2023, RFC 7617): the password itself travels, merely base64
// encoded, with every request, so each request is a chance to leak it (logs, proxies, a TLS mistake),
// and it cannot expire, be scoped or be revoked without changing the password.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';

export const httpBasicCheck: AuditCheck = {
  id: 'authentication.http-basic',
  group: 'authentication',
  title: 'HTTP Basic authentication',
  owasp: 'API2',
  asvs: [],
  severity: 'high',
  part: 'security',
  explanation: 'HTTP Basic sends the user\'s password with every request, readable by anything that sees the request in clear (logs, proxies, TLS-terminating middleboxes), and gives no expiry, scope or revocation.',
  remediation: 'Use OAuth 2.0 or OpenID Connect (short-lived bearer tokens) or, for machine clients, mutual TLS or per-client keys sent in a header; if Basic must stay, restrict it to HTTPS and to internal clients.',
  covers: ['owasp:api2:2023-no-http-basic'],
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      // Every scheme whose `scheme` names basic, whatever its type (Swagger 2.0's `type: basic` reads as `basic` too).
      if (scheme.scheme === undefined || !scheme.scheme.includes('basic')) continue;
      const how = scheme.type === 'http' ? 'uses HTTP Basic authentication' : `names \`${String(scheme.value.scheme)}\` as its scheme (HTTP Basic authentication)`;
      report(scheme.at, `security scheme \`${scheme.name}\` ${how}`);
    }
  },
};
