// HTTP authentication schemes that are outdated or weak (OWASP API2:2023; IANA HTTP Authentication
// Scheme Registry): Negotiate falls back to NTLM, OAuth is OAuth 1.0 (RFC 5849, obsoleted by OAuth
// 2.0), Digest rests on MD5 in practice (RFC 7616 keeps it for compatibility) and SCRAM-SHA-1 on
// SHA-1. Basic has its own check (http-basic).
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';

const WEAK_SCHEMES = new Map<string, string>([
  ['negotiate', 'Negotiate (SPNEGO, which falls back to NTLM)'],
  ['ntlm', 'NTLM, open to relay and pass-the-hash attacks'],
  ['oauth', 'OAuth 1.0, superseded by OAuth 2.0'],
  ['digest', 'Digest, which in practice rests on MD5 and needs the server to keep a password equivalent'],
  ['scram-sha-1', 'SCRAM-SHA-1, which rests on SHA-1'],
]);

export const insecureHttpSchemeCheck: AuditCheck = {
  id: 'authentication.insecure-http-scheme',
  group: 'authentication',
  title: 'Outdated HTTP authentication scheme',
  owasp: 'API2',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'Negotiate/NTLM, OAuth 1.0, Digest and SCRAM-SHA-1 rely on outdated algorithms or protocols with known attacks, and few current clients and gateways support them correctly.',
  remediation: 'Use OAuth 2.0 / OpenID Connect bearer tokens, mutual TLS, or SCRAM-SHA-256 where a password-based HTTP scheme is required.',
  covers: ['owasp:api2:2023-auth-insecure-schemes'],
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      if (scheme.type !== 'http' || scheme.scheme === undefined) continue;
      const weakness = WEAK_SCHEMES.get(scheme.scheme);
      if (weakness !== undefined) report(scheme.at, `security scheme \`${scheme.name}\` uses the HTTP \`${scheme.scheme}\` scheme: ${weakness}`);
    }
  },
};
