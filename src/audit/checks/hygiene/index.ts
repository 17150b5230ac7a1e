// The hygiene checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const HYGIENE_CHECKS: readonly AuditCheck[] = [];
