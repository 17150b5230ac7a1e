// The authorization checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const AUTHORIZATION_CHECKS: readonly AuditCheck[] = [];
