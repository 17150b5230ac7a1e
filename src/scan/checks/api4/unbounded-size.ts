// API4 (unrestricted resource consumption): limits the document states but the API does not keep.
// A page size far above its documented maximum, answered with more items than the maximum; an
// array with far more items than its maxItems, and a body of a few MiB (oversized-body.ts),
// answered 2xx. Only requests that worked in the exercise are varied, so a refusal means the limit.
import type { ScanCheck, ScanContext } from '../../check.js';
import { withParameter } from '../../requests/index.js';
import { normalizeName } from '../api3/privilege-fields.js';
import { isSchema } from '../api3/schema-shape.js';
import { isSuccess, jsonOf, successes, type Success } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { tryMaxItems, tryOversizedBody } from './oversized-body.js';

const PAGE_FACTOR = 10;
const PAGE_SIZE_NAMES = new Set(['limit', 'size', 'pagesize', 'perpage', 'count', 'top', 'take', 'rows', 'max', 'maxresults', 'first', 'last', 'pagelimit', 'pagelength', 'maxitems']);
const isPageSizeName = (name: string): boolean => {
  const key = normalizeName(name);
  return PAGE_SIZE_NAMES.has(key) || key.endsWith('limit') || key.endsWith('pagesize');
};

/** The longest array at the top of a JSON answer or one level down (`{"items": [...]}`). */
function itemCount(body: unknown): number | undefined {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return undefined;
  const lengths = Object.values(body as Record<string, unknown>).filter(Array.isArray).map((list) => (list as unknown[]).length);
  return lengths.length === 0 ? undefined : Math.max(...lengths);
}

async function tryPageSize(context: ScanContext, success: Success): Promise<void> {
  for (const parameter of success.operation.parameters) {
    const maximum = isSchema(parameter.schema) ? parameter.schema.maximum : undefined;
    if (parameter.in !== 'query' || typeof maximum !== 'number' || !isPageSizeName(parameter.name)) continue;
    const asked = Math.max(Math.ceil(maximum * PAGE_FACTOR), maximum + 1);
    const exchange = await sendAs(context, withParameter(success.built, 'query', parameter.name, String(asked)).request, success.identity);
    if (!isSuccess(exchange)) continue;
    const count = exchange.response?.isTruncated === true ? undefined : itemCount(jsonOf(exchange));
    // A list no longer than the maximum may be a silent clamp (a fine defence) or a short collection.
    const isProven = count === undefined || count > maximum;
    const shown = count === undefined ? (exchange.response?.isTruncated === true ? ', an answer over 64 KiB' : '') : `, ${count} items`;
    context.report({
      operation: success.operation,
      message: `Accepted ${parameter.name}=${asked} (documented maximum ${maximum}) with ${String(exchange.response?.status)}${shown}${isProven ? '' : '; no more items than the maximum came back, so a silent clamp is possible'}.`,
      evidence: [success.exchange, exchange],
      confidence: isProven ? 'confirmed' : 'tentative',
    });
    return;
  }
}

export const unboundedSize: ScanCheck = {
  id: 'api4.unbounded-size',
  category: 'API4',
  title: 'Documented size limits not enforced',
  severity: 'medium',
  remediation: 'Enforce the documented bounds before doing the work: validate page sizes, maxItems and maxLength against the schema (400), cap request bodies at the gateway (413), and never let a client choose an unbounded page size.',
  async run(context) {
    const seen = new Set<string>();
    for (const success of successes(context)) {
      const key = `${success.operation.method} ${success.operation.pathTemplate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (success.operation.method === 'GET') await tryPageSize(context, success);
      if (success.operation.method !== 'POST') continue;
      await tryMaxItems(context, success);
      await tryOversizedBody(context, success);
    }
  },
};
