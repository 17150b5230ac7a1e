// Names parameters after the singular of the literal before them: `/users/{user}`, `/repos/{owner}/{repo}`.
import pluralize from 'pluralize';
import { classifySegment, isIdShape } from './segment-kind.js';
import { splitSuffix } from './segment-suffix.js';
import { compoundParts } from './word-list.js';

export const FALLBACK_NAME = 'id';

/** pluralize's Latin singulars read oddly as parameter names (`{datum}`); these keep the plural. */
const KEEP_PLURAL: ReadonlySet<string> = new Set(['data', 'metadata', 'media', 'news', 'series']);
const NAMELESS: ReadonlySet<string> = new Set(['api', 'apis', 'rest']);

/** The name a literal gives the parameter after it, or undefined for versions, `api` and ids. */
export function nameFromLiteral(literal: string): string | undefined {
  if (NAMELESS.has(literal.toLowerCase())) return undefined;
  const kind = classifySegment(literal);
  if (kind === 'version' || isIdShape(kind)) return undefined;
  const words = (compoundParts(splitSuffix(literal).base) ?? [literal])
    .map((word) => word.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((word) => word !== '');
  const last = words.pop();
  if (last === undefined) return undefined;
  words.push(KEEP_PLURAL.has(last) ? last : pluralize.singular(last));
  const name = words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  return /^[a-z]/.test(name) ? name.slice(0, 40) : undefined;
}

export type NamingPart = { readonly type: 'static'; readonly value: string } | { readonly type: 'param'; readonly fixed?: string };

/**
 * One name per parameter, in order. A run of adjacent parameters after a literal is an item in a
 * namespace (GitHub's `/repos/{owner}/{repo}`, GitLab's groups, npm scopes): the last takes the
 * literal's singular, those before it `owner`. Values are not always ids (`octocat`), so the name
 * has no `Id` ending, as in Stripe's `/v1/customers/{customer}`. Fixed names (from the document or
 * a rename) are kept; clashes get `2`, `3`... on the derived names.
 */
export function assignParamNames(parts: readonly NamingPart[]): string[] {
  const derived: string[] = [];
  let base: string | undefined;
  let run = 0;
  const flush = (): void => {
    for (let index = 0; index < run; index++) derived.push(index === run - 1 ? base ?? FALLBACK_NAME : base === undefined ? FALLBACK_NAME : 'owner');
    run = 0;
  };
  for (const part of parts) {
    if (part.type === 'param') {
      run++;
      continue;
    }
    flush();
    base = nameFromLiteral(part.value);
  }
  flush();
  const params = parts.filter((part) => part.type === 'param');
  const used = new Set<string>();
  const fixed = params.map((part) => (part.fixed === undefined ? undefined : unique(part.fixed, used)));
  return params.map((_, index) => fixed[index] ?? unique(derived[index] ?? FALLBACK_NAME, used));
}

function unique(name: string, used: Set<string>): string {
  let candidate = name;
  for (let counter = 2; used.has(candidate); counter++) candidate = `${name}${counter}`;
  used.add(candidate);
  return candidate;
}
