// Measures the nesting depth and member count of a parsed JSON value against limits, with an explicit
// stack instead of recursion so a hostile 100 000-deep document cannot overflow the call stack.

export interface JsonLimits {
  /** Deepest allowed nesting; the outermost object or array is depth 1, a bare scalar depth 0. */
  readonly maxDepth: number;
  /** Most object members plus array items allowed, summed over every level. */
  readonly maxKeys: number;
  /** Most items in any one array; undefined: no limit of its own. */
  readonly maxArrayItems?: number | undefined;
}

export type JsonLimitResult =
  | { readonly ok: true; readonly depth: number; readonly keys: number }
  | { readonly ok: false; readonly reason: 'depth' | 'keys' | 'array'; readonly limit: number };

/**
 * Walks `value` depth first and stops at the first limit it crosses.
 *
 * Counting choice: every object member and every array item counts as one key, wherever it is
 * nested (ModSecurity counts JSON leaves as ARGS and array items as `array_N` args; counting interior
 * members too is slightly stricter and makes `maxKeys` a bound on the nodes this walk, and any later
 * validator or detector walk, visits, including empty containers such as `[[],[],...]`).
 * The root itself is not a key. Own enumerable keys only (`__proto__` from JSON.parse is an own key).
 */
export function checkJsonLimits(value: unknown, limits: JsonLimits): JsonLimitResult {
  if (!isContainer(value)) return { ok: true, depth: 0, keys: 0 };
  // Parallel stacks avoid one tuple allocation per container.
  const pending: object[] = [value];
  const depths: number[] = [1];
  let deepest = 0;
  let keys = 0;
  while (pending.length > 0) {
    const current = pending.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limits.maxDepth) return { ok: false, reason: 'depth', limit: limits.maxDepth };
    if (depth > deepest) deepest = depth;
    const isArray = Array.isArray(current);
    if (isArray && limits.maxArrayItems !== undefined && current.length > limits.maxArrayItems) return { ok: false, reason: 'array', limit: limits.maxArrayItems };
    const children: readonly unknown[] = isArray ? current : Object.values(current);
    keys += children.length;
    // Checked per container, before its children are queued, so the walk does bounded work.
    if (keys > limits.maxKeys) return { ok: false, reason: 'keys', limit: limits.maxKeys };
    for (const child of children) {
      if (isContainer(child)) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return { ok: true, depth: deepest, keys };
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
