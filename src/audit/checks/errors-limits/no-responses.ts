// Operations that document no response at all: nothing says what a client receives, so nothing can
// be validated, and whatever the implementation returns (errors included) is the contract.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { statusKeys } from './support/response-sites.js';

export const noResponsesCheck: AuditCheck = {
  id: 'errors-limits.no-responses',
  group: 'errors-limits',
  title: 'Operation without responses',
  owasp: 'API8',
  asvs: [],
  severity: 'medium',
  part: 'validation',
  explanation: 'An operation without documented responses has no contract for its output: response validation, data-exposure review and error handling all have nothing to hold the implementation to.',
  remediation: 'Document the operation\'s responses: each success status with its body schema, and the error statuses (400, 401, 403, 404, 429, 500) with an error schema.',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      const at = operation.responsesAt ?? operation.at;
      const key = `${at.file}#${at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const value = operation.value.responses;
      if (operation.responsesAt === undefined) report(at, `${label}: no responses object`);
      else if (!isObject(value)) report(at, `${label}: \`responses\` is not an object`);
      else if (statusKeys(value).length === 0) report(at, `${label}: the responses object lists no status`);
    }
  },
};
