// An operation that documents no 429 response with a body: either no rate limit protects it, or
// clients cannot recognise being throttled and retry blindly, adding to the load.
import type { AuditCheck } from '../../check.js';
import { reportRequiredStatus } from './support/required-status.js';

export const missing429Check: AuditCheck = {
  id: 'errors-limits.missing-429',
  group: 'errors-limits',
  title: 'No documented 429 (Too Many Requests) response',
  owasp: 'API4',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A 429 response is the visible part of a rate limit: when an operation documents none, the limit is likely missing, and well-behaved clients cannot tell throttling from failure.',
  remediation: 'Rate-limit the operation (at the gateway or in the service) and document a 429 response with an error body and a Retry-After header.',
  covers: ['owasp:api4:2023-rate-limit-responses-429'],
  run(api, report) {
    reportRequiredStatus(api, report, {
      status: '429',
      missing: (site) => `${site.label}: no 429 response`,
      bodiless: (label) => `${label}: describes no body`,
    });
  },
};
