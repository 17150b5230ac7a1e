// API5 (broken function level authorization): administrative operations (an admin path segment, an
// admin scope, `x-bulwark-admin: true`) answered to an ordinary user the way they answer the
// administrator. A DELETE is only ever tried on an object created for the purpose, and the
// administrator's next read proves it gone. Method switching (method-switch.ts) is part of the check.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { itemParameterOf } from '../api3/object-ids.js';
import { isSuccess, jsonOf, users } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { switchMethods } from './method-switch.js';
import { ADMIN_SEGMENT, createThrowaway, creatorFor, creatorIdentity } from './throwaway.js';

const isAdministrative = (operation: OperationSpec): boolean =>
  operation.pathTemplate.split('/').some((segment) => ADMIN_SEGMENT.test(segment))
  || operation.security.some((requirement) => Object.values(requirement).some((scopes) => scopes.some((scope) => /admin/i.test(scope))))
  || operation.extensions['x-bulwark-admin'] === true;

/** An answer with nothing in it: an empty list or object (a filtered view, not the admin's). */
function isEmptyAnswer(exchange: Exchange): boolean {
  const body = jsonOf(exchange);
  if (Array.isArray(body)) return body.length === 0;
  if (typeof body !== 'object' || body === null) return false;
  const values = Object.values(body as Record<string, unknown>);
  return values.length === 0 || values.every((value) => Array.isArray(value) && value.length === 0);
}

/** The answer the identity got in the exercise, else a fresh one with the administrator's ids. */
async function answerOf(context: ScanContext, operation: OperationSpec, identity: Identity, admin: Identity | undefined, seed: number): Promise<Exchange> {
  const baseline = context.baseline(operation, identity);
  if (baseline !== undefined) return baseline.exchange;
  return sendAs(context, context.requestFor(operation, admin ?? identity, { seed }).request, identity);
}

async function tryFunction(context: ScanContext, operation: OperationSpec, user: Identity, admin: Identity | undefined): Promise<void> {
  if (isSuccess(context.baseline(operation, undefined)?.exchange)) return; // public: API2's business, not API5's
  // The administrator first: an update the user made might otherwise be what the admin's answer shows.
  const adminAnswer = admin === undefined ? undefined : await answerOf(context, operation, admin, admin, 0);
  const userAnswer = await answerOf(context, operation, user, admin, 17);
  if (!isSuccess(userAnswer)) return;
  const isProven = adminAnswer !== undefined && isSuccess(adminAnswer) && !(isEmptyAnswer(userAnswer) && !isEmptyAnswer(adminAnswer));
  context.report({
    operation,
    message: isProven
      ? `${user.name} (role user) called this administrative operation and got ${String(userAnswer.response?.status)}, as the administrator does.`
      : `${user.name} (role user) got ${String(userAnswer.response?.status)} from this administrative operation; without a comparable administrator answer it is unconfirmed.`,
    evidence: adminAnswer === undefined ? [userAnswer] : [adminAnswer, userAnswer],
    confidence: isProven ? 'confirmed' : 'tentative',
  });
}

/** The administrator's read of the object after the user's DELETE: gone (404 / 410) or not. */
async function isGone(context: ScanContext, operation: OperationSpec, pathValues: Record<string, string>, reader: Identity): Promise<Exchange | undefined> {
  const plain = operation.pathTemplate.split('/').filter((segment) => !ADMIN_SEGMENT.test(segment)).join('/');
  const read = context.api.operations.find((candidate) => candidate.method === 'GET' && (candidate.pathTemplate === operation.pathTemplate || candidate.pathTemplate === plain));
  const parameter = read === undefined ? undefined : itemParameterOf(read);
  const value = Object.values(pathValues)[0];
  if (read === undefined || parameter === undefined || value === undefined) return undefined;
  const after = await sendAs(context, context.requestFor(read, reader, { pathValues: { [parameter]: value } }).request, reader);
  return after.response?.status === 404 || after.response?.status === 410 ? after : undefined;
}

async function tryDelete(context: ScanContext, operation: OperationSpec, user: Identity, admin: Identity | undefined): Promise<void> {
  const parameter = itemParameterOf(operation);
  const creator = creatorFor(context, operation);
  const actor = creator === undefined ? undefined : creatorIdentity(context, creator);
  if (parameter === undefined || creator === undefined || actor === undefined) return;
  const throwaway = await createThrowaway(context, creator, actor);
  if (throwaway === undefined) return;
  const pathValues = { [parameter]: throwaway.id };
  const request = context.requestFor(operation, user, { pathValues }).request;
  const deletion = await sendAs(context, request, user);
  const gone = isSuccess(deletion) ? await isGone(context, operation, pathValues, admin ?? user) : undefined;
  if (isSuccess(deletion)) {
    context.report({
      operation,
      message: `${user.name} (role user) deleted ${parameter}=${throwaway.id}, an object the scan created for the purpose, through this administrative operation (${String(deletion.response?.status)})${gone === undefined ? '; no read could show it gone' : '; the next read answers 404'}.`,
      evidence: [throwaway.creation, deletion, ...(gone === undefined ? [] : [gone])],
      confidence: gone === undefined ? 'tentative' : 'confirmed',
      severity: 'critical',
    });
  } else if (admin !== undefined) {
    await sendAs(context, request, admin); // the throwaway is the scan's litter: the administrator removes it
  }
}

export const bfla: ScanCheck = {
  id: 'api5.bfla',
  category: 'API5',
  title: 'Ordinary user reaches administrative functions (BFLA)',
  severity: 'high',
  remediation: 'Deny by default: check the caller\'s role or scope for every administrative operation in one central place (not per handler), answer 403 otherwise, and route only the methods the document lists for each path (405 for the rest).',
  async run(context) {
    const [user] = users(context);
    if (user === undefined) return;
    const admin = context.identities.find((identity) => identity.role === 'admin');
    const administrative = context.api.operations.filter(isAdministrative);
    for (const operation of administrative.filter((candidate) => candidate.method !== 'DELETE' && context.client.allows(candidate.method))) await tryFunction(context, operation, user, admin);
    await switchMethods(context, user);
    if (!context.client.allows('DELETE')) return;
    for (const operation of administrative.filter((candidate) => candidate.method === 'DELETE')) await tryDelete(context, operation, user, admin);
  },
};
