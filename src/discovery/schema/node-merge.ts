// Growing an object location by one property, switching it to a map when its keys are ids or too many,
// and adding one node's statistics into another's (learner merge, map switch).
import { createNode, createObjectStats } from './learner-node.js';
import type { ArrayStats, LearnerContext, LearnerNode, ObjectStats, PropertySlot } from './learner-node.js';
import { createStringStats, mergeStringStats } from './string-stats.js';

/**
 * A new property slot for `key`, or undefined when there is none: the object just became a map (its
 * values then go to `stats.mapValues`), or the learner is out of nodes.
 */
export function addProperty(context: LearnerContext, node: LearnerNode, stats: ObjectStats, key: string): PropertySlot | undefined {
  if (isIdLikeKey(key)) stats.idLikeKeys++;
  if (stats.properties.size >= context.limits.maxProperties || stats.idLikeKeys > context.limits.maxIdLikeKeys) {
    convertToMap(context, node, stats);
    return undefined;
  }
  const child = createNode(context, node, key);
  if (child === undefined) {
    stats.hasUntrackedKeys = true;
    return undefined;
  }
  const slot = { seen: 0, node: child };
  stats.properties.set(key, slot);
  return slot;
}

/** Numbers, dates, IP addresses, emails, uuids and hex digests are data, not field names. */
export function isIdLikeKey(key: string): boolean {
  if (key.includes('@')) return true;
  let hasDigit = false;
  let isNumeric = true;
  let isHex = true;
  for (let index = 0; index < key.length && (isNumeric || isHex); index++) {
    const code = key.charCodeAt(index);
    const isDigit = code >= 48 && code <= 57;
    hasDigit ||= isDigit;
    // '-', '.', ':' separate the parts of dates, versions and addresses.
    isNumeric &&= isDigit || code === 45 || code === 46 || code === 58;
    isHex &&= isDigit || code === 45 || code === 58 || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
  }
  return hasDigit && (isNumeric || (isHex && key.length >= 8));
}

/** From here on, the values of every key are learned at one location; the per-key nodes are folded into it. */
function convertToMap(context: LearnerContext, node: LearnerNode, stats: ObjectStats): void {
  let freed = 0;
  let hasSensitiveKey = false;
  for (const slot of stats.properties.values()) {
    freed += countNodes(slot.node);
    hasSensitiveKey ||= slot.node.isSensitive;
  }
  context.nodeCount -= freed;
  const values = createNode(context, node, '*', hasSensitiveKey);
  if (values === undefined) {
    stats.hasUntrackedKeys = true;
    return;
  }
  for (const slot of stats.properties.values()) mergeNode(context, values, slot.node);
  stats.properties.clear();
  stats.mapValues = values;
  // Only counted to decide the switch; zero in a map, however it became one (learning or merging).
  stats.idLikeKeys = 0;
}

export function countNodes(node: LearnerNode): number {
  let count = 1;
  if (node.array?.items !== undefined) count += countNodes(node.array.items);
  if (node.object !== undefined) {
    if (node.object.mapValues !== undefined) count += countNodes(node.object.mapValues);
    for (const slot of node.object.properties.values()) count += countNodes(slot.node);
  }
  return count;
}

/** Adds what `source` learned into `target` (the same location in another learner, or a key folded into a map). */
export function mergeNode(context: LearnerContext, target: LearnerNode, source: LearnerNode): void {
  target.count += source.count;
  target.nullCount += source.nullCount;
  target.booleanCount += source.booleanCount;
  target.integerCount += source.integerCount;
  target.numberCount += source.numberCount;
  target.stringCount += source.stringCount;
  target.arrayCount += source.arrayCount;
  target.objectCount += source.objectCount;
  if (!target.isSensitive) {
    target.minimum = Math.min(target.minimum, source.minimum);
    target.maximum = Math.max(target.maximum, source.maximum);
  }
  if (target.example === undefined && context.limits.keepExamples && !target.isSensitive) target.example = source.example;
  if (source.strings !== undefined) mergeStringStats((target.strings ??= createStringStats(target.isSensitive)), source.strings, context.limits);
  if (source.array !== undefined) mergeArray(context, target, source.array);
  if (source.object !== undefined) mergeObject(context, target, source.object);
}

function mergeArray(context: LearnerContext, target: LearnerNode, source: ArrayStats): void {
  const stats = (target.array ??= { minItems: Infinity, maxItems: 0, items: undefined, hasUntrackedItems: false });
  stats.minItems = Math.min(stats.minItems, source.minItems);
  stats.maxItems = Math.max(stats.maxItems, source.maxItems);
  stats.hasUntrackedItems ||= source.hasUntrackedItems;
  if (source.items === undefined) return;
  const items = target.depth < context.limits.maxDepth ? (stats.items ??= createNode(context, target, '*')) : undefined;
  if (items === undefined) stats.hasUntrackedItems = true;
  else mergeNode(context, items, source.items);
}

function mergeObject(context: LearnerContext, target: LearnerNode, source: ObjectStats): void {
  const stats = (target.object ??= createObjectStats());
  stats.isOpaque ||= source.isOpaque || target.depth >= context.limits.maxDepth;
  stats.hasUntrackedKeys ||= source.hasUntrackedKeys;
  if (stats.isOpaque) return;
  if (source.mapValues !== undefined && stats.mapValues === undefined) convertToMap(context, target, stats);
  if (source.mapValues !== undefined && stats.mapValues !== undefined) mergeNode(context, stats.mapValues, source.mapValues);
  for (const [key, slot] of source.properties) {
    const existing = stats.mapValues === undefined ? (stats.properties.get(key) ?? addProperty(context, target, stats, key)) : undefined;
    if (existing !== undefined) {
      existing.seen += slot.seen;
      mergeNode(context, existing.node, slot.node);
    } else if (stats.mapValues !== undefined) {
      mergeNode(context, stats.mapValues, slot.node);
    }
  }
}
