// Error responses (4XX, 5XX, default) that describe no body schema: clients cannot rely on one error
// format, and an error body nobody designed is where stack traces and internal messages leak.
import type { AuditCheck } from '../../check.js';
import { describesBody } from './support/required-status.js';
import { responseCatalog, responseLabel, uniqueResponses } from './support/response-sites.js';

/** Reported by missing-429 and missing-500 when they describe no body at all: one finding is enough. */
const COVERED_ELSEWHERE = new Set(['429', '500']);

export const errorWithoutSchemaCheck: AuditCheck = {
  id: 'errors-limits.error-without-schema',
  group: 'errors-limits',
  title: 'Error response without a schema',
  owasp: 'API8',
  asvs: ['V7.4.1'],
  severity: 'low',
  part: 'security',
  explanation: 'An error response without a schema leaves its body to whatever the framework produces, which is often an exception message or stack trace, and lets each operation fail in a different format.',
  remediation: 'Give every 4XX, 5XX and default response a body schema, ideally one shared error object (RFC 9457 problem details) with a message and a correlation id and no internal detail.',
  run(api, report) {
    const sites = responseCatalog(api).sites.filter((site) => site.kind === 'operation' && site.method !== 'head');
    const isError = (status: string): boolean => status.startsWith('4') || status.startsWith('5') || status === 'default';
    for (const { response, site, uses } of uniqueResponses(sites, (candidate) => isError(candidate.status))) {
      if (response.content.some((media) => media.schema !== undefined)) continue;
      if (COVERED_ELSEWHERE.has(response.status) && !describesBody(api, response)) continue;
      const label = responseLabel(site, response, uses);
      report(response.at, response.content.length === 0 ? `${label}: describes no body` : `${label}: describes a body without a schema`);
    }
  },
};
