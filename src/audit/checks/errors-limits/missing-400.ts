// An operation that documents no client-error response (400, 422 or the 4XX range): clients cannot
// tell a rejected request from a server fault, and nothing holds the validation error to one format.
import type { AuditCheck } from '../../check.js';
import { keyOf, responseCatalog, statusKeys } from './support/response-sites.js';

/** The statuses that describe a rejected request; `default` does not say which failures it covers. */
const VALIDATION_STATUSES = new Set(['400', '422', '4XX']);

export const missing400Check: AuditCheck = {
  id: 'errors-limits.missing-400',
  group: 'errors-limits',
  title: 'No response for invalid requests',
  owasp: 'API8',
  asvs: [],
  severity: 'low',
  part: 'validation',
  explanation: 'Without a documented 400, 422 or 4XX response, clients and contract tests cannot rely on how invalid input is rejected, and implementations tend to answer it with a 500 or a stack trace.',
  remediation: 'Add a 400 (or 422, or 4XX) response with a schema for the error body, for example an RFC 9457 problem details object listing the invalid fields.',
  covers: ['owasp:api8:2023-define-error-validation'],
  run(api, report) {
    const seen = new Set<string>();
    for (const site of responseCatalog(api).sites) {
      if (!site.underPaths || site.responsesAt === undefined || seen.has(keyOf(site.responsesAt))) continue;
      seen.add(keyOf(site.responsesAt));
      if (statusKeys(site.responsesValue).some((status) => VALIDATION_STATUSES.has(status))) continue;
      report(site.responsesAt, `${site.label}: no 400, 422 or 4XX response`);
    }
  },
};
