// API4 (unrestricted resource consumption): no rate limit. One identity sends a bounded burst to one
// cheap authenticated read, all requests in flight at once; not one 429 and no RateLimit /
// Retry-After header proves nothing limits it. The scan's own --rate spaces every request, so the
// burst is never faster than that rate: the finding states the rate reached, and a burst the rate
// kept slower than a plausible limit is only a suspicion.
import type { ScanCheck } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { isSecured, isSuccess, successes, type Success } from '../probe.js';
import { sendAs } from '../probe-send.js';

const BURST = 60;
/** Below this many requests per second, a burst proves little: many APIs allow 10–30/s per client. */
const MIN_PROVING_RATE = 25;
const LIMIT_HEADERS = ['ratelimit', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-policy', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-rate-limit-limit', 'retry-after'];

/** The cheapest authenticated read: a GET without path parameters, the smallest answer first. */
function cheapestRead(candidates: Success[]): Success | undefined {
  const reads = candidates.filter((success) => success.operation.method === 'GET' && success.identity !== undefined && !success.operation.pathTemplate.includes('{'));
  return reads.sort((a, b) => (a.exchange.response?.body.length ?? 0) - (b.exchange.response?.body.length ?? 0))[0];
}

const isLimited = (exchange: Exchange): boolean =>
  exchange.response?.status === 429 || LIMIT_HEADERS.some((name) => exchange.response?.headers[name] !== undefined);

export const rateLimit: ScanCheck = {
  id: 'api4.rate-limit',
  category: 'API4',
  title: 'No rate limiting',
  severity: 'medium',
  remediation: 'Limit requests per client identity (and per IP for anonymous traffic) with a token bucket or sliding window at the gateway; answer 429 with Retry-After and advertise the policy in RateLimit headers (draft-ietf-httpapi-ratelimit-headers).',
  async run(context) {
    const read = cheapestRead(successes(context, isSecured));
    if (read === undefined) return;
    const started = performance.now();
    const burst = await Promise.all(Array.from({ length: BURST }, () => sendAs(context, read.built.request, read.identity)));
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    if (burst.some(isLimited) || !burst.every(isSuccess)) return;
    const rate = Math.round(BURST / seconds);
    const isFastEnough = rate >= MIN_PROVING_RATE;
    context.report({
      operation: read.operation,
      message: isFastEnough
        ? `${BURST} concurrent requests as ${read.identity?.name ?? ''} in ${seconds.toFixed(2)} s (about ${rate}/s; the scan's --rate caps how fast a burst can be) were all answered 2xx, with no 429 and no RateLimit or Retry-After header.`
        : `${BURST} requests as ${read.identity?.name ?? ''} were all answered 2xx without a rate-limit sign, but the scan's --rate spaced them to about ${rate}/s, below what many limits allow; rerun with a higher --rate to confirm.`,
      evidence: [burst[0], burst.at(-1)].filter((exchange): exchange is Exchange => exchange !== undefined),
      confidence: isFastEnough ? 'confirmed' : 'tentative',
    });
  },
};
