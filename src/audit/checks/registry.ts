// Every audit check, by group, in the order reports list them. A check is added by writing its unit
// under checks/<group>/ and listing it in that group's index.ts.
import type { AuditCheck } from '../check.js';
import { AUTHENTICATION_CHECKS } from './authentication/index.js';
import { AUTHORIZATION_CHECKS } from './authorization/index.js';
import { CORS_CHECKS } from './cors/index.js';
import { ERRORS_LIMITS_CHECKS } from './errors-limits/index.js';
import { HYGIENE_CHECKS } from './hygiene/index.js';
import { INVENTORY_CHECKS } from './inventory/index.js';
import { SENSITIVE_DATA_CHECKS } from './sensitive-data/index.js';
import { TRANSPORT_CHECKS } from './transport/index.js';
import { VALIDATION_CHECKS } from './validation/index.js';

export const AUDIT_CHECKS: readonly AuditCheck[] = [
  ...AUTHENTICATION_CHECKS,
  ...AUTHORIZATION_CHECKS,
  ...VALIDATION_CHECKS,
  ...TRANSPORT_CHECKS,
  ...ERRORS_LIMITS_CHECKS,
  ...SENSITIVE_DATA_CHECKS,
  ...CORS_CHECKS,
  ...INVENTORY_CHECKS,
  ...HYGIENE_CHECKS,
];
