// No response of the document declares Strict-Transport-Security: nothing records that browsers must
// keep to HTTPS, so the first request of a visit can be downgraded (ASVS V14.4.5, RFC 6797).
import type { AuditCheck } from '../../check.js';
import { headerNames, responseCatalog } from '../errors-limits/support/response-sites.js';

export const noHstsCheck: AuditCheck = {
  id: 'transport.no-hsts',
  group: 'transport',
  title: 'No Strict-Transport-Security header',
  owasp: 'API8',
  asvs: ['V14.4.5'],
  severity: 'low',
  part: 'security',
  explanation: 'Strict-Transport-Security makes browsers refuse plain HTTP to the API host; without it, a browser client\'s first request can be intercepted and downgraded (SSL stripping). No response of the document declares it.',
  remediation: 'Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` on every response (usually at the gateway) and declare the header in the responses, for example as a shared component header.',
  run(api, report) {
    if (api.operations.length === 0) return;
    // One finding for the document: the header is a property of the host, set in one place, not per operation.
    const declared = responseCatalog(api).headerMaps.some((map) => headerNames(map.value).has('strict-transport-security'));
    if (!declared) report(api.root.at, 'no response declares a Strict-Transport-Security header');
  },
};
