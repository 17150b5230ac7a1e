// The validation checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const VALIDATION_CHECKS: readonly AuditCheck[] = [];
