// Measuring JSON text (values, nesting) before parsing it, so that a file of tiny values (`[{},{},…]`,
// ~20 bytes of heap per byte of text) is refused or left unparsed instead of exhausting the heap.

/** Deepest nesting of arrays and objects a parsed body may have. */
export const MAX_BODY_DEPTH = 64;

/** Values still allowed for one file; shared by every body parsed from it. */
export interface ValueBudget {
  remaining: number;
}

export function createValueBudget(maxValues: number): ValueBudget {
  return { remaining: maxValues };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * An upper bound on the values JSON text holds (one more than its `{`, `[` and `,` outside strings),
 * and how deeply its arrays and objects nest. Stops counting past `stopAfter` (the count is then
 * only known to exceed it). Linear, no allocation.
 */
export function measureJson(text: Uint8Array, stopAfter: number): { values: number; depth: number } {
  let values = 1;
  let depth = 0;
  let maxDepth = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index++) {
    const byte = text[index]!;
    if (isInString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) isInString = false;
    } else if (byte === QUOTE) {
      isInString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET || byte === COMMA) {
      values += 1;
      if (byte !== COMMA) maxDepth = Math.max(maxDepth, ++depth);
      if (values > stopAfter) break;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return { values, depth: maxDepth };
}

export function countJsonValues(text: Uint8Array, stopAfter: number): number {
  return measureJson(text, stopAfter).values;
}

/**
 * Takes the values of `text` from the budget; false (and nothing taken) when they do not fit, or when
 * the text nests deeper than MAX_BODY_DEPTH: whoever walks the parsed value next (schema inference,
 * masking) may well recurse, and a 1 MiB body can nest half a million levels.
 */
export function takeFromBudget(budget: ValueBudget, text: Uint8Array): boolean {
  const { values, depth } = measureJson(text, budget.remaining);
  if (values > budget.remaining || depth > MAX_BODY_DEPTH) return false;
  budget.remaining -= values;
  return true;
}
