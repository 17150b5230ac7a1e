// Every scan check, in the order a scan runs them: reads before writes, destructive ones last.
import type { ScanCheck } from '../check.js';
import { bola } from './api1/bola.js';
import { jwtTampering } from './api2/jwt-tampering.js';
import { loginBruteForce } from './api2/login-brute-force.js';
import { excessiveDataExposure } from './api3/excessive-data-exposure.js';
import { massAssignment } from './api3/mass-assignment.js';
import { rateLimit } from './api4/rate-limit.js';
import { unboundedSize } from './api4/unbounded-size.js';
import { bfla } from './api5/bfla.js';
import { missingAuthentication } from './api2/missing-authentication.js';
import { ssrf } from './api7/ssrf.js';
import { corsReflection } from './api8/cors-reflection.js';
import { securityHeaders } from './api8/security-headers.js';
import { traceMethod } from './api8/trace-method.js';
import { verboseErrors } from './api8/verbose-errors.js';
import { versionBanner } from './api8/version-banner.js';
import { oldVersions } from './api9/old-versions.js';
import { undocumentedPaths } from './api9/undocumented-paths.js';
import { commandInjection } from './injection/command.js';
import { nosqlInjection } from './injection/nosql.js';
import { pathTraversal } from './injection/path-traversal.js';
import { sqlInjection } from './injection/sql.js';
import { templateInjection } from './injection/template.js';
import { responseConformance } from './robustness/response-conformance.js';
import { serverErrors } from './robustness/server-errors.js';
import { useAfterDelete } from './robustness/use-after-delete.js';

// bfla before mass assignment (a role left escalated would spoil it), size probes after the writes
// (their large objects slow later lists), and the rate-limit burst last (a limiter it trips would
// answer 429 to whatever ran after it).
export const SCAN_CHECKS: readonly ScanCheck[] = [
  securityHeaders, versionBanner, corsReflection, traceMethod, verboseErrors,
  undocumentedPaths, oldVersions, responseConformance,
  missingAuthentication, jwtTampering, loginBruteForce,
  excessiveDataExposure,
  sqlInjection, nosqlInjection, pathTraversal, commandInjection, templateInjection,
  ssrf, serverErrors,
  bola, useAfterDelete,
  bfla, massAssignment, unboundedSize,
  rateLimit,
];
