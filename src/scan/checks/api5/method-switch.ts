// Method switching (part of api5.bfla): a path the document only lets clients read (or read and
// partly change) may still route PUT, PATCH or DELETE, often without the checks the documented
// methods have. A user tries each undocumented one on an object the scan created for the purpose
// (else on one of the user's own), and the next read shows whether it changed or went.
import { isDeepStrictEqual } from 'node:util';
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { itemParameterOf } from '../api3/object-ids.js';
import { escalatedValue, isPrivilegeName, normalizeName } from '../api3/privilege-fields.js';
import { nonce } from '../api3/unique-fields.js';
import { isSuccess, jsonOf } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { createThrowaway, creatorFor, creatorIdentity } from './throwaway.js';

type Fields = Record<string, unknown>;
/** Updates before DELETE: a deleted object cannot show an update. */
const SWITCHED_METHODS = ['PUT', 'PATCH', 'DELETE'] as const;
const FREE_TEXT = new Set(['displayname', 'name', 'title', 'description', 'note', 'nickname', 'bio', 'comment', 'label', 'summary']);

interface Target {
  readonly pathValues: Record<string, string>;
  /** Created for the probe (someone else's object), not the user's own. */
  readonly isThrowaway: boolean;
}

const asFields = (value: unknown): Fields | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Fields : undefined);

async function targetFor(context: ScanContext, read: OperationSpec, parameter: string, user: Identity): Promise<Target | undefined> {
  const creator = creatorFor(context, read);
  const actor = creator === undefined ? undefined : creatorIdentity(context, creator);
  const throwaway = creator === undefined || actor === undefined ? undefined : await createThrowaway(context, creator, actor);
  if (throwaway !== undefined) return { pathValues: { [parameter]: throwaway.id }, isThrowaway: true };
  const own = context.resources.pathValues(read, user, { createdOnly: true });
  return own[parameter] === undefined ? undefined : { pathValues: own, isThrowaway: false };
}

/** A visible change: a new text in a free-text field, and escalated privilege fields. */
function changesFor(current: Fields): Fields {
  const changes: Fields = {};
  const text = Object.keys(current).find((name) => FREE_TEXT.has(normalizeName(name)) && typeof current[name] === 'string');
  if (text !== undefined) changes[text] = `bulwark-${nonce()}`;
  for (const [name, value] of Object.entries(current)) {
    if (!isPrivilegeName(name)) continue;
    const escalated = escalatedValue(name, undefined, value);
    if (escalated !== undefined) changes[name] = escalated;
  }
  return changes;
}

function outcomeOf(method: string, changes: Fields, before: Fields, after: Exchange): string | undefined {
  if (method === 'DELETE') return after.response?.status === 404 || after.response?.status === 410 ? 'deleted it' : undefined;
  const stored = asFields(jsonOf(after));
  const changed = Object.keys(changes).filter((name) => stored !== undefined && isDeepStrictEqual(stored[name], changes[name]) && !isDeepStrictEqual(before[name], changes[name]));
  return changed.length === 0 ? undefined : `changed ${changed.map((name) => `${name} to ${JSON.stringify(changes[name])}`).join(', ')}`;
}

async function trySwitch(context: ScanContext, read: OperationSpec, method: string, user: Identity, target: Target): Promise<void> {
  const request = context.requestFor(read, user, { pathValues: target.pathValues }).request;
  const before = await sendAs(context, request, user);
  const current = asFields(jsonOf(before));
  if (!isSuccess(before) || current === undefined) return;
  const changes = changesFor(current);
  if (method !== 'DELETE' && Object.keys(changes).length === 0) return;
  const body = method === 'DELETE' ? undefined : JSON.stringify(method === 'PUT' ? { ...current, ...changes } : changes);
  const switched = await sendAs(context, request, user, { method, ...(body === undefined ? {} : { body, headers: { ...request.headers, 'content-type': 'application/json' } }) });
  if (!isSuccess(switched)) return;
  const after = await sendAs(context, request, user);
  const outcome = outcomeOf(method, changes, current, after);
  if (outcome === undefined) return;
  const whose = target.isThrowaway ? 'an object the scan created as another account' : `${user.name}'s own object`;
  context.report({
    operation: { ...read, method },
    message: `${user.name} sent the undocumented ${method} ${read.pathTemplate} (${Object.entries(target.pathValues).map(([name, value]) => `${name}=${value}`).join(', ')}, ${whose}): it answered ${String(switched.response?.status)} and ${outcome}, as the next read shows.`,
    evidence: [before, switched, after],
    confidence: 'confirmed',
    severity: target.isThrowaway ? 'critical' : 'medium',
  });
}

/** Every item path documented without some of PUT / PATCH / DELETE: the user tries the others. */
export async function switchMethods(context: ScanContext, user: Identity): Promise<void> {
  for (const read of context.api.operations) {
    const parameter = itemParameterOf(read);
    if (read.method !== 'GET' || parameter === undefined) continue;
    const documented = new Set(context.api.operations.filter((operation) => operation.pathTemplate === read.pathTemplate).map((operation) => operation.method));
    const methods = SWITCHED_METHODS.filter((method) => !documented.has(method) && context.client.allows(method));
    if (methods.length === 0) continue;
    const target = await targetFor(context, read, parameter, user);
    if (target === undefined) continue;
    for (const method of methods) await trySwitch(context, read, method, user, target);
  }
}
