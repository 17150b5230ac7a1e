// Success and client-error responses that declare no rate-limit headers: clients cannot pace
// themselves, and the document gives no sign that a limit exists at all (OWASP API4:2023).
import type { AuditCheck } from '../../check.js';
import { headerNames, responseCatalog, responseLabel, uniqueResponses } from './support/response-sites.js';

/**
 * Any of these is a rate-limit convention: the IETF fields (`RateLimit` and `RateLimit-Policy`,
 * draft-ietf-httpapi-ratelimit-headers), and the first-generation `X-RateLimit-Limit` (GitHub) and
 * `X-Rate-Limit-Limit` (Twitter). Compared lowercased.
 */
const SINGLE_HEADERS = ['ratelimit', 'ratelimit-policy', 'x-ratelimit-limit', 'x-rate-limit-limit'];
/** The earlier IETF drafts split the fields: a limit alone says nothing about when it resets. */
const PAIRED_HEADERS = ['ratelimit-limit', 'ratelimit-reset'];

export const rateLimitHeadersCheck: AuditCheck = {
  id: 'errors-limits.rate-limit-headers',
  group: 'errors-limits',
  title: 'Response without rate-limit headers',
  owasp: 'API4',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Rate-limit headers on 2XX and 4XX responses tell clients their quota before they exceed it; when none are documented, there is no sign the operation is rate-limited at all.',
  remediation: 'Rate-limit the API and declare the headers it returns on every 2XX and 4XX response: `RateLimit` and `RateLimit-Policy` (IETF), or `X-RateLimit-Limit` with its companions.',
  covers: ['owasp:api4:2023-rate-limit'],
  run(api, report) {
    const found = uniqueResponses(responseCatalog(api).sites, (response, site) => site.underPaths && (response.status.startsWith('2') || response.status.startsWith('4')));
    for (const { response, site, uses } of found) {
      const names = headerNames(response.value.headers);
      if (SINGLE_HEADERS.some((name) => names.has(name)) || PAIRED_HEADERS.every((name) => names.has(name))) continue;
      const label = responseLabel(site, response, uses);
      report(response.at, names.has('ratelimit-limit')
        ? `${label}: declares RateLimit-Limit without RateLimit-Reset`
        : `${label}: declares no rate-limit headers (RateLimit, RateLimit-Policy or X-RateLimit-Limit)`);
    }
  },
};
