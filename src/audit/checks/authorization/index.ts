// The authorization checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { adminSharesSecurityCheck } from './admin-shares-security.js';
import { functionLevelScopeReuseCheck } from './function-level-scope-reuse.js';
import { missing403Check } from './missing-403.js';
import { numericIdsCheck } from './numeric-ids.js';
import { objectIdWithoutScopeCheck } from './object-id-without-scope.js';

export const AUTHORIZATION_CHECKS: readonly AuditCheck[] = [
  objectIdWithoutScopeCheck,
  numericIdsCheck,
  adminSharesSecurityCheck,
  functionLevelScopeReuseCheck,
  missing403Check,
];
