// The authentication checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const AUTHENTICATION_CHECKS: readonly AuditCheck[] = [];
