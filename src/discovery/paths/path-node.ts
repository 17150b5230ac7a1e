// The learning tree: one node per static segment or parameter position, with what was seen there.
import { classifyInContext, type SegmentKind } from './segment-kind.js';
import { splitSuffix } from './segment-suffix.js';

/** One request that went through a node: replayed when a correction splits a merge. */
export interface Example {
  readonly method: string;
  readonly path: string;
  readonly shape?: string;
}

/** A literal value a parameter absorbed, with a request that used it. */
export interface Member {
  readonly value: string;
  readonly example: Example;
}

export interface PathNode {
  readonly isParam: boolean;
  /** Static: the decoded segment. Parameter: its literal suffix (`.json`), '' for a whole segment. */
  readonly key: string;
  /** Static: the suffix split off the key and the kind of the rest, for grouping siblings. */
  readonly suffix: string;
  readonly kind: SegmentKind;
  statics?: Map<string, PathNode>;
  params?: Map<string, PathNode>;
  /** Requests that ended here; a node with hits or document methods is a template. */
  hits: number;
  methods?: Set<string>;
  /** Shapes of requests through this node (its subtree), and of those that ended here. */
  shapes?: Set<string>;
  ownShapes?: Set<string>;
  example?: Example;
  isKnown: boolean;
  knownName?: string;
  /** Methods the document gives this template; '*' when it gave none. */
  knownMethods?: Set<string>;
  kinds?: Set<SegmentKind>;
  members?: Member[];
  memberValues?: Set<string>;
  moreMembers: boolean;
  /** Values that reached this parameter only because the position was full (see path-learner.ts). */
  overflow: number;
  /** Merged into another node: entries still pointing here are stale. */
  detached: boolean;
}

/** Bounds per node: an attacker choosing shapes or values cannot grow a node without limit. */
export const SHAPE_CAP = 64;
export const MEMBER_CAP = 100;

function blankNode(isParam: boolean, key: string, suffix: string, kind: SegmentKind): PathNode {
  return { isParam, key, suffix, kind, hits: 0, isKnown: false, moreMembers: false, overflow: 0, detached: false };
}

export function createStatic(segment: string, previous: string | undefined, depth: number): PathNode {
  const parts = splitSuffix(segment);
  return blankNode(false, segment, parts.suffix, classifyInContext(parts.base, previous, depth));
}

export function createParam(suffix: string): PathNode {
  return blankNode(true, suffix, suffix, 'literal');
}

export function isSaturated(set: ReadonlySet<string> | undefined): boolean {
  return set !== undefined && set.size >= SHAPE_CAP;
}

function addBounded(set: Set<string> | undefined, value: string): Set<string> | undefined {
  if (set === undefined) return new Set([value]);
  if (!set.has(value) && set.size < SHAPE_CAP) set.add(value);
  return set;
}

/** Records a shape; true when it is new to the node (evidence for merges changed). */
export function addShape(node: PathNode, shape: string, ended: boolean): boolean {
  const before = (node.shapes?.size ?? 0) + (node.ownShapes?.size ?? 0);
  node.shapes = addBounded(node.shapes, shape);
  if (ended) node.ownShapes = addBounded(node.ownShapes, shape);
  return (node.shapes?.size ?? 0) + (node.ownShapes?.size ?? 0) !== before;
}

export function addMember(param: PathNode, value: string, example: Example): void {
  param.memberValues ??= new Set();
  param.members ??= [];
  if (param.memberValues.has(value)) return;
  if (param.members.length >= MEMBER_CAP) {
    param.moreMembers = true;
    return;
  }
  param.memberValues.add(value);
  param.members.push({ value, example });
}

export function removeMember(param: PathNode, value: string): Member | undefined {
  const index = param.members?.findIndex((member) => member.value === value) ?? -1;
  if (index === -1) return undefined;
  param.memberValues?.delete(value);
  return param.members?.splice(index, 1)[0];
}

export function countNodes(node: PathNode): number {
  let count = 1;
  for (const child of children(node)) count += countNodes(child);
  return count;
}

export function* children(node: PathNode): Generator<PathNode> {
  if (node.statics !== undefined) yield* node.statics.values();
  if (node.params !== undefined) yield* node.params.values();
}

/** Every example in a subtree: members' and nodes' own. */
export function collectExamples(node: PathNode, into: Example[] = []): Example[] {
  if (node.example !== undefined) into.push(node.example);
  for (const member of node.members ?? []) into.push(member.example);
  for (const child of children(node)) collectExamples(child, into);
  return into;
}
