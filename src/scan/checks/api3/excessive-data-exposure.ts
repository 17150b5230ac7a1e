// API3 (excessive data exposure): successful answers that carry more than the document promises. Two
// findings, told apart by their message: undocumented fields holding secrets or personal data (the
// API relies on its clients to filter), and fields the document marks writeOnly sent back (a
// password echoed on sign-up). Item reads the exercise had no id for are read once here, with an id
// another identity's answers named, as the first user: reading another user's record is the case.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { isSuccess, jsonOf, successes, users } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { itemParameterOf, knownIds } from './object-ids.js';
import { sensitiveField, type SensitiveField } from './sensitive-fields.js';
import { declaresFields, itemsOf, propertiesOf, responseSchemaOf } from './schema-shape.js';

/** Bounds on the walk through an answer: deep or long bodies are sampled, not read whole. */
const MAX_DEPTH = 8;
const MAX_ITEMS = 20;
const MAX_FIELDS = 2_000;
const MAX_READS_PER_OPERATION = 2;

interface Found {
  readonly undocumented: SensitiveField[];
  readonly writeOnly: string[];
  visited: number;
}

function walk(value: unknown, schema: unknown, pointer: string, depth: number, found: Found, parentName?: string): void {
  if (schema === undefined || depth > MAX_DEPTH || found.visited > MAX_FIELDS) return;
  if (Array.isArray(value)) {
    value.slice(0, MAX_ITEMS).forEach((item, index) => walk(item, itemsOf(schema), `${pointer}/${index}`, depth + 1, found, parentName));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const properties = propertiesOf(schema);
  const isDocumented = declaresFields(schema);
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    found.visited++;
    const fieldPointer = `${pointer}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const property = properties.get(name);
    if (property === undefined) {
      const sensitive = isDocumented ? sensitiveField(fieldPointer, name, child, parentName) : undefined;
      if (sensitive !== undefined) found.undocumented.push(sensitive);
    } else if (property.writeOnly === true && child !== null && child !== '') {
      found.writeOnly.push(fieldPointer);
    } else {
      walk(child, property, fieldPointer, depth + 1, found, name);
    }
  }
}

function inspect(context: ScanContext, operation: OperationSpec, exchange: Exchange, who: string): void {
  const schema = responseSchemaOf(operation, exchange.response?.status ?? 0);
  const body = jsonOf(exchange);
  if (schema === undefined || body === undefined) return;
  const found: Found = { undocumented: [], writeOnly: [], visited: 0 };
  walk(body, schema, '', 0, found);
  const status = String(exchange.response?.status);
  if (found.undocumented.length > 0) {
    const fields = found.undocumented.map((field) => `${field.pointer} (${field.reason === 'name' ? 'by its name' : field.reason})`).join(', ');
    context.report({
      operation,
      message: `Undocumented sensitive fields in the ${status} answer to ${who}: ${fields}; the documented response schema does not declare them.`,
      evidence: [exchange],
      confidence: 'confirmed',
      severity: found.undocumented.some((field) => field.isSecret) ? 'high' : 'medium',
    });
  }
  if (found.writeOnly.length > 0) {
    context.report({ operation, message: `writeOnly fields echoed in the ${status} answer to ${who}: ${found.writeOnly.join(', ')}; the document says clients send them and never get them back.`, evidence: [exchange], confidence: 'confirmed', severity: 'medium' });
  }
}

/** Reads of an item the exercise had no id for, with ids other identities' answers named first. */
async function extraReads(context: ScanContext, seen: Set<OperationSpec>): Promise<void> {
  const [reader] = users(context);
  if (reader === undefined) return;
  for (const operation of context.api.operations) {
    const parameter = itemParameterOf(operation);
    if (operation.method !== 'GET' || seen.has(operation) || parameter === undefined) continue;
    const ids = knownIds(context, operation).sort((a, b) => Number(a.seenBy === reader) - Number(b.seenBy === reader));
    for (const known of ids.slice(0, MAX_READS_PER_OPERATION)) {
      const exchange = await sendAs(context, context.requestFor(operation, reader, { pathValues: { [parameter]: known.value } }).request, reader);
      if (!isSuccess(exchange)) continue;
      inspect(context, operation, exchange, `${reader.name} (object ${known.value}, named by ${known.seenBy?.name ?? 'an anonymous answer'})`);
      break;
    }
  }
}

export const excessiveDataExposure: ScanCheck = {
  id: 'api3.excessive-data-exposure',
  category: 'API3',
  title: 'Answers expose sensitive fields the document does not promise',
  severity: 'high',
  remediation: 'Serialise answers from an explicit per-operation view (an allow-list of fields matching the response schema), never the stored record; never return writeOnly fields such as passwords, and keep hashes, tokens and identity numbers server-side.',
  async run(context) {
    const seen = new Set<OperationSpec>();
    for (const success of successes(context)) {
      if (seen.has(success.operation)) continue;
      seen.add(success.operation);
      inspect(context, success.operation, success.exchange, success.identity?.name ?? 'an anonymous request');
    }
    await extraReads(context, seen);
  },
};
