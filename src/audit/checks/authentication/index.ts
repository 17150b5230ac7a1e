// The authentication checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { apiKeyInUrlCheck } from './api-key-in-url.js';
import { credentialsInUrlCheck } from './credentials-in-url.js';
import { httpBasicCheck } from './http-basic.js';
import { insecureHttpSchemeCheck } from './insecure-http-scheme.js';
import { jwtBestPracticesCheck } from './jwt-best-practices.js';
import { jwtWithoutIssuerCheck } from './jwt-without-issuer.js';
import { missing401Check } from './missing-401.js';
import { noSecurityDefinedCheck } from './no-security-defined.js';
import { oauthImplicitFlowCheck } from './oauth-implicit-flow.js';
import { oauthInsecureUrlsCheck } from './oauth-insecure-urls.js';
import { oauthPasswordFlowCheck } from './oauth-password-flow.js';
import { optionalSecurityCheck } from './optional-security.js';
import { readUnprotectedCheck } from './read-unprotected.js';
import { shortLivedTokensCheck } from './short-lived-tokens.js';
import { undeclaredScopeCheck } from './undeclared-scope.js';
import { undefinedSchemeCheck } from './undefined-scheme.js';
import { writeUnprotectedCheck } from './write-unprotected.js';

export const AUTHENTICATION_CHECKS: readonly AuditCheck[] = [
  noSecurityDefinedCheck,
  writeUnprotectedCheck,
  optionalSecurityCheck,
  readUnprotectedCheck,
  undefinedSchemeCheck,
  httpBasicCheck,
  insecureHttpSchemeCheck,
  apiKeyInUrlCheck,
  credentialsInUrlCheck,
  oauthImplicitFlowCheck,
  oauthPasswordFlowCheck,
  oauthInsecureUrlsCheck,
  jwtBestPracticesCheck,
  jwtWithoutIssuerCheck,
  shortLivedTokensCheck,
  undeclaredScopeCheck,
  missing401Check,
];
