// Merges one learning-tree node (and its subtree) into another: counts, shapes, members, children.
import { addMember, SHAPE_CAP, type PathNode } from './path-node.js';

function union<T>(target: Set<T> | undefined, source: ReadonlySet<T> | undefined, cap = Infinity): Set<T> | undefined {
  if (source === undefined) return target;
  const into = target ?? new Set<T>();
  for (const item of source) if (into.size < cap) into.add(item);
  return into;
}

function mergeChildren(target: Map<string, PathNode> | undefined, source: Map<string, PathNode> | undefined): { map: Map<string, PathNode> | undefined; freed: number } {
  if (source === undefined) return { map: target, freed: 0 };
  const map = target ?? new Map<string, PathNode>();
  let freed = 0;
  for (const [key, child] of source) {
    const existing = map.get(key);
    if (existing === undefined) map.set(key, child);
    else freed += mergeNode(existing, child);
  }
  return { map, freed };
}

/** Returns how many nodes disappeared (the source and any children that met a twin). */
export function mergeNode(target: PathNode, source: PathNode): number {
  target.hits += source.hits;
  target.overflow += source.overflow;
  target.methods = union(target.methods, source.methods);
  target.shapes = union(target.shapes, source.shapes, SHAPE_CAP);
  target.ownShapes = union(target.ownShapes, source.ownShapes, SHAPE_CAP);
  target.kinds = union(target.kinds, source.kinds);
  target.example ??= source.example;
  for (const member of source.members ?? []) addMember(target, member.value, member.example);
  target.moreMembers ||= source.moreMembers;
  const statics = mergeChildren(target.statics, source.statics);
  const params = mergeChildren(target.params, source.params);
  target.statics = statics.map;
  target.params = params.map;
  source.detached = true;
  return 1 + statics.freed + params.freed;
}
