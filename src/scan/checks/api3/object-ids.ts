// Ids of objects the exercise saw, for item operations the resource pool cannot fill: a sign-up
// (`POST /users`) creates nobody's object, and `GET /users/me` names the caller's own id without
// being a list. Checks use these to read back what they changed or to read another user's record.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { isSuccess, jsonOf } from '../probe.js';

export interface KnownId {
  readonly value: string;
  /** The identity whose answer named it; undefined for an anonymous answer. */
  readonly seenBy: Identity | undefined;
  /** `created` by a POST to the collection, or the caller's `own` id (a /me-like read). */
  readonly source: 'created' | 'own';
}

const PARAM = /^\{[^{}]{1,200}\}$/;
const MAX_ID_LENGTH = 200;

/** `/users/{userId}` → `/users`; undefined unless the last segment, and only it, is a parameter. */
export function collectionOf(operation: OperationSpec): string | undefined {
  const segments = operation.pathTemplate.split('/');
  const last = segments.at(-1) ?? '';
  if (!PARAM.test(last) || segments.slice(0, -1).some((segment) => PARAM.test(segment))) return undefined;
  return segments.slice(0, -1).join('/');
}

/** The single path parameter's name of an item operation. */
export const itemParameterOf = (operation: OperationSpec): string | undefined =>
  collectionOf(operation) === undefined ? undefined : operation.parameters.find((parameter) => parameter.in === 'path')?.name;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: the segment as sent is still the id the API used
  }
}

/** The id an answer names: `id` (or `uuid`) in a JSON object, else the Location header's last segment. */
export function idOf(exchange: Exchange | undefined): string | undefined {
  if (!isSuccess(exchange)) return undefined;
  const body = jsonOf(exchange);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    for (const key of ['id', 'uuid']) {
      const value = record[key];
      if ((typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH) || (typeof value === 'number' && Number.isSafeInteger(value))) return String(value);
    }
  }
  const location = exchange?.response?.headers.location;
  if (location === undefined || exchange === undefined || !URL.canParse(location, exchange.request.url)) return undefined;
  const last = decoded(new URL(location, exchange.request.url).pathname.split('/').at(-1) ?? '');
  return last === '' || last.length > MAX_ID_LENGTH ? undefined : last;
}

/**
 * Ids of objects in the item operation's collection: created by a POST to it, or returned by a GET
 * of a fixed path beside it (`/users/me`), as each identity (and anonymous) saw them.
 */
export function knownIds(context: ScanContext, item: OperationSpec): KnownId[] {
  const collection = collectionOf(item);
  if (collection === undefined) return [];
  const found: KnownId[] = [];
  for (const operation of context.api.operations) {
    const isCreator = operation.method === 'POST' && operation.pathTemplate === collection;
    const isOwnRead = operation.method === 'GET' && isFixedSibling(operation.pathTemplate, collection);
    if (!isCreator && !isOwnRead) continue;
    for (const identity of [...context.identities, undefined]) {
      const value = idOf(context.baseline(operation, identity)?.exchange);
      if (value !== undefined && !found.some((known) => known.value === value)) found.push({ value, seenBy: identity, source: isCreator ? 'created' : 'own' });
    }
  }
  return found;
}

const isFixedSibling = (template: string, collection: string): boolean =>
  template.startsWith(`${collection}/`) && !template.slice(collection.length + 1).includes('/') && !template.includes('{', collection.length);

/**
 * Ids the identities' own parameterless reads name (`GET /users/me` → 1): the scan's accounts, which
 * no check may ever delete or overwrite, whatever collection the operation at hand sits in.
 */
export function protectedIds(context: ScanContext): Set<string> {
  const ids = new Set<string>();
  for (const operation of context.api.operations) {
    if (operation.method !== 'GET' || operation.pathTemplate.includes('{')) continue;
    for (const identity of context.identities) {
      const value = idOf(context.baseline(operation, identity)?.exchange);
      if (value !== undefined) ids.add(value);
    }
  }
  return ids;
}
