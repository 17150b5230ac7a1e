// Walks a path down the learning tree, creating nodes where it learns and parameters where it must.
import { childRule, type PositionRule } from './correction-rules.js';
import { absorb, consolidate, considerMerge, ensureParam, joinsParam, type MergeContext } from './merge-policy.js';
import { addShape, createStatic, type Example, type PathNode } from './path-node.js';
import { classifyInContext, isIdShape, type SegmentKind } from './segment-kind.js';
import { splitSuffix, type SegmentParts } from './segment-suffix.js';

/** One position of a matched path; parameters carry the value and its kind. */
export interface Step {
  readonly node: PathNode;
  readonly rule: PositionRule | undefined;
  readonly value?: string;
  readonly kind?: SegmentKind;
}

export interface TreeEnv extends MergeContext {
  readonly root: PathNode;
  readonly rules: PositionRule;
  readonly maxLiteralChildren: number;
  readonly maxNodes: number;
  nodeCount: number;
}

export interface LearnRequest {
  readonly segments: readonly string[];
  readonly shape: string | undefined;
  readonly example: Example;
}

/** A static child of `node` (with this suffix) changed: its siblings may now merge. */
export interface Dirty {
  readonly node: PathNode;
  readonly rule: PositionRule | undefined;
  readonly suffix: string;
  readonly depth: number;
}

function paramStep(param: PathNode, parent: Step, parts: SegmentParts, kind: SegmentKind): Step {
  return { node: param, rule: childRule(parent.rule, true, parts.suffix), value: parts.base, kind };
}

function newParam(env: TreeEnv, node: PathNode, suffix: string, example: Example): PathNode | undefined {
  const existing = node.params?.get(suffix);
  if (existing !== undefined) return existing;
  if (env.nodeCount >= env.maxNodes) return undefined;
  const param = ensureParam(node, suffix);
  param.example = example;
  env.nodeCount++;
  env.changed = true;
  return param;
}

/**
 * The position is full (maxLiteralChildren statics): its shapeless literals collapse into the
 * parameter and every new value joins it, counted as overflow. A flood of random names costs one
 * node. Under a `split` correction nothing collapses: the request is not recorded.
 */
function overflowStep(env: TreeEnv, parent: Step, parts: SegmentParts, kind: SegmentKind, example: Example): Step | undefined {
  if (parent.rule?.isPinned === true) return undefined;
  const param = newParam(env, parent.node, parts.suffix, example);
  if (param === undefined) return undefined;
  for (const child of parent.node.statics?.values() ?? []) { // deleting while iterating a Map is safe
    const pinned = parent.rule?.literals.has(child.key) === true;
    if (child.suffix === parts.suffix && child.kind === 'literal' && !child.isKnown && !pinned) absorb(parent.node, param, child, env);
  }
  param.overflow++;
  return paramStep(param, parent, parts, kind);
}

/**
 * The parameter a segment may fall under: the one for its suffix, or, for a file extension no
 * parameter has, the whole-segment one (`octokit.js` under `/repos/{owner}/{repo}`), the
 * extension then part of the value.
 */
function paramFor(node: PathNode, segment: string, parts: SegmentParts): { param: PathNode | undefined; parts: SegmentParts } {
  const param = node.params?.get(parts.suffix);
  if (param !== undefined || !parts.suffix.startsWith('.')) return { param, parts };
  const whole = node.params?.get('');
  return whole === undefined ? { param, parts } : { param: whole, parts: { base: segment, suffix: '' } };
}

function learnStep(env: TreeEnv, parent: Step, index: number, request: LearnRequest, dirty: Dirty[]): Step | undefined {
  const { segments, shape, example } = request;
  const segment = segments[index]!;
  const { node, rule } = parent;
  const existing = node.statics?.get(segment);
  if (existing !== undefined) return { node: existing, rule: childRule(rule, false, segment) };
  const previous = index === 0 || node.isParam ? undefined : node.key;
  const split = splitSuffix(segment);
  if (rule?.literals.has(segment) !== true) {
    const { param, parts } = paramFor(node, segment, split);
    const kind = classifyInContext(parts.base, previous, index);
    const evidence = { shape, ended: index === segments.length - 1, method: example.method, next: segments[index + 1] };
    if (param !== undefined && joinsParam(param, rule, kind, evidence)) return paramStep(param, parent, parts, kind);
    const forced = rule?.forced.has(parts.suffix) === true;
    if (param === undefined && (forced || (isIdShape(kind) && rule?.isPinned !== true))) {
      const created = newParam(env, node, parts.suffix, example);
      if (created === undefined) return undefined;
      // Known before the merges of this request run: what a parameter holds decides which words join it.
      (created.kinds ??= new Set()).add(kind);
      // A new parameter beside one with another extension: the two may fold into one.
      if ((node.params?.size ?? 0) > 1) dirty.push({ node, rule, suffix: parts.suffix, depth: index });
      return paramStep(created, parent, parts, kind);
    }
  }
  const kind = classifyInContext(split.base, previous, index);
  if ((node.statics?.size ?? 0) >= env.maxLiteralChildren) return overflowStep(env, parent, split, kind, example);
  if (env.nodeCount >= env.maxNodes) return undefined;
  const child = createStatic(segment, previous, index);
  child.example = example;
  (node.statics ??= new Map()).set(segment, child);
  env.nodeCount++;
  env.changed = true;
  dirty.push({ node, rule, suffix: split.suffix, depth: index });
  return { node: child, rule: childRule(rule, false, segment) };
}

/** Learning walk: undefined when a bound stopped it (the request is then not recorded). */
export function walkLearn(env: TreeEnv, request: LearnRequest, dirty: Dirty[]): Step[] | undefined {
  const steps: Step[] = [{ node: env.root, rule: env.rules }];
  for (let index = 0; index < request.segments.length; index++) {
    const next = learnStep(env, steps[index]!, index, request, dirty);
    if (next === undefined) return undefined;
    steps.push(next);
  }
  return steps;
}

/** Read-only walk: statics first, then the parameter for the segment's suffix. */
export function walkResolve(env: TreeEnv, segments: readonly string[]): Step[] | undefined {
  const steps: Step[] = [{ node: env.root, rule: env.rules }];
  for (let index = 0; index < segments.length; index++) {
    const parent = steps[index]!;
    const segment = segments[index]!;
    const existing = parent.node.statics?.get(segment);
    if (existing !== undefined) {
      steps.push({ node: existing, rule: childRule(parent.rule, false, segment) });
      continue;
    }
    const { param, parts } = paramFor(parent.node, segment, splitSuffix(segment));
    if (param === undefined) return undefined;
    const previous = index === 0 || parent.node.isParam ? undefined : parent.node.key;
    steps.push(paramStep(param, parent, parts, classifyInContext(parts.base, previous, index)));
  }
  return steps;
}

/** Adds the request's shape along the path; a child whose evidence changed marks its parent. */
export function recordShapes(steps: readonly Step[], shape: string | undefined, dirty: Dirty[]): void {
  if (shape === undefined) return;
  for (let index = 1; index < steps.length; index++) {
    const step = steps[index]!;
    const isNew = addShape(step.node, shape, index === steps.length - 1);
    const parent = steps[index - 1]!;
    if (isNew) dirty.push({ node: parent.node, rule: parent.rule, suffix: step.node.suffix, depth: index - 1 });
  }
  // The root is never a sibling nor a parameter: its shapes would be evidence for nothing.
}

/** Deepest first, so a node is examined before a merge above moves it under a parameter. */
export function processMerges(env: TreeEnv, dirty: Dirty[]): void {
  dirty.sort((a, b) => b.depth - a.depth);
  for (const entry of dirty) {
    if (entry.node.detached) continue;
    const param = considerMerge(entry.node, entry.rule, entry.suffix, env);
    if (param !== undefined) consolidate(param, childRule(entry.rule, true, entry.suffix), env);
  }
}
