// Document templates (OpenAPI paths) in the learning tree, and matching a path against them first.
import { childRule, type PositionRule } from './correction-rules.js';
import { ensureParam } from './merge-policy.js';
import { createStatic, type PathNode } from './path-node.js';
import { classifyInContext } from './segment-kind.js';
import { parseTemplate } from './template-pattern.js';
import type { Step } from './learn-walk.js';

export interface KnownTemplate {
  /** Absent: every method. */
  readonly method?: string;
  readonly template: string;
}

/** Marks the template's nodes known, creating those missing. */
export function insertKnown(root: PathNode, known: KnownTemplate): void {
  let node = root;
  let previous: string | undefined;
  parseTemplate(known.template).forEach((part, depth) => {
    if (part.type === 'static') {
      const child = node.statics?.get(part.value) ?? createStatic(part.value, previous, depth);
      (node.statics ??= new Map()).set(part.value, child);
      node = child;
      previous = part.value;
    } else {
      node = ensureParam(node, part.suffix);
      node.knownName = part.name;
      previous = undefined;
    }
    node.isKnown = true;
  });
  root.isKnown = true;
  node.knownMethods ??= new Set();
  node.knownMethods.add(known.method === undefined ? '*' : known.method.toUpperCase());
}

/** Document trees are small, but static-or-parameter at every depth is exponential: bound the search. */
const MAX_VISITS = 256;

interface Search {
  readonly segments: readonly string[];
  readonly steps: Step[];
  visits: number;
}

/** Static segments first, then parameters with the longest suffix first, backtracking on a dead end. */
function descend(search: Search, step: Step, index: number): boolean {
  if (++search.visits > MAX_VISITS) return false;
  search.steps.push(step);
  const { segments } = search;
  if (index === segments.length) {
    if (step.node.knownMethods !== undefined) return true;
    search.steps.pop();
    return false;
  }
  const segment = segments[index]!;
  const fixed = step.node.statics?.get(segment);
  if (fixed?.isKnown === true && descend(search, { node: fixed, rule: childRule(step.rule, false, segment) }, index + 1)) return true;
  const params = [...step.node.params?.values() ?? []].filter((param) => param.isKnown).sort((a, b) => b.key.length - a.key.length);
  for (const param of params) {
    if (segment.length <= param.key.length || !segment.endsWith(param.key)) continue;
    const value = segment.slice(0, segment.length - param.key.length);
    const kind = classifyInContext(value, segments[index - 1], index);
    if (descend(search, { node: param, rule: childRule(step.rule, true, param.key), value, kind }, index + 1)) return true;
  }
  search.steps.pop();
  return false;
}

export function matchKnown(root: PathNode, rules: PositionRule, segments: readonly string[]): Step[] | undefined {
  if (!root.isKnown) return undefined;
  const search: Search = { segments, steps: [], visits: 0 };
  return descend(search, { node: root, rule: rules }, 0) ? search.steps : undefined;
}
