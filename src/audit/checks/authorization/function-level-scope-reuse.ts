// Reads and writes of one resource that require the very same scopes (OWASP API5:2023): whoever may
// read may also change or delete, so a token granted for reading (a reporting tool, a third-party
// integration) is enough to write. Only where scopes are used at all: without them there is nothing
// to compare.
import type { AuditCheck } from '../../check.js';
import type { OperationInfo } from '../../model.js';
import { hasScopes, operationLabel, requirementKey, scopeList } from './support/requirements.js';

const READ_METHODS = new Set(['get', 'head']);
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export const functionLevelScopeReuseCheck: AuditCheck = {
  id: 'authorization.function-level-scope-reuse',
  group: 'authorization',
  title: 'Write operation requires only read scopes',
  owasp: 'API5',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'When a write operation requires exactly the scopes its resource\'s read operation does, read and write permissions cannot be granted separately: every token able to read can also modify or delete.',
  remediation: 'Give write operations scopes of their own (`orders:write` beside `orders:read`) and require them, so that read-only clients can be issued read-only tokens.',
  run(api, report) {
    const readsByPath = new Map<string, OperationInfo[]>();
    for (const operation of api.operations) {
      if (!READ_METHODS.has(operation.method) || !hasScopes(operation)) continue;
      const reads = readsByPath.get(operation.path);
      if (reads === undefined) readsByPath.set(operation.path, [operation]);
      else reads.push(operation);
    }
    const keys = new Map<OperationInfo, string>();
    const keyOf = (operation: OperationInfo): string => {
      let key = keys.get(operation);
      if (key === undefined) {
        key = requirementKey(operation.security);
        keys.set(operation, key);
      }
      return key;
    };
    for (const operation of api.operations) {
      if (!WRITE_METHODS.has(operation.method)) continue;
      const reads = readsByPath.get(operation.path);
      if (reads === undefined || !hasScopes(operation)) continue;
      const read = reads.find((candidate) => keyOf(candidate) === keyOf(operation));
      if (read !== undefined) report(operation.at, `${operationLabel(operation)}: requires the same scopes as ${operationLabel(read)} (${scopeList(operation)})`);
    }
  },
};
