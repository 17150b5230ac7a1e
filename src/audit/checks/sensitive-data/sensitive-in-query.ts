// Personal data in query strings (OWASP ASVS V8.3.1): URLs end up in access logs, proxy and CDN logs,
// browser history and `Referer` headers, where nobody protects them as personal data.
import type { AuditCheck } from '../../check.js';
import { personalDataIn } from './support/url-parameters.js';

export const sensitiveInQueryCheck: AuditCheck = {
  id: 'sensitive-data.sensitive-in-query',
  group: 'sensitive-data',
  title: 'Personal data in the query string',
  owasp: 'API8',
  asvs: ['V8.3.1'],
  severity: 'medium',
  part: 'security',
  explanation: 'Query strings are written to server, proxy and CDN logs, kept in browser history and sent on in Referer headers, so personal data there (emails, phone numbers, identity or card numbers) leaks to places that do not protect it.',
  remediation: 'Send the value in the request body (a POST search endpoint) or a header instead of the query string, or look the record up by an opaque identifier.',
  run(api, report) {
    for (const finding of personalDataIn(api, 'query')) report(finding.at, finding.message);
  },
};
