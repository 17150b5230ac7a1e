// API1: one user reaches an object another user created, by its id. For each operation with ids in
// its path, the second user asks for the first user's object; a public object (one anonymous
// requests get) is not a finding. With --allow-destructive, the second user also updates and
// deletes it, and the first user's next read shows the change.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { isSecured, isSuccess, users } from '../probe.js';
import { sendAs } from '../probe-send.js';

const hasPathIds = (operation: OperationSpec): boolean => operation.parameters.some((parameter) => parameter.in === 'path');

async function tryRead(context: ScanContext, operation: OperationSpec, owner: Identity, other: Identity): Promise<void> {
  const baseline = context.baseline(operation, owner);
  if (baseline === undefined || !isSuccess(baseline.exchange)) return;
  const owned = context.resources.pathValues(operation, owner, { createdOnly: true });
  if (Object.keys(owned).length === 0) return;
  const built = context.requestFor(operation, owner, { pathValues: owned });
  const stolen = await sendAs(context, built.request, other);
  if (!isSuccess(stolen)) return;
  if (isSuccess(await sendAs(context, built.request, undefined))) return;
  context.report({
    operation,
    message: `${other.name} read ${owner.name}'s object (${Object.entries(owned).map(([name, value]) => `${name}=${value}`).join(', ')}).`,
    evidence: [baseline.exchange, stolen],
    confidence: 'confirmed',
  });
}

/** The owner's view of the object: its read, and whether the owner's list still holds its id. */
async function ownerView(context: ScanContext, operation: OperationSpec, owner: Identity, owned: Record<string, string>): Promise<{ read?: Exchange; listed?: boolean; list?: Exchange }> {
  const read = context.api.operations.find((candidate) => candidate.method === 'GET' && candidate.pathTemplate === operation.pathTemplate);
  const collection = operation.pathTemplate.slice(0, operation.pathTemplate.lastIndexOf('/'));
  const lister = context.api.operations.find((candidate) => candidate.method === 'GET' && candidate.pathTemplate === collection);
  const view: { read?: Exchange; listed?: boolean; list?: Exchange } = {};
  if (read !== undefined) view.read = await sendAs(context, context.requestFor(read, owner, { pathValues: owned }).request, owner);
  if (lister !== undefined && isSuccess(view.list = await sendAs(context, context.requestFor(lister, owner).request, owner))) {
    const id = Object.values(owned).at(-1) ?? '';
    view.listed = new RegExp(`"[A-Za-z_]*[Ii]d"\\s*:\\s*"?${id.replace(/[^A-Za-z0-9_-]/g, '')}"?[,}]`).test(view.list.response?.body ?? '');
  }
  return view;
}

async function tryChange(context: ScanContext, operation: OperationSpec, owner: Identity, other: Identity): Promise<void> {
  const owned = context.resources.pathValues(operation, owner, { createdOnly: true });
  if (Object.keys(owned).length === 0) return;
  const before = await ownerView(context, operation, owner, owned);
  if (before.read === undefined || !isSuccess(before.read)) return;
  // Another seed than the exercise used: the change must differ from what the object holds.
  const change = await sendAs(context, context.requestFor(operation, owner, { pathValues: owned, seed: 17 }).request, other);
  if (!isSuccess(change)) return;
  const after = await ownerView(context, operation, owner, owned);
  const isDeleted = operation.method === 'DELETE' && (after.read?.response?.status === 404 || after.read?.response?.status === 410 || (before.listed === true && after.listed === false));
  const isChanged = operation.method !== 'DELETE' && isSuccess(after.read) && after.read?.response?.body !== before.read.response?.body;
  if (!isDeleted && !isChanged) return;
  const shown = isDeleted && after.listed === false && after.list !== undefined ? after.list : after.read;
  context.report({
    operation,
    message: `${other.name} ${isDeleted ? 'deleted' : 'changed'} ${owner.name}'s object (${Object.entries(owned).map(([name, value]) => `${name}=${value}`).join(', ')}); ${owner.name}'s next ${shown === after.list ? 'list' : 'read'} shows it.`,
    evidence: [before.read, change, ...(shown === undefined ? [] : [shown])],
    confidence: 'confirmed',
    severity: 'critical',
  });
}

export const bola: ScanCheck = {
  id: 'api1.bola',
  category: 'API1',
  title: 'Another user\'s object reachable by id (BOLA)',
  severity: 'high',
  remediation: 'Authorize every access to an object by its id against the caller: look objects up within what the caller owns or may see, not by id alone; prefer unguessable ids as a second line, not as the fix.',
  async run(context) {
    const [owner, other] = users(context);
    if (owner === undefined || other === undefined) return;
    const candidates = context.api.operations.filter((operation) => hasPathIds(operation) && isSecured(operation));
    for (const operation of candidates.filter((candidate) => candidate.method === 'GET')) await tryRead(context, operation, owner, other);
    // Updates before deletes: a deleted object cannot be updated.
    const writes = candidates.filter((candidate) => ['PATCH', 'PUT', 'DELETE'].includes(candidate.method) && context.client.allows(candidate.method));
    for (const operation of writes.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))) await tryChange(context, operation, owner, other);
  },
};
