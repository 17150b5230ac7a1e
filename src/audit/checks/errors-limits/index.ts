// The errors-limits checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const ERRORS_LIMITS_CHECKS: readonly AuditCheck[] = [];
