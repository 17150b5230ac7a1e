// When sibling literals become one parameter, and when a value joins an existing parameter.
import { childRule, type PositionRule } from './correction-rules.js';
import { addMember, createParam, isSaturated, type PathNode } from './path-node.js';
import { isIdShape, type SegmentKind } from './segment-kind.js';
import { mergeNode } from './tree-merge.js';

export interface MergeContext {
  /** Distinct literal siblings sharing a shape before they merge. */
  readonly minDistinct: number;
  /** The same when the caller gives no shapes: count is the only evidence, so it asks for more. */
  readonly minDistinctUnshaped: number;
  /** Nodes created minus nodes merged away, for the learner's node count. */
  nodeDelta: number;
  /** Nodes moved: a path walked before may lead elsewhere now. */
  merged: boolean;
  /** The tree changed shape: cached results and rendered templates are stale. */
  changed: boolean;
}

/** What one request says about a value: its shape, and whether it ended at this segment. */
export interface Evidence {
  readonly shape: string | undefined;
  readonly ended: boolean;
}

const within = (shape: string, set: ReadonlySet<string> | undefined): boolean => set?.has(shape) === true;

/**
 * A new value at a position that has a parameter. Ids always join. A shapeless literal joins unless
 * its response shape contradicts the parameter's (`/users/whoami` answering a session where
 * `/users/{user}` answers users). A dictionary word joins only on positive evidence, the same shape
 * as the parameter's values: `/users/search` stays an endpoint, a user named `hello` does not.
 * Versions never join.
 */
export function joinsParam(param: PathNode, rule: PositionRule | undefined, kind: SegmentKind, evidence: Evidence): boolean {
  if (rule?.forced.has(param.key) === true) return true;
  if (rule?.isPinned === true || kind === 'version') return false;
  if (isIdShape(kind)) return true;
  const { shape, ended } = evidence;
  if (kind === 'word') return shape !== undefined && within(shape, ended ? param.ownShapes : param.shapes);
  if (shape === undefined || !ended || param.ownShapes === undefined || isSaturated(param.ownShapes)) return true;
  return param.ownShapes.has(shape);
}

function isSubset(inner: ReadonlySet<string> | undefined, outer: ReadonlySet<string> | undefined): boolean {
  if (inner === undefined) return true;
  for (const item of inner) if (outer?.has(item) !== true) return false;
  return true;
}

/** The whole-node version of joinsParam, for a sibling that is already a static child. */
function childJoins(child: PathNode, param: PathNode): boolean {
  if (child.kind === 'word') {
    return child.shapes !== undefined && isSubset(child.shapes, param.shapes) && isSubset(child.ownShapes, param.ownShapes);
  }
  if (child.kind !== 'literal') return false;
  return param.ownShapes === undefined || isSaturated(param.ownShapes) || isSubset(child.ownShapes, param.ownShapes);
}

/** Static children that may merge into a parameter with this suffix. */
function candidates(node: PathNode, rule: PositionRule | undefined, suffix: string): PathNode[] {
  const found: PathNode[] = [];
  for (const child of node.statics?.values() ?? []) {
    if (child.suffix !== suffix || child.isKnown || rule?.literals.has(child.key) === true) continue;
    found.push(child);
  }
  return found;
}

/**
 * Literals grouped by every shape seen under them (or '' when none): the largest group over its
 * threshold is the evidence that the position holds values, not names.
 */
function evidenceGroup(literals: readonly PathNode[], context: MergeContext): PathNode[] | undefined {
  const groups = new Map<string, PathNode[]>();
  for (const child of literals) {
    for (const shape of child.shapes ?? ['']) {
      let group = groups.get(shape);
      if (group === undefined) groups.set(shape, (group = []));
      group.push(child);
    }
  }
  let best: PathNode[] | undefined;
  for (const [shape, group] of groups) {
    const needed = shape === '' ? context.minDistinctUnshaped : context.minDistinct;
    if (group.length >= needed && group.length > (best?.length ?? 0)) best = group;
  }
  return best;
}

/** Moves a static child into the parameter: its value becomes a member, its subtree merges. */
export function absorb(node: PathNode, param: PathNode, child: PathNode, context: MergeContext): void {
  node.statics?.delete(child.key);
  const value = child.key.slice(0, child.key.length - child.suffix.length);
  if (child.example !== undefined) addMember(param, value, child.example);
  (param.kinds ??= new Set()).add(child.kind);
  context.nodeDelta -= mergeNode(param, child);
  context.merged = true;
  context.changed = true;
}

export function ensureParam(node: PathNode, suffix: string): PathNode {
  node.params ??= new Map();
  let param = node.params.get(suffix);
  if (param === undefined) node.params.set(suffix, (param = createParam(suffix)));
  return param;
}

function newParam(node: PathNode, suffix: string, context: MergeContext): PathNode {
  context.nodeDelta++;
  return ensureParam(node, suffix);
}

/**
 * Re-examines the static children with this suffix: merges a group of literals with enough
 * evidence into a parameter, then lets siblings the parameter now explains join it. Returns the
 * parameter when anything merged (the caller consolidates its subtree).
 */
export function considerMerge(node: PathNode, rule: PositionRule | undefined, suffix: string, context: MergeContext): PathNode | undefined {
  if (rule?.isPinned === true) return undefined;
  const siblings = candidates(node, rule, suffix);
  if (siblings.length === 0) return undefined;
  let param = node.params?.get(suffix);
  let absorbed = 0;
  if (rule?.forced.has(suffix) === true) {
    param ??= newParam(node, suffix, context);
    for (const child of siblings) absorb(node, param, child, context);
    return param;
  }
  if (param === undefined) {
    const group = evidenceGroup(siblings.filter((child) => child.kind === 'literal'), context);
    if (group === undefined) return undefined;
    param = newParam(node, suffix, context);
    for (const child of group) absorb(node, param, child, context);
    absorbed = group.length;
  }
  for (const child of siblings) {
    if (!child.detached && childJoins(child, param)) {
      absorb(node, param, child, context);
      absorbed++;
    }
  }
  return absorbed > 0 ? param : undefined;
}

/** After a merge, siblings from different members meet under the parameter: look again, all the way down. */
export function consolidate(node: PathNode, rule: PositionRule | undefined, context: MergeContext): void {
  const suffixes = new Set<string>();
  for (const child of node.statics?.values() ?? []) suffixes.add(child.suffix);
  for (const suffix of suffixes) considerMerge(node, rule, suffix, context);
  const next = [...node.statics?.values() ?? [], ...node.params?.values() ?? []];
  for (const child of next) consolidate(child, childRule(rule, child.isParam, child.key), context);
}
