// Security requirements compared by meaning: scheme order and scope order do not matter.
import { isObject, type OperationInfo, type SecurityAlternative } from '../../../model.js';

export function operationLabel(operation: OperationInfo): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** One requirement object as written, as a comparable key (`oauth:read,write|apiKey:`). */
export function entryKey(value: unknown): string {
  if (!isObject(value)) return '';
  return Object.keys(value).sort().map((scheme) => {
    const scopes = value[scheme];
    const list = Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string').sort() : [];
    return `${scheme}:${list.join(',')}`;
  }).join('|');
}

/** A requirement list of the model, as a comparable key (alternatives in any order). */
export function requirementKey(alternatives: readonly SecurityAlternative[]): string {
  return alternatives
    .map((alternative) => alternative.map(({ scheme, scopes }) => `${scheme}:${[...scopes].sort().join(',')}`).sort().join('|'))
    .sort()
    .join(' || ');
}

export function hasScopes(operation: OperationInfo): boolean {
  return operation.security.some((alternative) => alternative.some(({ scopes }) => scopes.length > 0));
}

/** Whether some alternative names a scheme (as opposed to none, or only `{}`). */
export function isAuthenticated(operation: OperationInfo): boolean {
  return operation.security.some((alternative) => alternative.length > 0);
}

/** `read:users, write:users`, for messages. */
export function scopeList(operation: OperationInfo): string {
  const scopes = new Set(operation.security.flatMap((alternative) => alternative.flatMap(({ scopes: list }) => list)));
  return [...scopes].map((scope) => `\`${scope}\``).join(', ');
}
