// One node per JSON location: counts per type and capped statistics, and the context (limits, node
// budget) that all nodes of one learner share.
import { escapePointerSegment } from './json-schema.js';
import type { ScalarValue } from './json-schema.js';
import type { StringLimits, StringStats } from './string-stats.js';

export interface LearnerLimits extends StringLimits {
  /** Most nodes (JSON locations) per learner: memory follows this, never the number of samples. */
  readonly maxNodes: number;
  /** Deeper objects and arrays are counted but not looked into. */
  readonly maxDepth: number;
  /** Most properties per object location; one more and the object is learned as a map. */
  readonly maxProperties: number;
  /** More id-like keys (numbers, uuids, long hex) than this and the object is learned as a map. */
  readonly maxIdLikeKeys: number;
  /** Most items looked at per array: the first half of them, then evenly spaced ones. */
  readonly maxArrayItems: number;
  /** Most values looked at per sample, so one huge body costs a bounded time. */
  readonly maxValuesPerSample: number;
  /** Keep the first scalar of each non-sensitive location as an example. */
  readonly keepExamples: boolean;
}

export interface PropertySlot {
  /** Objects at the parent location that had this property. */
  seen: number;
  readonly node: LearnerNode;
}

export interface ObjectStats {
  readonly properties: Map<string, PropertySlot>;
  /** Set once the object is learned as a map: every value of every key lands here. */
  mapValues: LearnerNode | undefined;
  idLikeKeys: number;
  /** Keys were skipped because the learner ran out of nodes. */
  hasUntrackedKeys: boolean;
  /** At maximum depth: properties were never looked at. */
  isOpaque: boolean;
}

export interface ArrayStats {
  minItems: number;
  maxItems: number;
  items: LearnerNode | undefined;
  /** Items were skipped: maximum depth, or the learner ran out of nodes. */
  hasUntrackedItems: boolean;
}

export interface LearnerNode {
  readonly pointer: string;
  readonly depth: number;
  readonly isSensitive: boolean;
  count: number;
  nullCount: number;
  booleanCount: number;
  integerCount: number;
  /** Numbers that are not integers. */
  numberCount: number;
  stringCount: number;
  arrayCount: number;
  objectCount: number;
  minimum: number;
  maximum: number;
  example: ScalarValue | undefined;
  strings: StringStats | undefined;
  array: ArrayStats | undefined;
  object: ObjectStats | undefined;
}

/** Shared by all nodes of one learner. */
export interface LearnerContext {
  readonly limits: LearnerLimits;
  readonly isSensitive: (pointer: string, name: string) => boolean;
  nodeCount: number;
  /** Values still allowed in the current sample. */
  budget: number;
  /** Set when the current sample hit maxValuesPerSample. */
  isTruncated: boolean;
}

/**
 * A new node, or undefined when the learner has no nodes left. Sensitivity is decided here, once per
 * location, and inherited: below a secret nothing is kept either.
 */
export function createNode(context: LearnerContext, parent: LearnerNode | undefined, name: string, isSensitiveAnyway = false): LearnerNode | undefined {
  if (parent !== undefined && context.nodeCount >= context.limits.maxNodes) return undefined;
  context.nodeCount++;
  const pointer = parent === undefined ? '' : `${parent.pointer}/${escapePointerSegment(name)}`;
  const isSensitive = isSensitiveAnyway || (parent === undefined ? context.isSensitive('', '') : parent.isSensitive || context.isSensitive(pointer, name));
  return {
    pointer, depth: parent === undefined ? 0 : parent.depth + 1, isSensitive,
    count: 0, nullCount: 0, booleanCount: 0, integerCount: 0, numberCount: 0, stringCount: 0, arrayCount: 0, objectCount: 0,
    minimum: Infinity, maximum: -Infinity, example: undefined, strings: undefined, array: undefined, object: undefined,
  };
}

export function createObjectStats(): ObjectStats {
  return { properties: new Map(), mapValues: undefined, idLikeKeys: 0, hasUntrackedKeys: false, isOpaque: false };
}
