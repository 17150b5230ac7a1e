// 429 responses that declare no Retry-After header: throttled clients that do not know when to come
// back retry at once, and a rate limit turns into a retry storm.
import type { AuditCheck } from '../../check.js';
import type { ResponseInfo } from '../../model.js';
import { headerNames, keyOf, responseCatalog, responseLabel, uniqueResponses } from './support/response-sites.js';

export const retryAfterCheck: AuditCheck = {
  id: 'errors-limits.retry-after',
  group: 'errors-limits',
  title: '429 response without Retry-After',
  owasp: 'API4',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Retry-After (RFC 9110, section 10.2.3) tells a throttled client when it may retry; without it, clients poll or back off at random and add load while the API is already saturated.',
  remediation: 'Declare a Retry-After header (seconds or an HTTP date) on every 429 response, and send it.',
  covers: ['owasp:api4:2023-rate-limit-retry-after'],
  run(api, report) {
    const catalog = responseCatalog(api);
    const check = (response: ResponseInfo, label: string): void => {
      if (!declaresHeaders(response.value)) {
        report(response.at, `${label}: declares no headers, so no Retry-After`);
      } else if (!headerNames(response.value.headers).has('retry-after')) {
        report(response.at, `${label}: declares no Retry-After header`);
      }
    };
    const seen = new Set<string>();
    for (const { response, site, uses } of uniqueResponses(catalog.sites, (candidate) => candidate.status === '429')) {
      seen.add(keyOf(response.at));
      check(response, responseLabel(site, response, uses));
    }
    // A reusable response named `429` is met by `$..responses[429]` even when no operation uses it.
    for (const { name, response } of catalog.reusable) {
      if (name === '429' && !seen.has(keyOf(response.at))) check(response, 'response 429');
    }
  },
};

function declaresHeaders(value: Record<string, unknown>): boolean {
  return value.headers !== undefined && value.headers !== null;
}
