// Objects the scan creates only to change or delete them: a destructive probe must never hit data
// the scan does not own, least of all its own identities' accounts. The creation goes through the
// collection's documented POST, with unique values where APIs demand them.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { withBodyField } from '../../requests/index.js';
import { collectionOf, idOf, protectedIds } from '../api3/object-ids.js';
import { requestSchemaOf } from '../api3/schema-shape.js';
import { withUniqueFields } from '../api3/unique-fields.js';
import { isSecured } from '../probe.js';
import { sendAs } from '../probe-send.js';

/** Path segments that mark administrative functions (`/admin/users`, `/internal/jobs`). */
export const ADMIN_SEGMENT = /^(?:admin|administration|administrator|internal|manage|management|backoffice|back-office|staff|superuser|sudo|ops)$/i;

export interface Throwaway {
  readonly id: string;
  readonly creation: Exchange;
}

/**
 * The documented POST that creates objects of the item operation's collection: `POST /users` for
 * `/users/{id}`, and for an administrative path the same without its admin segments
 * (`/admin/users/{id}` → `POST /admin/users`, else `POST /users`).
 */
export function creatorFor(context: ScanContext, item: OperationSpec): OperationSpec | undefined {
  const collection = collectionOf(item);
  if (collection === undefined) return undefined;
  const plain = collection.split('/').filter((segment) => !ADMIN_SEGMENT.test(segment)).join('/');
  const posts = context.api.operations.filter((operation) => operation.method === 'POST' && requestSchemaOf(operation) !== undefined);
  return posts.find((operation) => operation.pathTemplate === collection) ?? posts.find((operation) => operation.pathTemplate === plain);
}

/**
 * Who creates the throwaway: nobody for a public creation (a sign-up), else an administrator, so the
 * object is not the probing user's own; undefined when neither is possible.
 */
export function creatorIdentity(context: ScanContext, creator: OperationSpec): Identity | null | undefined {
  if (!isSecured(creator)) return null;
  return context.identities.find((identity) => identity.role === 'admin');
}

/** Creates one object through `creator` as `actor` (null: anonymously); undefined when that fails. */
export async function createThrowaway(context: ScanContext, creator: OperationSpec, actor: Identity | null): Promise<Throwaway | undefined> {
  const template = context.identities.map((identity) => context.baseline(creator, identity)).find((baseline) => baseline !== undefined);
  const built = template?.built ?? context.requestFor(creator, actor ?? undefined);
  if (built.bodyValue === undefined || built.mediaType?.includes('json') !== true) return undefined;
  const unique = withBodyField(built, '', withUniqueFields(built.bodyValue, requestSchemaOf(creator)));
  const creation = await sendAs(context, unique.request, actor ?? undefined);
  const id = idOf(creation);
  // Never hand out an id the scan's identities live under, whatever the API answered.
  if (id === undefined || protectedIds(context).has(id)) return undefined;
  return { id, creation };
}
