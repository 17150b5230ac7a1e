// A node met through several operations (a shared body, a path-level parameter) is reported once.
import type { NodeRef } from '../../../document.js';

/** A predicate true the first time it is asked about a node, false after. */
export function firstTimeAt(): (at: NodeRef) => boolean {
  const seen = new Set<string>();
  return (at) => {
    const key = `${at.file}#${at.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
