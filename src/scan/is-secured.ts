// Whether an operation requires credentials: what the resource pool (ownership) and the checks
// (authentication, BOLA) both ask of the document.
import type { OperationSpec } from '../contract/index.js';

/** It has security requirements and none of them is empty (`{}` allows anonymous calls). */
export const isSecured = (operation: OperationSpec): boolean =>
  operation.security.length > 0 && operation.security.every((requirement) => Object.keys(requirement).length > 0);
