// Body probes of api4.unbounded-size: an array sent with far more items than its documented
// maxItems, and a body of a few MiB in one free-text field. A 2xx proves the API stores or processes
// input its own document bounds (OWASP API4:2023): each such request costs memory, CPU and storage.
import type { ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { injectionPoints, withBodyField } from '../../requests/index.js';
import { isSchema, itemsOf, propertiesOf } from '../api3/schema-shape.js';
import { isSuccess, type Success } from '../probe.js';
import { sendAs } from '../probe-send.js';

const ITEMS_FACTOR = 10;
const MAX_SENT_ITEMS = 1_000;
const MAX_DEPTH = 4;
export const OVERSIZED_BYTES = 2 * 1024 * 1024;
/** A 2 MiB upload (and a server reading it whole) may need longer than a plain request's --timeout. */
const OVERSIZED_TIMEOUT_MS = 30_000;

interface BoundedArray {
  readonly pointer: string;
  readonly maxItems: number;
  readonly first: unknown;
}

/** The first non-empty array in the body whose schema documents maxItems. */
function boundedArray(value: unknown, schema: unknown, pointer: string, depth: number): BoundedArray | undefined {
  if (depth > MAX_DEPTH || !isSchema(schema)) return undefined;
  if (Array.isArray(value)) {
    return typeof schema.maxItems === 'number' && value.length > 0 ? { pointer, maxItems: schema.maxItems, first: value[0] } : boundedArray(value[0], itemsOf(schema), `${pointer}/0`, depth + 1);
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const properties = propertiesOf(schema);
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    const found = boundedArray(child, properties.get(name), `${pointer}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function send(context: ScanContext, success: Success, pointer: string, value: unknown, timeoutMs?: number): Promise<Exchange> {
  const { request } = withBodyField(success.built, pointer, value);
  return sendAs(context, request, success.identity, timeoutMs === undefined ? {} : { timeoutMs });
}

export async function tryMaxItems(context: ScanContext, success: Success): Promise<void> {
  const media = success.built.parts.body?.media;
  const bounded = media?.kind === 'json' ? boundedArray(success.built.bodyValue, media.schema, '', 0) : undefined;
  if (bounded === undefined) return;
  const count = Math.min(Math.max(bounded.maxItems * ITEMS_FACTOR, bounded.maxItems + 1), MAX_SENT_ITEMS);
  const exchange = await send(context, success, bounded.pointer, Array.from({ length: count }, () => structuredClone(bounded.first)));
  if (!isSuccess(exchange)) return;
  context.report({
    operation: success.operation,
    message: `Accepted ${count} items in ${bounded.pointer || 'the body'} (documented maxItems ${bounded.maxItems}) with ${String(exchange.response?.status)}.`,
    evidence: [exchange],
    confidence: 'confirmed',
  });
}

/** A string field of the body, preferring free text (no pattern, format or enum) that a huge value still fits. */
function freeTextField(success: Success): { pointer: string; maxLength?: number } | undefined {
  const fields = injectionPoints(success.built).filter((point) => point.location === 'body' && point.name !== '');
  const isFree = (schema: unknown): boolean => isSchema(schema) && schema.pattern === undefined && schema.format === undefined && schema.enum === undefined;
  const field = fields.find((point) => isFree(point.schema)) ?? fields[0];
  if (field === undefined) return undefined;
  const maxLength = isSchema(field.schema) && typeof field.schema.maxLength === 'number' ? field.schema.maxLength : undefined;
  return { pointer: field.name, ...(maxLength === undefined ? {} : { maxLength }) };
}

export async function tryOversizedBody(context: ScanContext, success: Success): Promise<void> {
  const field = success.built.parts.body?.media.kind === 'json' ? freeTextField(success) : undefined;
  if (field === undefined) return;
  const exchange = await send(context, success, field.pointer, 'a'.repeat(OVERSIZED_BYTES), OVERSIZED_TIMEOUT_MS);
  if (!isSuccess(exchange)) return;
  const documented = field.maxLength === undefined ? '' : ` (documented maxLength ${field.maxLength})`;
  context.report({
    operation: success.operation,
    message: `Accepted a ${(OVERSIZED_BYTES / 1024 / 1024).toFixed(1)} MiB body, ${OVERSIZED_BYTES} characters in ${field.pointer}${documented}, with ${String(exchange.response?.status)}.`,
    evidence: [abbreviated(exchange)],
    confidence: 'confirmed',
  });
}

/** The evidence keeps the start of the 2 MiB body, not all of it: reports must stay readable. */
function abbreviated(exchange: Exchange): Exchange {
  const body = exchange.request.body ?? '';
  return { ...exchange, request: { ...exchange.request, body: `${body.slice(0, 200)}… (${body.length} bytes sent in all)` } };
}
