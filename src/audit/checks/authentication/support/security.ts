// How an operation is protected, read from the requirement as written (the model's view drops what is
// not a list of objects, which is exactly what these checks must notice), and every requirement object
// of the document with its own pointer.
import type { Located, NodeRef } from '../../../document.js';
import { childRef, isObject, type AuditApi, type JsonObject, type OperationInfo } from '../../../model.js';
import { pathItemCatalog } from './path-items.js';

export type Protection =
  /** No requirement with a scheme: nobody has to authenticate. */
  | { readonly kind: 'none'; readonly why: string }
  /** Some alternatives name schemes, and one is `{}`: anonymous callers are let through too. */
  | { readonly kind: 'optional' }
  | { readonly kind: 'required' };

export function operationLabel(operation: OperationInfo): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** The operation's own `security`, else the document's, judged as written. */
export function protectionOf(api: AuditApi, operation: OperationInfo): Protection {
  const own = operation.value.security;
  const inherited = own === undefined;
  const requirement = inherited ? api.root.value.security : own;
  const whose = inherited ? "the document's `security`" : 'its `security`';
  if (requirement === undefined) return { kind: 'none', why: 'no security requirement applies' };
  if (!Array.isArray(requirement)) return { kind: 'none', why: `${whose} is not a list of requirements` };
  if (requirement.length === 0) return { kind: 'none', why: `${whose} is an empty list, which turns authentication off` };
  const alternatives = requirement.filter(isObject);
  const named = alternatives.filter((alternative) => Object.keys(alternative).length > 0);
  if (alternatives.length === 0) return { kind: 'none', why: `${whose} holds no requirement object` };
  if (named.length === 0) return { kind: 'none', why: `${whose} only allows anonymous calls (\`{}\`)` };
  return named.length < alternatives.length ? { kind: 'optional' } : { kind: 'required' };
}

export interface RequirementEntry {
  /** The requirement object (one alternative). */
  readonly at: NodeRef;
  readonly value: JsonObject;
  /** `the document's security`, `GET /users`. */
  readonly owner: string;
}

/**
 * Every requirement object written in the document: the root `security` and the own `security` of
 * every operation (callbacks and webhooks included), once each, indexed as written. Computed once
 * per model: two checks read it.
 */
export function requirementEntries(api: AuditApi): readonly RequirementEntry[] {
  let entries = entriesCache.get(api);
  if (entries === undefined) {
    entries = collectEntries(api);
    entriesCache.set(api, entries);
  }
  return entries;
}

const entriesCache = new WeakMap<AuditApi, readonly RequirementEntry[]>();

// Each list is met once (operations are unique per definition in the catalog), so entries need no dedupe.
function collectEntries(api: AuditApi): RequirementEntry[] {
  const entries: RequirementEntry[] = [];
  const add = (list: Located | undefined, owner: string): void => {
    if (list === undefined || !Array.isArray(list.value)) return;
    list.value.forEach((value: unknown, index) => {
      if (isObject(value)) entries.push({ at: childRef(list.at, index), value, owner });
    });
  };
  add(api.document.child(api.root, 'security'), "the document's security");
  for (const operation of pathItemCatalog(api).operations) add(api.document.child(operation.operation, 'security'), operation.label);
  return entries;
}

/** The names of the security schemes written in the document (a definition that cannot be read still counts). */
export function definedSchemeNames(api: AuditApi): Set<string> {
  const container = api.dialect === 'swagger-2.0'
    ? api.document.child(api.root, 'securityDefinitions')
    : api.document.child(api.root, 'components', 'securitySchemes');
  const resolved = container === undefined ? undefined : api.document.deref(container);
  return new Set(resolved !== undefined && isObject(resolved.value) ? Object.keys(resolved.value) : []);
}

/** The string scopes of one scheme in a requirement object. */
export function scopesIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((scope): scope is string => typeof scope === 'string') : [];
}
