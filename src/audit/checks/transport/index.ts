// The transport checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const TRANSPORT_CHECKS: readonly AuditCheck[] = [];
