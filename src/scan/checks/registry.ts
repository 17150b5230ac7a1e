// Every scan check, in the order a scan runs them: reads before writes, destructive ones last.
import type { ScanCheck } from '../check.js';
import { bola } from './api1/bola.js';
import { jwtTampering } from './api2/jwt-tampering.js';
import { missingAuthentication } from './api2/missing-authentication.js';
import { corsReflection } from './api8/cors-reflection.js';
import { securityHeaders } from './api8/security-headers.js';
import { traceMethod } from './api8/trace-method.js';
import { verboseErrors } from './api8/verbose-errors.js';
import { versionBanner } from './api8/version-banner.js';

export const SCAN_CHECKS: readonly ScanCheck[] = [
  securityHeaders, versionBanner, corsReflection, traceMethod, verboseErrors,
  missingAuthentication, jwtTampering,
  bola,
];
