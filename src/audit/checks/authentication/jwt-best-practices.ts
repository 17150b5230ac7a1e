// JWT schemes that do not commit to RFC 8725, the JSON Web Token Best Current Practices (OWASP
// API2:2023, ASVS V3.5.3): `alg: none`, algorithm confusion (an RSA public key used as an HMAC
// secret), missing audience and issuer checks. OAuth 2.0 access tokens are usually JWTs, so oauth2
// schemes are held to it too. The marker is the literal `RFC8725`, the one tools look for.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';
import { declaresJwt, descriptionOf } from './support/jwt.js';

export const jwtBestPracticesCheck: AuditCheck = {
  id: 'authentication.jwt-best-practices',
  group: 'authentication',
  title: 'JWT scheme without RFC 8725',
  owasp: 'API2',
  asvs: ['V3.5.3'],
  severity: 'low',
  part: 'security',
  explanation: 'JWT validation has well-known pitfalls (`alg: none`, algorithm confusion, unchecked issuer, audience or expiry); a scheme that does not state conformance to RFC 8725 leaves reviewers and client developers unsure which checks the API makes.',
  remediation: 'Validate tokens as RFC 8725 requires (fixed algorithm allow-list, issuer, audience and expiry checked) and say so in the scheme\'s description, naming `RFC8725`.',
  covers: ['owasp:api2:2023-jwt-best-practices'],
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      if (scheme.type !== 'oauth2' && !declaresJwt(scheme)) continue;
      const description = descriptionOf(scheme);
      if (description.includes('RFC8725')) continue;
      const kind = scheme.type === 'oauth2' ? 'OAuth 2.0' : 'JWT';
      const gap = description.trim() === '' ? 'has no description' : 'does not mention RFC8725 in its description';
      report(scheme.at, `the ${kind} security scheme \`${scheme.name}\` ${gap}: it should state conformance to RFC8725 (JSON Web Token Best Current Practices)`);
    }
  },
};
