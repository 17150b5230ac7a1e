// Operation patterns for access policies: `METHOD /path`, where METHOD may be `*`, a path segment
// `*` matches one segment and a final `**` any rest. Matched against the OpenAPI path template of
// the request's operation when the route has a document (`GET /users/{id}`), else against the
// request path. An operationId (no space, no slash) matches that operation only. No regexes built
// from configuration: segments are compared as strings.

import type { RequestContext } from '../../request-context.js';

export interface OperationRef {
  readonly method: string;
  /** The operation's path template, or the request path on routes without a document. */
  readonly path: string;
  readonly operationId?: string;
}

export type OperationPattern = (operation: OperationRef) => boolean;

/** The request as patterns see it: its OpenAPI operation where the route has a document, else its path. */
export function operationRefOf(ctx: Pick<RequestContext, 'contract' | 'method' | 'path'>): OperationRef {
  const match = ctx.contract;
  if (match?.kind === 'found') {
    const spec = match.value.spec;
    return { method: spec.method, path: spec.pathTemplate, ...(spec.operationId === undefined ? {} : { operationId: spec.operationId }) };
  }
  return { method: ctx.method, path: ctx.path };
}

export function compileOperationPattern(pattern: string): OperationPattern {
  const space = pattern.indexOf(' ');
  if (space === -1) return (operation) => operation.operationId === pattern;
  const method = pattern.slice(0, space).toUpperCase();
  const segments = splitPath(pattern.slice(space + 1).trim());
  const isPrefix = segments.at(-1) === '**';
  if (isPrefix) segments.pop();
  return (operation) => {
    if (method !== '*' && method !== operation.method) return false;
    const actual = splitPath(operation.path);
    if (isPrefix ? actual.length < segments.length : actual.length !== segments.length) return false;
    return segments.every((segment, index) => segment === '*' || segment === actual[index]);
  };
}

/** Whether a pattern is well-formed; used by the config checks to name a bad entry. */
export function isOperationPattern(pattern: string): boolean {
  if (!pattern.includes(' ')) return /^[A-Za-z0-9_.:-]{1,128}$/.test(pattern);
  const [method, path, ...rest] = pattern.split(' ');
  return rest.length === 0 && /^(\*|[A-Za-z]{1,16})$/.test(method ?? '') && (path ?? '').startsWith('/');
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}
