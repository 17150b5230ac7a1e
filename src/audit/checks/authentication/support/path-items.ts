// Every path item and operation of the document, wherever OpenAPI allows one: `paths`, the callbacks
// of their operations (nested), 3.1's `webhooks` and `components/pathItems`, and `components/callbacks`.
// The model reads `paths` only; Spectral's OWASP rules match `$.paths..responses`, `$.paths..parameters`
// and `$..parameters`, which reach callbacks (and, for the latter, everything else), so the checks
// covering them read these too. Built once per model: several checks ask for it.
import type { Located, NodeRef } from '../../../document.js';
import { HTTP_METHODS, isObject, type AuditApi, type HttpMethod, type JsonObject } from '../../../model.js';

export interface RawPathItem {
  /** `/users`, `callback onEvent {$request.body#/url}`, `webhook newPet`, `path item Users`. */
  readonly label: string;
  readonly item: Located<JsonObject>;
  /** Reached from `paths` (a path or a callback of one of its operations): where `$.paths..` looks. */
  readonly underPaths: boolean;
}

export interface RawOperation {
  /** `GET /users`, `callback onEvent {$request.body#/url} POST`. */
  readonly label: string;
  readonly method: HttpMethod;
  readonly operation: Located<JsonObject>;
  readonly underPaths: boolean;
}

export interface PathItemCatalog {
  readonly pathItems: readonly RawPathItem[];
  readonly operations: readonly RawOperation[];
}

/** Callbacks nest (a callback operation may declare callbacks); deeper ones are not read. */
const MAX_CALLBACK_DEPTH = 8;

const cache = new WeakMap<AuditApi, PathItemCatalog>();

export function pathItemCatalog(api: AuditApi): PathItemCatalog {
  let catalog = cache.get(api);
  if (catalog === undefined) {
    catalog = buildCatalog(api);
    cache.set(api, catalog);
  }
  return catalog;
}

export function keyOf(at: NodeRef): string {
  return `${at.file}#${at.pointer}`;
}

/** The object `located` stands for, its reference followed; undefined when it is not an object. */
export function resolveObject(api: AuditApi, located: Located | undefined): Located<JsonObject> | undefined {
  if (located === undefined) return undefined;
  const target = api.document.deref(located);
  return target !== undefined && isObject(target.value) ? (target as Located<JsonObject>) : undefined;
}

interface Pending {
  readonly label: string;
  readonly node: Located | undefined;
  readonly underPaths: boolean;
  readonly depth: number;
}

function buildCatalog(api: AuditApi): PathItemCatalog {
  const document = api.document;
  const seen = new Set<string>();
  const pathItems: RawPathItem[] = [];
  const operations: RawOperation[] = [];

  const callbackItems = (callbacks: Located | undefined, underPaths: boolean, depth: number): Pending[] => {
    const map = resolveObject(api, callbacks);
    if (map === undefined) return [];
    const pending: Pending[] = [];
    for (const name of Object.keys(map.value)) {
      if (name.startsWith('x-')) continue;
      const callback = resolveObject(api, document.child(map, name));
      if (callback === undefined) continue;
      for (const expression of Object.keys(callback.value)) {
        if (expression.startsWith('x-')) continue;
        pending.push({ label: `callback ${name} ${expression}`, node: document.child(callback, expression), underPaths, depth });
      }
    }
    return pending;
  };

  // Breadth first, so `underPaths` is settled by the first phase before anything else can claim an item.
  const walk = (start: Pending[]): void => {
    const queue = start;
    for (let index = 0; index < queue.length; index++) {
      const { label, node, underPaths, depth } = queue[index] as Pending;
      const item = resolveObject(api, node);
      if (item === undefined) continue;
      const key = keyOf(item.at);
      if (seen.has(key)) continue;
      seen.add(key);
      pathItems.push({ label, item, underPaths });
      for (const method of HTTP_METHODS) {
        const operation = document.child(item, method);
        if (operation === undefined || !isObject(operation.value)) continue;
        const upper = method.toUpperCase();
        operations.push({ label: label.startsWith('/') ? `${upper} ${label}` : `${label} ${upper}`, method, operation: operation as Located<JsonObject>, underPaths });
        if (depth < MAX_CALLBACK_DEPTH) queue.push(...callbackItems(document.child(operation, 'callbacks'), underPaths, depth + 1));
      }
    }
  };

  const entries = (container: Located | undefined, label: (name: string) => string): Pending[] => {
    const map = resolveObject(api, container);
    if (map === undefined) return [];
    return Object.keys(map.value).filter((name) => !name.startsWith('x-'))
      .map((name) => ({ label: label(name), node: document.child(map, name), underPaths: false, depth: 0 }));
  };

  walk(entries(document.child(api.root, 'paths'), (path) => path).map((pending) => ({ ...pending, underPaths: true })));
  walk([
    ...entries(document.child(api.root, 'webhooks'), (name) => `webhook ${name}`),
    ...entries(document.child(api.root, 'components', 'pathItems'), (name) => `path item ${name}`),
    ...callbackItems(document.child(api.root, 'components', 'callbacks'), false, 1),
  ]);
  return { pathItems, operations };
}
