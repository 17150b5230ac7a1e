// The sensitive-data checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const SENSITIVE_DATA_CHECKS: readonly AuditCheck[] = [];
