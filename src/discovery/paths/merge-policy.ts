// When sibling literals become one parameter, and when a value joins an existing parameter.
import { childRule, type PositionRule } from './correction-rules.js';
import { addMember, createParam, isSaturated, type PathNode } from './path-node.js';
import { isIdShape, type SegmentKind } from './segment-kind.js';
import { splitSuffix } from './segment-suffix.js';
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

/** What one request says about a value: its shape, whether it ended here, its method, and the segment after it. */
export interface Evidence {
  readonly shape: string | undefined;
  readonly ended: boolean;
  readonly method?: string;
  readonly next?: string;
}

const within = (shape: string, set: ReadonlySet<string> | undefined): boolean => set?.has(shape) === true;

/** Kinds of names rather than machine ids: a parameter that held one takes names. */
const NAME_KINDS: readonly SegmentKind[] = ['literal', 'word', 'mixed', 'opaque', 'email'];

/**
 * The parameter has held a name (`octocat`, `release-notes-2024`), not only machine ids. A word
 * joins only such a parameter: `/releases/latest` stays an endpoint beside `/releases/{id}`
 * however alike their answers are, while `hello-world` joins the repositories.
 */
function holdsNames(param: PathNode): boolean {
  return NAME_KINDS.some((kind) => param.kinds?.has(kind) === true);
}

/**
 * A new value at a position that has a parameter. Ids always join. A shapeless literal joins unless
 * its response shape contradicts the parameter's (`/users/whoami` answering a session where
 * `/users/{user}` answers users). A dictionary word joins only a parameter that holds names, and
 * only on positive evidence: where the path ends, a method and an answer the parameter's values
 * gave (or no answer, for a failed request), so `POST /user/createWithList` stays an endpoint
 * beside `GET /user/{username}`; where it goes on, a next segment the values already lead to
 * (`/repos/{owner}/hello-world/pulls` beside `/repos/{owner}/{repo}/pulls`), so
 * `/pulls/comments/{id}` does not become a pull request. Versions (near the root) never join.
 */
export function joinsParam(param: PathNode, rule: PositionRule | undefined, kind: SegmentKind, evidence: Evidence): boolean {
  if (rule?.forced.has(param.key) === true) return true;
  if (rule?.isPinned === true || kind === 'version') return false;
  if (isIdShape(kind)) return true;
  const { shape, ended } = evidence;
  if (kind === 'word') {
    if (!holdsNames(param)) return false;
    if (ended) {
      const isKnownMethod = evidence.method === undefined || param.methods?.has(evidence.method) === true;
      return isKnownMethod && (shape === undefined || within(shape, param.ownShapes));
    }
    return leadsOn(param, evidence.next) && (shape === undefined || within(shape, param.shapes));
  }
  return shape === undefined || !ended || !contradicts(shape, param.ownShapes);
}

/** The learner prefixes shapes with the method (`GET application/json|{}`); '' for a shape without one. */
const methodOf = (shape: string): string => shape.slice(0, Math.max(0, shape.indexOf(' ')));

/**
 * The values of a parameter answered this method otherwise: a contradiction. A method they were
 * never called with contradicts nothing (the first PATCH of a value), and a saturated set proves
 * nothing.
 */
function contradicts(shape: string, own: ReadonlySet<string> | undefined): boolean {
  if (own === undefined || own.has(shape) || isSaturated(own)) return false;
  const method = methodOf(shape);
  for (const other of own) if (methodOf(other) === method) return true;
  return false;
}

/** The parameter's values went on to this next segment: a static child, or a child parameter's value. */
function leadsOn(param: PathNode, next: string | undefined): boolean {
  if (next === undefined) return false;
  if (param.statics?.has(next) === true) return true;
  const { suffix } = splitSuffix(next);
  return param.params?.has(suffix) === true || (suffix.startsWith('.') && param.params?.has('') === true);
}

function isSubset(inner: ReadonlySet<string> | undefined, outer: ReadonlySet<string> | undefined): boolean {
  if (inner === undefined) return true;
  for (const item of inner) if (outer?.has(item) !== true) return false;
  return true;
}

/** Where a node's paths go next: its static children's keys, `{}` plus the suffix for its parameters. */
function continuations(node: PathNode): Set<string> {
  const keys = new Set(node.statics?.keys());
  for (const suffix of node.params?.keys() ?? []) keys.add(`{}${suffix}`);
  return keys;
}

function sharesContinuation(child: PathNode, param: PathNode): boolean {
  const own = continuations(param);
  for (const key of continuations(child)) if (own.has(key)) return true;
  return false;
}

/** The whole-node version of joinsParam, for a sibling that is already a static child. */
function childJoins(child: PathNode, param: PathNode): boolean {
  if (child.kind === 'word') {
    if (!holdsNames(param)) return false;
    const hasChildren = (child.statics?.size ?? 0) + (child.params?.size ?? 0) > 0;
    if (hasChildren && !sharesContinuation(child, param)) return false;
    return isSubset(child.shapes, param.shapes) && isSubset(child.ownShapes, param.ownShapes) && isSubset(child.methods, param.methods);
  }
  if (child.kind !== 'literal') return false;
  for (const shape of child.ownShapes ?? []) if (contradicts(shape, param.ownShapes)) return false;
  return true;
}

/** Static children that may merge into a parameter with this suffix. */
function candidates(node: PathNode, rule: PositionRule | undefined, suffix: string): PathNode[] {
  const found: PathNode[] = [];
  for (const child of node.statics?.values() ?? []) {
    // A whole-segment parameter also takes values with a file extension (`octokit.js`).
    const fits = child.suffix === suffix || (suffix === '' && child.suffix.startsWith('.'));
    if (!fits || child.isKnown || rule?.literals.has(child.key) === true) continue;
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
  const value = child.key.slice(0, child.key.length - param.suffix.length);
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
 * `{file}.json` beside `{file}.yaml`, or `{id}.json` beside `{id}`: one resource whose values
 * carry their extension, so one whole-segment parameter. Returns it when anything folded.
 */
function foldExtensions(node: PathNode, context: MergeContext): PathNode | undefined {
  const dotted = [...node.params?.values() ?? []].filter((param) => param.suffix.startsWith('.'));
  if (dotted.length === 0 || (dotted.length === 1 && node.params?.has('') !== true)) return undefined;
  const whole = node.params?.get('') ?? newParam(node, '', context);
  for (const param of dotted) {
    node.params?.delete(param.key);
    const members = param.members ?? [];
    param.members = undefined;
    param.memberValues = undefined;
    for (const member of members) addMember(whole, `${member.value}${param.suffix}`, member.example);
    context.nodeDelta -= mergeNode(whole, param);
  }
  context.merged = true;
  context.changed = true;
  return whole;
}

/**
 * Re-examines the static children with this suffix: merges a group of literals with enough
 * evidence into a parameter, then lets siblings the parameter now explains join it. Returns the
 * parameter when anything merged (the caller consolidates its subtree).
 */
export function considerMerge(node: PathNode, rule: PositionRule | undefined, suffix: string, context: MergeContext): PathNode | undefined {
  if (rule?.isPinned === true) return undefined;
  const isExtension = suffix.startsWith('.');
  const folded = suffix === '' || isExtension ? foldExtensions(node, context) : undefined;
  // A file name with an extension no parameter has is a candidate for the whole-segment one.
  if (folded !== undefined || (isExtension && node.params?.has(suffix) !== true && node.params?.has('') === true)) suffix = '';
  const siblings = candidates(node, rule, suffix);
  if (siblings.length === 0) return folded;
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
  return absorbed > 0 ? param : folded;
}

/** After a merge, siblings from different members meet under the parameter: look again, all the way down. */
export function consolidate(node: PathNode, rule: PositionRule | undefined, context: MergeContext): void {
  const suffixes = new Set<string>();
  for (const child of node.statics?.values() ?? []) suffixes.add(child.suffix);
  for (const suffix of node.params?.keys() ?? []) if (suffix.startsWith('.')) suffixes.add(suffix);
  for (const suffix of suffixes) considerMerge(node, rule, suffix, context);
  const next = [...node.statics?.values() ?? [], ...node.params?.values() ?? []];
  for (const child of next) consolidate(child, childRule(rule, child.isParam, child.key), context);
}
