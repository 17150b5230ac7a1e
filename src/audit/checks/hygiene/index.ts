// The hygiene checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { duplicateOperationIdCheck } from './duplicate-operation-id.js';
import { missingExampleCheck } from './missing-example.js';
import { missingOperationIdCheck } from './missing-operation-id.js';
import { pathParameterMismatchCheck } from './path-parameter-mismatch.js';
import { remoteRefCheck } from './remote-ref.js';
import { undocumentedOperationCheck } from './undocumented-operation.js';
import { unresolvedRefCheck } from './unresolved-ref.js';
import { unusedComponentCheck } from './unused-component.js';

export const HYGIENE_CHECKS: readonly AuditCheck[] = [
  unresolvedRefCheck,
  remoteRefCheck,
  duplicateOperationIdCheck,
  pathParameterMismatchCheck,
  missingOperationIdCheck,
  unusedComponentCheck,
  undocumentedOperationCheck,
  missingExampleCheck,
];
