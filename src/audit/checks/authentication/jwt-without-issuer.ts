// JWT schemes that do not say who issues the tokens (OWASP API2:2023): without an issuer (and its
// keys) a gateway or client cannot validate tokens, and implementations fall back to trusting the
// token's own `iss`, `jku` or `x5u`, which an attacker chooses. An OpenID Connect scheme anywhere in
// the document gives the issuer through discovery, so the document is then taken as answering it.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';
import type { SecuritySchemeInfo } from '../../model.js';
import { declaresJwt, descriptionOf } from './support/jwt.js';

/** Extensions naming the issuer or its keys. */
const ISSUER_EXTENSIONS = ['x-issuer', 'x-jwt-issuer', 'x-token-issuer', 'x-jwks-uri', 'x-jwks-url', 'x-jwks'];
/** Description fragments, lowercased, that point at an issuer. */
const ISSUER_HINTS = ['issuer', 'jwks', '.well-known', 'https://'];

function namesIssuer(scheme: SecuritySchemeInfo): boolean {
  if (ISSUER_EXTENSIONS.some((key) => scheme.value[key] !== undefined)) return true;
  const description = descriptionOf(scheme).toLowerCase();
  return ISSUER_HINTS.some((hint) => description.includes(hint));
}

function carriesJwt(scheme: SecuritySchemeInfo): boolean {
  if (declaresJwt(scheme)) return true;
  return scheme.type === 'oauth2' && descriptionOf(scheme).toLowerCase().includes('jwt');
}

export const jwtWithoutIssuerCheck: AuditCheck = {
  id: 'authentication.jwt-without-issuer',
  group: 'authentication',
  title: 'JWT scheme without issuer',
  owasp: 'API2',
  asvs: [],
  severity: 'info',
  part: 'security',
  explanation: 'A JWT is only as trustworthy as the check of its issuer and signing keys; a scheme that names neither leaves validation to guesswork, and some implementations then trust the keys the token itself points to.',
  remediation: 'Name the token issuer and its key set: an OpenID Connect scheme (openIdConnectUrl), or `x-issuer` / `x-jwks-uri` extensions or the issuer URL in the scheme\'s description.',
  run(api, report) {
    if ([...api.securitySchemes.values()].some((scheme) => scheme.type === 'openIdConnect')) return;
    for (const scheme of uniqueSchemes(api)) {
      if (!carriesJwt(scheme) || namesIssuer(scheme)) continue;
      report(scheme.at, `security scheme \`${scheme.name}\` accepts JWTs but names no issuer or key set`);
    }
  },
};
