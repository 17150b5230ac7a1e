// Matches a request's method and normalised path to a document operation with find-my-way's radix
// tree: static segments beat templates, path parameters are percent-decoded exactly once, and a
// path that exists under other methods is told apart from one that does not exist (405 vs 404).
import FindMyWay from 'find-my-way';

export type RouteMatch<T> =
  | { readonly kind: 'found'; readonly value: T; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

export interface OperationRouter<T> {
  match(method: string, path: string): RouteMatch<T>;
}

export interface RouterEntry<T> {
  readonly method: string;
  /** OpenAPI path template with its base path, e.g. '/v1/books/{id}'. */
  readonly path: string;
  readonly value: T;
}

interface Stored<T> {
  readonly value: T;
  /** find-my-way parameter name → the document's parameter name. */
  readonly names: ReadonlyMap<string, string>;
}

const NOT_FOUND = Object.freeze({ kind: 'not-found' as const });
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Builds the router. Throws an Error naming the path when two operations collide (same method and
 * an equivalent template); the caller reports it as a document problem.
 */
export function createOperationRouter<T>(entries: readonly RouterEntry<T>[]): OperationRouter<T> {
  // Parameters longer than find-my-way's default 100 characters would silently not match (and
  // read as an unknown path); ids, tokens and slugs can be longer.
  const router = FindMyWay({ caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, maxParamLength: 2048 });
  const methods = new Set<string>();
  const hasGet = new Set<string>();
  const hasHead = new Set<string>();
  for (const entry of entries) {
    const { pattern, names } = toFindMyWayPattern(entry.path);
    const stored: Stored<T> = { value: entry.value, names };
    try {
      router.on(entry.method as FindMyWay.HTTPMethod, pattern, noop, stored);
    } catch (error) {
      throw new Error(`${entry.method} ${entry.path}: ${(error as Error).message}`);
    }
    methods.add(entry.method);
    if (entry.method === 'GET') hasGet.add(pattern);
    if (entry.method === 'HEAD') hasHead.add(pattern);
  }
  // HEAD is GET without a body (RFC 9110 §9.3.2): where the document has GET only, HEAD matches it.
  for (const entry of entries) {
    const { pattern, names } = toFindMyWayPattern(entry.path);
    if (entry.method === 'GET' && !hasHead.has(pattern)) router.on('HEAD', pattern, noop, { value: entry.value, names });
  }
  if (hasGet.size > 0) methods.add('HEAD');
  const allMethods = [...methods].sort();

  function lookup(method: string, path: string): { params: Record<string, string | undefined>; stored: Stored<T> } | undefined {
    if (!methods.has(method)) return undefined;
    const found = router.find(method as FindMyWay.HTTPMethod, path);
    return found ? { params: found.params, stored: found.store as Stored<T> } : undefined;
  }

  return {
    match(method, path) {
      const found = lookup(method, path);
      if (found) return { kind: 'found', value: found.stored.value, params: rename(found.params, found.stored.names) };
      // Only on a miss: is the path known under other methods? A handful of lookups at most.
      const allow = allMethods.filter((other) => other !== method && lookup(other, path) !== undefined);
      return allow.length > 0 ? { kind: 'method-not-allowed', allow } : NOT_FOUND;
    },
  };
}

function noop(): void {}

/**
 * '/books/{id}' → '/books/:p0'. Names are replaced because find-my-way ends a parameter name at
 * '-' or '.', which OpenAPI names may contain; a literal ':' in the template is escaped as '::'.
 */
export function toFindMyWayPattern(template: string): { pattern: string; names: Map<string, string> } {
  const names = new Map<string, string>();
  let pattern = '';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open === -1) {
      pattern += escapeStatic(template.slice(index));
      break;
    }
    const close = template.indexOf('}', open);
    if (close === -1) {
      pattern += escapeStatic(template.slice(index));
      break;
    }
    pattern += escapeStatic(template.slice(index, open));
    const alias = `p${names.size}`;
    names.set(alias, template.slice(open + 1, close));
    pattern += `:${alias}`;
    index = close + 1;
  }
  return { pattern: pattern === '' ? '/' : pattern, names };
}

function escapeStatic(text: string): string {
  // ':' starts a parameter and '*' a wildcard in find-my-way; both are plain characters here.
  return text.replace(/:/g, '::').replace(/\*/g, '%2A');
}

function rename(params: Record<string, string | undefined>, names: ReadonlyMap<string, string>): Readonly<Record<string, string>> {
  if (names.size === 0) return NO_PARAMS;
  const out: Record<string, string> = {};
  for (const [alias, name] of names) out[name] = params[alias] ?? '';
  return out;
}
