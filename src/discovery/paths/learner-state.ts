// The learning tree as plain, stable JSON (sorted keys, no Maps), and back with validation.
import { addMember, createParam, createStatic, SHAPE_CAP, type Example, type PathNode } from './path-node.js';
import type { PathCorrection } from './correction-rules.js';
import { SEGMENT_KINDS, type SegmentKind } from './segment-kind.js';

export const STATE_FORMAT = 'bulwark.path-learner/1';

/** What toJSON() returns and `state` takes: the learned tree, corrections, and the untracked count. */
export interface PathLearnerState {
  readonly format: typeof STATE_FORMAT;
  readonly untracked: number;
  readonly corrections: readonly PathCorrection[];
  readonly root: NodeState;
}

export interface NodeState {
  hits?: number;
  methods?: string[];
  shapes?: string[];
  ownShapes?: string[];
  example?: Example;
  kinds?: SegmentKind[];
  members?: { value: string; example: Example }[];
  moreMembers?: boolean;
  overflow?: number;
  /** Pairs rather than an object: segment values are attacker-chosen (`__proto__`). */
  statics?: [string, NodeState][];
  params?: [string, NodeState][];
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);
const list = <T extends string>(set: ReadonlySet<T> | undefined): T[] | undefined => (set === undefined || set.size === 0 ? undefined : [...set].sort());

function childStates(map: ReadonlyMap<string, PathNode> | undefined): [string, NodeState][] | undefined {
  const pairs: [string, NodeState][] = [];
  for (const [key, child] of map ?? []) {
    const state = nodeToState(child);
    if (state !== undefined) pairs.push([key, state]);
  }
  return pairs.length === 0 ? undefined : pairs.sort(byKey);
}

/**
 * Undefined for a node with nothing learned (document-only nodes come back from the document,
 * not from the state, so a changed document leaves no stale known templates behind).
 */
export function nodeToState(node: PathNode): NodeState | undefined {
  const statics = childStates(node.statics);
  const params = childStates(node.params);
  if (node.hits === 0 && node.example === undefined && statics === undefined && params === undefined) return undefined;
  const state: NodeState = {};
  if (node.hits > 0) state.hits = node.hits;
  state.methods = list(node.methods);
  state.shapes = list(node.shapes);
  state.ownShapes = list(node.ownShapes);
  state.example = node.example;
  state.kinds = list(node.kinds);
  if (node.members !== undefined && node.members.length > 0) state.members = node.members.map((member) => ({ ...member }));
  if (node.moreMembers) state.moreMembers = true;
  if (node.overflow > 0) state.overflow = node.overflow;
  state.statics = statics;
  state.params = params;
  for (const key of Object.keys(state) as (keyof NodeState)[]) if (state[key] === undefined) delete state[key];
  return state;
}

export interface RestoreBudget {
  nodes: number;
  readonly maxNodes: number;
  readonly maxDepth: number;
}

function fail(problem: string): never {
  throw new TypeError(`invalid path learner state: ${problem}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: unknown, field: string, cap = Infinity): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > cap || !value.every((item) => typeof item === 'string')) fail(`${field} must be a list of strings`);
  return value;
}

function count(value: unknown, field: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(`${field} must be a count`);
  return value;
}

function example(value: unknown): Example {
  if (!isRecord(value) || typeof value.method !== 'string' || typeof value.path !== 'string') fail('example needs method and path');
  if (value.shape !== undefined && typeof value.shape !== 'string') fail('example shape must be a string');
  return value.shape === undefined ? { method: value.method, path: value.path } : { method: value.method, path: value.path, shape: value.shape };
}

function pairs(value: unknown, field: string): [string, unknown][] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${field} must be a list of [key, node] pairs`);
  return value.map((pair): [string, unknown] => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') fail(`${field} must be a list of [key, node] pairs`);
    return [pair[0], pair[1]];
  });
}

function fillNode(node: PathNode, value: Record<string, unknown>): void {
  node.hits = count(value.hits, 'hits');
  node.overflow = count(value.overflow, 'overflow');
  const methods = strings(value.methods, 'methods');
  if (methods !== undefined) node.methods = new Set(methods);
  const shapes = strings(value.shapes, 'shapes', SHAPE_CAP);
  if (shapes !== undefined) node.shapes = new Set(shapes);
  const ownShapes = strings(value.ownShapes, 'ownShapes', SHAPE_CAP);
  if (ownShapes !== undefined) node.ownShapes = new Set(ownShapes);
  if (value.example !== undefined) node.example = example(value.example);
  const kinds = strings(value.kinds, 'kinds');
  if (kinds?.some((kind) => !(SEGMENT_KINDS as readonly string[]).includes(kind)) === true) fail('unknown segment kind');
  if (kinds !== undefined) node.kinds = new Set(kinds as SegmentKind[]);
  if (value.members !== undefined && !Array.isArray(value.members)) fail('members must be a list');
  for (const member of (value.members ?? []) as unknown[]) {
    if (!isRecord(member) || typeof member.value !== 'string') fail('member needs a value');
    addMember(node, member.value, example(member.example));
  }
  node.moreMembers = value.moreMembers === true || node.moreMembers;
}

/** Rebuilds a node and its subtree; throws a TypeError on anything malformed or over the bounds. */
export function nodeFromState(value: unknown, node: PathNode, depth: number, budget: RestoreBudget): PathNode {
  if (!isRecord(value)) fail('a node must be an object');
  if (depth > budget.maxDepth) fail('deeper than maxSegments');
  if (++budget.nodes > budget.maxNodes) fail('more nodes than maxNodes');
  fillNode(node, value);
  for (const [key, child] of pairs(value.statics, 'statics')) {
    if (key === '') fail('a static segment is empty');
    const previous = node.isParam || depth === 0 ? undefined : node.key;
    (node.statics ??= new Map()).set(key, nodeFromState(child, createStatic(key, previous, depth), depth + 1, budget));
  }
  for (const [key, child] of pairs(value.params, 'params')) {
    (node.params ??= new Map()).set(key, nodeFromState(child, createParam(key), depth + 1, budget));
  }
  return node;
}

/** Restores the tree into `root`; returns the untracked count. Corrections are the caller's to replay. */
export function restoreState(state: PathLearnerState, root: PathNode, bounds: { maxNodes: number; maxDepth: number }): number {
  const value: unknown = state;
  if (!isRecord(value) || value.format !== STATE_FORMAT) fail(`format must be ${STATE_FORMAT}`);
  if (!Array.isArray(value.corrections)) fail('corrections must be a list');
  nodeFromState(value.root, root, 0, { nodes: 0, ...bounds });
  return count(value.untracked, 'untracked');
}
