// Learning one value: a single walk over it that updates the nodes of the locations it goes through,
// creating nodes only for locations not seen before, within the learner's limits.
import type { ScalarValue } from './json-schema.js';
import { createNode, createObjectStats } from './learner-node.js';
import type { LearnerContext, LearnerNode } from './learner-node.js';
import { addProperty } from './node-merge.js';
import { createStringStats, observeString } from './string-stats.js';

/** Learns one value at `node`. Values that JSON cannot hold (undefined, functions, NaN) are ignored. */
export function observe(context: LearnerContext, node: LearnerNode, value: unknown): void {
  if (context.budget <= 0) {
    context.isTruncated = true;
    return;
  }
  context.budget--;
  switch (typeof value) {
    case 'string':
      node.count++;
      node.stringCount++;
      observeString((node.strings ??= createStringStats(node.isSensitive)), value, context.limits);
      if (node.example === undefined) keepExample(context, node, value);
      return;
    case 'number':
      if (Number.isFinite(value)) observeNumber(context, node, value);
      return;
    case 'boolean':
      node.count++;
      node.booleanCount++;
      if (node.example === undefined) keepExample(context, node, value);
      return;
    case 'object':
      if (value === null) {
        node.count++;
        node.nullCount++;
      } else if (Array.isArray(value)) observeArray(context, node, value);
      else observeObject(context, node, value as Record<string, unknown>);
      return;
    default:
      return;
  }
}

function keepExample(context: LearnerContext, node: LearnerNode, value: ScalarValue): void {
  if (!context.limits.keepExamples || node.isSensitive) return;
  if (typeof value === 'string' && value.length > context.limits.maxEnumLength) return;
  node.example = value;
}

function observeNumber(context: LearnerContext, node: LearnerNode, value: number): void {
  node.count++;
  if (Number.isInteger(value)) node.integerCount++;
  else node.numberCount++;
  // Bounds are values too (a PIN's minimum is the PIN): sensitive locations keep none.
  if (node.isSensitive) return;
  if (value < node.minimum) node.minimum = value;
  if (value > node.maximum) node.maximum = value;
  if (node.example === undefined) keepExample(context, node, value);
}

function observeArray(context: LearnerContext, node: LearnerNode, value: readonly unknown[]): void {
  node.count++;
  node.arrayCount++;
  const length = value.length;
  const stats = (node.array ??= { minItems: length, maxItems: length, items: undefined, hasUntrackedItems: false });
  if (length < stats.minItems) stats.minItems = length;
  if (length > stats.maxItems) stats.maxItems = length;
  if (length === 0) return;
  const items = node.depth < context.limits.maxDepth ? (stats.items ??= createNode(context, node, '*')) : undefined;
  if (items === undefined) {
    stats.hasUntrackedItems = true;
    return;
  }
  const cap = context.limits.maxArrayItems;
  if (length <= cap) {
    for (let index = 0; index < length; index++) observe(context, items, value[index]);
    return;
  }
  // Long arrays: the first half of the cap, then evenly spaced items, so the tail is looked at too
  // (logs, pages) at a bounded cost.
  const head = Math.ceil(cap / 2);
  for (let index = 0; index < head; index++) observe(context, items, value[index]);
  const step = (length - head) / (cap - head);
  for (let sample = 0; sample < cap - head; sample++) observe(context, items, value[head + Math.floor(sample * step)]);
}

function observeObject(context: LearnerContext, node: LearnerNode, value: Record<string, unknown>): void {
  node.count++;
  node.objectCount++;
  const stats = (node.object ??= createObjectStats());
  if (node.depth >= context.limits.maxDepth) {
    stats.isOpaque = true;
    return;
  }
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const child = value[key];
    // JSON has no undefined: a JavaScript object's undefined member is an absent member.
    if (child === undefined) continue;
    if (stats.mapValues !== undefined) {
      observe(context, stats.mapValues, child);
      continue;
    }
    if (context.budget <= 0) {
      // Not counted as present: an optional field is a safe claim, a wrong type is not.
      context.isTruncated = true;
      return;
    }
    const slot = stats.properties.get(key) ?? addProperty(context, node, stats, key);
    if (slot !== undefined) {
      slot.seen++;
      observe(context, slot.node, child);
    } else if (stats.mapValues !== undefined) {
      observe(context, stats.mapValues, child);
    }
  }
}
