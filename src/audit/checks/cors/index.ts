// The cors checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const CORS_CHECKS: readonly AuditCheck[] = [];
