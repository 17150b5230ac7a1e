// User corrections to learned templates, kept as a small tree of rules beside the learning tree.
import { parseTemplate, type TemplatePart } from './template-pattern.js';

/**
 * - `split`: the parameter's position stays literal; merged members come back as their own templates.
 * - `merge`: the position is a parameter whatever its values look like (the name given is kept).
 * - `literal`: this one value is an endpoint, never a parameter value (`/users/me`).
 * - `rename`: the parameter's name.
 * `param` picks a parameter of `template` by its current name; without it, the last one.
 */
export type PathCorrection =
  | { readonly action: 'split'; readonly template: string; readonly param?: string }
  | { readonly action: 'merge'; readonly template: string; readonly param?: string }
  | { readonly action: 'literal'; readonly template: string }
  | { readonly action: 'rename'; readonly template: string; readonly param?: string; readonly name: string };

/** The rules of one position (a node of the learning tree), reached by the same steps. */
export interface PositionRule {
  isPinned: boolean;
  /** Suffixes ('' = whole segment) forced to a parameter. */
  readonly forced: Set<string>;
  readonly literals: Set<string>;
  /** Suffix → parameter name. */
  readonly renames: Map<string, string>;
  readonly children: Map<string, PositionRule>;
}

export function createRule(): PositionRule {
  return { isPinned: false, forced: new Set(), literals: new Set(), renames: new Map(), children: new Map() };
}

export function childRule(rule: PositionRule | undefined, isParam: boolean, key: string): PositionRule | undefined {
  return rule?.children.get(isParam ? `p:${key}` : `s:${key}`);
}

/** Where a correction applies: the steps to the position, and the segment it is about. */
export interface CorrectionTarget {
  readonly prefix: readonly TemplatePart[];
  readonly part: TemplatePart;
}

const ACTIONS: ReadonlySet<string> = new Set(['split', 'merge', 'literal', 'rename']);
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Throws a TypeError for a correction that names no position (a caller's bug: validate input first). */
export function locateCorrection(correction: PathCorrection): CorrectionTarget {
  if (!ACTIONS.has(correction.action) || typeof correction.template !== 'string') {
    throw new TypeError(`a correction needs an action (${[...ACTIONS].join(', ')}) and a template`);
  }
  const parts = parseTemplate(correction.template);
  if (correction.action === 'literal') {
    const last = parts.at(-1);
    if (last?.type !== 'static') throw new TypeError(`literal correction needs a template ending in a literal: ${correction.template}`);
    return { prefix: parts.slice(0, -1), part: last };
  }
  if (correction.action === 'rename' && !NAME.test(correction.name)) {
    throw new TypeError(`parameter name must match ${String(NAME)}: ${correction.name}`);
  }
  let index = -1;
  parts.forEach((part, at) => {
    if (part.type === 'param' && (correction.param === undefined || part.name === correction.param)) index = at;
  });
  const part = parts[index];
  if (part === undefined) throw new TypeError(`no parameter ${correction.param ?? ''} in ${correction.template}`);
  return { prefix: parts.slice(0, index), part };
}

/** Adds the correction's rule and returns where it applies. */
export function addRule(root: PositionRule, correction: PathCorrection): CorrectionTarget {
  const target = locateCorrection(correction);
  let rule = root;
  for (const part of target.prefix) {
    const key = part.type === 'param' ? `p:${part.suffix}` : `s:${part.value}`;
    let next = rule.children.get(key);
    if (next === undefined) rule.children.set(key, (next = createRule()));
    rule = next;
  }
  const { part } = target;
  if (part.type === 'static') {
    rule.literals.add(part.value);
  } else if (correction.action === 'split') {
    rule.isPinned = true;
    rule.forced.delete(part.suffix);
  } else if (correction.action === 'merge') {
    rule.isPinned = false;
    rule.forced.add(part.suffix);
    if (NAME.test(part.name)) rule.renames.set(part.suffix, part.name);
  } else if (correction.action === 'rename') {
    rule.renames.set(part.suffix, correction.name);
  }
  return target;
}
