// The cors checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { credentialsWithWildcardCheck } from './credentials-with-wildcard.js';
import { nullOriginCheck } from './null-origin.js';
import { originHeaderCheck } from './origin-header.js';
import { wildcardOriginCheck } from './wildcard-origin.js';

export const CORS_CHECKS: readonly AuditCheck[] = [
  credentialsWithWildcardCheck,
  wildcardOriginCheck,
  nullOriginCheck,
  originHeaderCheck,
];
