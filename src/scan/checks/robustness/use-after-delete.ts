// ROBUSTNESS: an object its owner deleted is still served by id. The owner creates a fresh object
// (so nobody else's data is touched), reads it, deletes it, and reads it again; a 2xx with the same
// object after a successful delete shows a soft delete the reads never check, so "deleted" data
// (personal data under an erasure request, revoked keys) stays reachable. Destructive mode only.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { isSuccess, jsonOf, users } from '../probe.js';
import { sendAs } from '../probe-send.js';

const PARAM = /^\{([^{}]{1,200})\}$/;

const lastParamOf = (template: string): string | undefined => PARAM.exec(template.split('/').at(-1) ?? '')?.[1];

/** The new object's id: the parameter's own name or `id` in a JSON answer, else the Location's last segment. */
function createdId(exchange: Exchange, parameter: string): string | undefined {
  const body = jsonOf(exchange);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const id = record[parameter] ?? record.id;
    if ((typeof id === 'string' && id !== '' && id.length <= 200) || typeof id === 'number') return String(id);
  }
  // A Location the target wrote badly is no id, not a failure of the check.
  const location = exchange.response?.headers.location;
  if (location === undefined || !URL.canParse(location, exchange.request.url)) return undefined;
  const last = new URL(location, exchange.request.url).pathname.split('/').at(-1) ?? '';
  try {
    return last === '' ? undefined : decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

/** Path values naming a fresh object of the owner's, created with the collection's POST. */
async function freshObject(context: ScanContext, remove: OperationSpec, owner: Identity): Promise<Record<string, string> | undefined> {
  const parameter = lastParamOf(remove.pathTemplate);
  const collection = remove.pathTemplate.slice(0, remove.pathTemplate.lastIndexOf('/'));
  const create = context.api.operations.find((operation) => operation.method === 'POST' && operation.pathTemplate === collection);
  if (parameter === undefined || create === undefined) return undefined;
  const created = await sendAs(context, context.requestFor(create, owner).request, owner);
  const id = isSuccess(created) ? createdId(created, parameter) : undefined;
  return id === undefined ? undefined : { ...context.resources.pathValues(remove, owner, { createdOnly: true }), [parameter]: id };
}

const isSameObject = (before: Exchange, after: Exchange, id: string): boolean => {
  if (after.response?.body === before.response?.body) return true;
  const body = jsonOf(after);
  return typeof body === 'object' && body !== null && String((body as Record<string, unknown>).id) === id;
};

async function tryDelete(context: ScanContext, remove: OperationSpec, read: OperationSpec, owner: Identity): Promise<void> {
  const values = await freshObject(context, remove, owner);
  const id = values?.[lastParamOf(remove.pathTemplate) ?? ''];
  if (values === undefined || id === undefined) return;
  const readRequest = context.requestFor(read, owner, { pathValues: values }).request;
  const before = await sendAs(context, readRequest, owner);
  if (!isSuccess(before)) return;
  const deleted = await sendAs(context, context.requestFor(remove, owner, { pathValues: values }).request, owner);
  if (!isSuccess(deleted)) return;
  const after = await sendAs(context, readRequest, owner);
  if (!isSuccess(after) || !isSameObject(before, after, id)) return;
  context.report({
    operation: read,
    message: `After ${owner.name} deleted its own object (${remove.method} answered ${String(deleted.response?.status)}), ${read.method} ${read.pathTemplate} still answered ${String(after.response?.status)} with it.`,
    evidence: [before, deleted, after],
    confidence: 'confirmed',
  });
}

export const useAfterDelete: ScanCheck = {
  id: 'robustness.use-after-delete',
  category: 'ROBUSTNESS',
  title: 'Deleted object still readable',
  severity: 'medium',
  remediation: 'Make every read, list and update honour deletion: remove the object, or filter soft-deleted rows in the data access layer (one place, not per handler) and answer 404 or 410 Gone for them.',
  async run(context) {
    const owner = users(context)[0] ?? context.identities[0];
    if (owner === undefined || !context.client.allows('DELETE')) return;
    for (const remove of context.api.operations.filter((operation) => operation.method === 'DELETE' && lastParamOf(operation.pathTemplate) !== undefined)) {
      const read = context.api.operations.find((operation) => operation.method === 'GET' && operation.pathTemplate === remove.pathTemplate);
      if (read !== undefined) await tryDelete(context, remove, read, owner);
    }
  },
};
