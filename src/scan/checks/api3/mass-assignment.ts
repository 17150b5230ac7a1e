// API3 (mass assignment): a write that takes fields the client must not set. For each JSON write, a
// user adds the privilege-bearing fields the document marks readOnly or only ever returns (role,
// isAdmin, balance, status...) set to escalated values; the next read of the object proves they were
// stored. An update is reverted afterwards where the API lets it, so later checks keep a plain user.
import { isDeepStrictEqual } from 'node:util';
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { withBodyField } from '../../requests/index.js';
import { isSuccess, jsonOf, users } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { collectionOf, idOf, itemParameterOf } from './object-ids.js';
import { escalatedValue, isPrivilegeName, normalizeName } from './privilege-fields.js';
import { propertiesOf, requestSchemaOf, successSchemaOf, type Schema } from './schema-shape.js';
import { withUniqueFields } from './unique-fields.js';

type Fields = Record<string, unknown>;
const ROLE_LIKE = /role|admin|perm|scope|privilege|superuser|staff|group/;
const JSON_HEADERS = { 'content-type': 'application/json' };

const asFields = (value: unknown): Fields | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Fields : undefined);
const readOf = (context: ScanContext, template: string): OperationSpec | undefined =>
  context.api.operations.find((operation) => operation.method === 'GET' && operation.pathTemplate === template);

/** Privilege-bearing fields the client should not set: readOnly in the request, or only in answers. */
function guardedFields(context: ScanContext, operation: OperationSpec): Map<string, Schema> {
  const request = propertiesOf(requestSchemaOf(operation));
  const answers = [successSchemaOf(operation), successSchemaOf(readOf(context, operation.pathTemplate) ?? operation)];
  const guarded = new Map<string, Schema>();
  for (const [name, schema] of request) if (schema.readOnly === true && isPrivilegeName(name)) guarded.set(name, schema);
  for (const answer of answers) {
    for (const [name, schema] of propertiesOf(answer)) if (!request.has(name) && isPrivilegeName(name) && !guarded.has(name)) guarded.set(name, schema);
  }
  return guarded;
}

/** The escalated value per guarded field, given what the object holds now. */
function escalations(guarded: Map<string, Schema>, current: Fields): Fields {
  const values: Fields = {};
  for (const [name, schema] of guarded) {
    const value = escalatedValue(name, schema, current[name]);
    if (value !== undefined && !isDeepStrictEqual(value, current[name])) values[name] = value;
  }
  return values;
}

const persisted = (injected: Fields, before: Fields, after: Fields | undefined): string[] =>
  Object.keys(injected).filter((name) => after !== undefined && isDeepStrictEqual(after[name], injected[name]) && !isDeepStrictEqual(before[name], injected[name]));

function reportStored(context: ScanContext, operation: OperationSpec, user: Identity, stored: string[], injected: Fields, evidence: Exchange[]): void {
  const shown = stored.map((name) => `${name}=${JSON.stringify(injected[name])}`).join(', ');
  context.report({
    operation,
    message: `${user.name} set ${shown}, which the document does not let clients write; the next read of the object shows it stored.`,
    evidence,
    confidence: 'confirmed',
    severity: stored.some((name) => ROLE_LIKE.test(normalizeName(name))) ? 'critical' : 'high',
  });
}

async function tryUpdate(context: ScanContext, operation: OperationSpec, user: Identity, guarded: Map<string, Schema>): Promise<void> {
  const read = readOf(context, operation.pathTemplate);
  const pathValues = context.resources.pathValues(operation, user, { createdOnly: true });
  if (read === undefined || operation.parameters.filter((parameter) => parameter.in === 'path').length !== Object.keys(pathValues).length) return;
  const readRequest = context.requestFor(read, user, { pathValues }).request;
  const before = await sendAs(context, readRequest, user);
  const current = asFields(jsonOf(before));
  if (!isSuccess(before) || current === undefined) return;
  const injected = escalations(guarded, current);
  if (Object.keys(injected).length === 0) return;
  // PATCH sends only the injected fields; PUT replaces, so it sends the object as read plus them.
  const body = operation.method === 'PATCH' ? injected : { ...current, ...injected };
  const request = context.requestFor(operation, user, { pathValues }).request;
  const write = await sendAs(context, request, user, { headers: { ...request.headers, ...JSON_HEADERS }, body: JSON.stringify(body) });
  if (!isSuccess(write)) return;
  const after = await sendAs(context, readRequest, user);
  const stored = persisted(injected, current, asFields(jsonOf(after)));
  if (stored.length === 0) return;
  reportStored(context, operation, user, stored, injected, [before, write, after]);
  const restore = Object.fromEntries(stored.map((name) => [name, current[name]]));
  await sendAs(context, request, user, { headers: { ...request.headers, ...JSON_HEADERS }, body: JSON.stringify(operation.method === 'PATCH' ? restore : { ...current }) });
}

async function tryCreate(context: ScanContext, operation: OperationSpec, user: Identity, guarded: Map<string, Schema>): Promise<void> {
  const baseline = context.baseline(operation, user);
  const body = asFields(baseline?.built.bodyValue);
  if (baseline === undefined || body === undefined || baseline.built.mediaType?.includes('json') !== true) return;
  const created = asFields(jsonOf(baseline.exchange)) ?? {};
  const injected = escalations(guarded, created);
  if (Object.keys(injected).length === 0) return;
  const built = withBodyField(baseline.built, '', { ...asFields(withUniqueFields(body, requestSchemaOf(operation))), ...injected });
  const write = await sendAs(context, built.request, user);
  const id = idOf(write);
  const item = context.api.operations.find((candidate) => candidate.method === 'GET' && collectionOf(candidate) === operation.pathTemplate);
  const parameter = item === undefined ? undefined : itemParameterOf(item);
  if (id === undefined || item === undefined || parameter === undefined) return;
  const after = await sendAs(context, context.requestFor(item, user, { pathValues: { [parameter]: id } }).request, user);
  const stored = persisted(injected, created, asFields(jsonOf(after)));
  if (stored.length > 0 && isSuccess(after)) reportStored(context, operation, user, stored, injected, [write, after]);
}

export const massAssignment: ScanCheck = {
  id: 'api3.mass-assignment',
  category: 'API3',
  title: 'Client sets fields it must not write (mass assignment)',
  severity: 'high',
  remediation: 'Bind request bodies to an explicit allow-list of client-writable fields per operation (a DTO), reject unknown and readOnly properties with 400, and never copy a request object onto a stored record wholesale.',
  async run(context) {
    const [user] = users(context);
    if (user === undefined) return;
    for (const operation of context.api.operations) {
      const isWrite = operation.method === 'POST' || ((operation.method === 'PATCH' || operation.method === 'PUT') && context.client.allows(operation.method));
      if (!isWrite || requestSchemaOf(operation) === undefined) continue;
      const guarded = guardedFields(context, operation);
      if (guarded.size === 0) continue;
      if (operation.method === 'POST') await tryCreate(context, operation, user, guarded);
      else await tryUpdate(context, operation, user, guarded);
    }
  },
};
