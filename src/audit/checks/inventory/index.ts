// The inventory checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';

export const INVENTORY_CHECKS: readonly AuditCheck[] = [];
