// Applies a user correction to the learning tree now; its rule keeps applying to later traffic.
import { addRule, childRule, type PathCorrection, type PositionRule } from './correction-rules.js';
import type { TreeEnv } from './learn-walk.js';
import { consolidate, considerMerge } from './merge-policy.js';
import { collectExamples, countNodes, removeMember, type Example, type PathNode } from './path-node.js';
import { splitSuffix } from './segment-suffix.js';
import { splitPath } from './split-path.js';
import type { TemplatePart } from './template-pattern.js';

interface Position {
  readonly node: PathNode;
  readonly rule: PositionRule | undefined;
}

function findPosition(env: TreeEnv, prefix: readonly TemplatePart[]): Position | undefined {
  let position: Position = { node: env.root, rule: env.rules };
  for (const part of prefix) {
    const key = part.type === 'static' ? part.value : part.suffix;
    const node = part.type === 'static' ? position.node.statics?.get(key) : position.node.params?.get(key);
    if (node === undefined) return undefined;
    position = { node, rule: childRule(position.rule, part.type === 'param', key) };
  }
  return position;
}

function unique(examples: readonly Example[]): Example[] {
  const seen = new Map<string, Example>();
  for (const example of examples) seen.set(`${example.method} ${example.path} ${example.shape ?? ''}`, example);
  return [...seen.values()];
}

/** Learned parameters at the position go; the requests they remember are learned again, now literal. */
function split(env: TreeEnv, node: PathNode): Example[] {
  const replay: Example[] = [];
  for (const [suffix, param] of [...node.params ?? []]) {
    if (param.isKnown) continue;
    replay.push(...collectExamples(param));
    node.params?.delete(suffix);
    env.nodeCount -= countNodes(param);
    param.detached = true;
  }
  return replay;
}

/** The value leaves the parameter's members; requests that used it are learned again as a literal. */
function literal(node: PathNode, value: string, depth: number): Example[] {
  if (node.statics?.has(value) === true) return [];
  const parts = splitSuffix(value);
  const param = node.params?.get(parts.suffix);
  if (param === undefined) return [];
  const member = removeMember(param, parts.base);
  const used = collectExamples(param).filter((example) => splitPath(example.path)[depth] === value);
  return member === undefined ? used : [member.example, ...used];
}

/**
 * Adds the rule, changes what is already learned, and returns requests to learn again (the caller
 * replays them through learn(), which now obeys the rule). Counts of replayed requests are added
 * again: after a split, hits are approximate. A position not in the tree yet has nothing to change.
 */
export function applyCorrection(env: TreeEnv, correction: PathCorrection): Example[] {
  const target = addRule(env.rules, correction);
  const position = findPosition(env, target.prefix);
  env.changed = true;
  if (position === undefined) return [];
  const { node, rule } = position;
  if (correction.action === 'split') return unique(split(env, node));
  if (correction.action === 'literal' && target.part.type === 'static') return unique(literal(node, target.part.value, target.prefix.length));
  if (correction.action === 'merge' && target.part.type === 'param') {
    const param = considerMerge(node, rule, target.part.suffix, env);
    if (param !== undefined) consolidate(param, childRule(rule, true, target.part.suffix), env);
  }
  return [];
}
