// An operation that documents no 500 response with a body: the one failure every API has is the one
// whose format nobody designed, which is how stack traces and driver messages reach clients.
import type { AuditCheck } from '../../check.js';
import { reportRequiredStatus } from './support/required-status.js';

export const missing500Check: AuditCheck = {
  id: 'errors-limits.missing-500',
  group: 'errors-limits',
  title: 'No documented 500 response',
  owasp: 'API8',
  asvs: ['V7.4.1'],
  severity: 'low',
  part: 'validation',
  explanation: 'An internal error whose response is not designed tends to expose exception messages, stack traces or driver errors; documenting a 500 body commits the API to a generic error with a correlation id.',
  remediation: 'Add a 500 response whose content is a generic error schema (a message and a request or correlation id, no internal detail), and make the server map unexpected exceptions to it.',
  covers: ['owasp:api8:2023-define-error-responses-500'],
  run(api, report) {
    reportRequiredStatus(api, report, {
      status: '500',
      // `5XX` and `default` are valid OpenAPI, but many client generators, gateways and contract tests
      // match exact codes only: say so rather than stay silent, since the covered rule reports them too.
      missing: (site, others) => {
        const broad = others.filter((status) => status === '5XX' || status === 'default');
        return broad.length > 0
          ? `${site.label}: no 500 response of its own (only ${broad.map((status) => `\`${status}\``).join(' and ')}, which not every client generator or contract test maps to a 500)`
          : `${site.label}: no 500 response`;
      },
      bodiless: (label) => `${label}: describes no body, so the error format of internal failures is undefined`,
    });
  },
};
