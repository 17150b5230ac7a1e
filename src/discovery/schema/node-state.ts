// Persisted form of learned nodes (plain JSON, for the inventory store) and its checked restoration:
// a stored state is read like input, since a corrupt one must not build an unbounded or inconsistent tree.
import type { ScalarValue } from './json-schema.js';
import { createNode, createObjectStats } from './learner-node.js';
import type { LearnerContext, LearnerNode } from './learner-node.js';
import { stringStatsFromState, stringStatsToState } from './string-stats.js';
import type { StringStatsState } from './string-stats.js';
import { invalidState, readCount, readFinite, readRecord, readScalar, readStringStatsState } from './state-checks.js';

const TYPE_KEYS = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'] as const;
type TypeKey = (typeof TYPE_KEYS)[number];
const COUNT_FIELDS = { null: 'nullCount', boolean: 'booleanCount', integer: 'integerCount', number: 'numberCount', string: 'stringCount', array: 'arrayCount', object: 'objectCount' } as const;

export interface NodeState {
  count: number;
  /** Values seen per JSON type ("number": not integers); zero counts are left out. */
  types: Partial<Record<TypeKey, number>>;
  sensitive?: true;
  minimum?: number;
  maximum?: number;
  example?: ScalarValue;
  strings?: StringStatsState;
  array?: { minItems: number; maxItems: number; items?: NodeState; untrackedItems?: true };
  /** Properties as [key, objects that had it, node], in first-seen order. */
  object?: { properties: [string, number, NodeState][]; mapValues?: NodeState; idLikeKeys: number; untrackedKeys?: true; opaque?: true };
}

export function nodeToState(node: LearnerNode): NodeState {
  const types: Partial<Record<TypeKey, number>> = {};
  for (const key of TYPE_KEYS) if (node[COUNT_FIELDS[key]] > 0) types[key] = node[COUNT_FIELDS[key]];
  const state: NodeState = { count: node.count, types };
  if (node.isSensitive) state.sensitive = true;
  if (Number.isFinite(node.minimum)) Object.assign(state, { minimum: node.minimum, maximum: node.maximum });
  if (node.example !== undefined) state.example = node.example;
  if (node.strings !== undefined) state.strings = stringStatsToState(node.strings);
  const array = node.array;
  if (array !== undefined) {
    state.array = { minItems: array.minItems, maxItems: array.maxItems };
    if (array.items !== undefined) state.array.items = nodeToState(array.items);
    if (array.hasUntrackedItems) state.array.untrackedItems = true;
  }
  const object = node.object;
  if (object !== undefined) {
    const properties = [...object.properties].map(([key, slot]): [string, number, NodeState] => [key, slot.seen, nodeToState(slot.node)]);
    state.object = { properties, idLikeKeys: object.idLikeKeys };
    if (object.mapValues !== undefined) state.object.mapValues = nodeToState(object.mapValues);
    if (object.hasUntrackedKeys) state.object.untrackedKeys = true;
    if (object.isOpaque) state.object.opaque = true;
  }
  return state;
}

/** Rebuilds a node from untrusted state; throws a TypeError naming the first inconsistency. */
export function nodeFromState(context: LearnerContext, parent: LearnerNode | undefined, name: string, value: unknown): LearnerNode {
  const state = readRecord(value, name);
  const node = createNode(context, parent, name, state.sensitive === true);
  if (node === undefined) throw invalidState('has more locations than maxNodes', name);
  if (node.depth > context.limits.maxDepth) throw invalidState('is deeper than maxDepth', node.pointer);
  node.count = readCount(state.count, node.pointer);
  const types = readRecord(state.types, node.pointer);
  let total = 0;
  for (const key of TYPE_KEYS) total += node[COUNT_FIELDS[key]] = readCount(types[key] ?? 0, node.pointer);
  if (total !== node.count) throw invalidState('has type counts that do not add up to its count', node.pointer);
  // Sensitive locations have no bounds; others have both once they saw a number.
  if ((state.minimum !== undefined || state.maximum !== undefined) && !node.isSensitive && node.integerCount + node.numberCount > 0) {
    node.minimum = readFinite(state.minimum, node.pointer);
    node.maximum = readFinite(state.maximum, node.pointer);
    if (node.minimum > node.maximum) throw invalidState('has a minimum above its maximum', node.pointer);
  }
  if (state.example !== undefined && context.limits.keepExamples && !node.isSensitive) node.example = readScalar(state.example, node.pointer);
  if (state.strings !== undefined) node.strings = stringStatsFromState(readStringStatsState(state.strings, node.pointer), context.limits, node.isSensitive);
  if (state.array !== undefined) restoreArray(context, node, readRecord(state.array, node.pointer));
  if (state.object !== undefined) restoreObject(context, node, readRecord(state.object, node.pointer));
  return node;
}

function restoreArray(context: LearnerContext, node: LearnerNode, state: Record<string, unknown>): void {
  const minItems = readCount(state.minItems, node.pointer);
  const maxItems = readCount(state.maxItems, node.pointer);
  if (minItems > maxItems) throw invalidState('has minItems above maxItems', node.pointer);
  const items = state.items === undefined ? undefined : nodeFromState(context, node, '*', state.items);
  node.array = { minItems, maxItems, items, hasUntrackedItems: state.untrackedItems === true };
}

function restoreObject(context: LearnerContext, node: LearnerNode, state: Record<string, unknown>): void {
  const stats = createObjectStats();
  node.object = stats;
  stats.idLikeKeys = readCount(state.idLikeKeys, node.pointer);
  stats.hasUntrackedKeys = state.untrackedKeys === true;
  stats.isOpaque = state.opaque === true;
  if (!Array.isArray(state.properties)) throw invalidState('has no property list', node.pointer);
  if (state.properties.length > context.limits.maxProperties) throw invalidState('has more properties than maxProperties', node.pointer);
  for (const entry of state.properties as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || stats.properties.has(entry[0])) throw invalidState('has a malformed or repeated property', node.pointer);
    const seen = readCount(entry[1], node.pointer);
    if (seen < 1 || seen > node.objectCount) throw invalidState('has a property seen more often than its object', node.pointer);
    stats.properties.set(entry[0], { seen, node: nodeFromState(context, node, entry[0], entry[2]) });
  }
  if (state.mapValues !== undefined) stats.mapValues = nodeFromState(context, node, '*', state.mapValues);
}
