// JSON bodies (RFC 8259): every key as a name (`body.$.user.name#name`) and every string as a value
// (`body.$.user.name`, `body.$.items[0]`); numbers, booleans and null carry nothing. Walked with an
// explicit stack, so nesting depth costs memory, not call stack; past maxDepth locations stop growing.
import type { FieldKind, FieldSource } from '../field.js';
import { addField, locationName, report, type FieldSink } from './field-sink.js';

/** One open object or array: the walk resumes at `index` when the child it descended into is done. */
interface Frame {
  readonly container: object;
  /** Own keys of an object; undefined for an array. */
  readonly keys: readonly string[] | undefined;
  index: number;
  readonly location: string;
  /** The key the container sits under, for its array items; '' at the root. */
  readonly name: string;
  readonly depth: number;
}

/** Appended to the location at maxDepth: every deeper value is located there. */
const DEEPER = '[...]';

export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    // A byte order mark is not JSON (RFC 8259 §8.1) but many parsers skip it.
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return { ok: false };
  }
}

/** Walks `root` in document order; `location` is where the root sits (`body.$`). */
export function walkJson(sink: FieldSink, root: unknown, location: string, name: string, kind: FieldKind, source: FieldSource): void {
  if (typeof root === 'string') {
    addField(sink, kind, source, location, name, false, root);
    return;
  }
  if (root === null || typeof root !== 'object') return;
  const maxDepth = sink.limits.maxDepth;
  const stack: Frame[] = [frameOf(root, location, name, 1)];
  while (stack.length > 0 && !sink.isFull) {
    const frame = stack[stack.length - 1] as Frame;
    const { keys, container } = frame;
    const length = keys === undefined ? (container as unknown[]).length : keys.length;
    if (frame.index >= length) {
      stack.pop();
      continue;
    }
    const index = frame.index++;
    const isDeep = frame.depth > maxDepth;
    let item: unknown;
    let itemLocation: string;
    let itemName: string;
    if (keys === undefined) {
      item = (container as unknown[])[index];
      itemLocation = isDeep ? frame.location : frame.location + '[' + index + ']';
      itemName = frame.name;
    } else {
      itemName = keys[index] as string;
      item = (container as Record<string, unknown>)[itemName];
      itemLocation = isDeep ? frame.location : frame.location + keySegment(itemName);
      if (!addField(sink, kind, source, itemLocation + '#name', itemName, true, itemName)) return;
    }
    if (typeof item === 'string') addField(sink, kind, source, itemLocation, itemName, false, item);
    else if (item !== null && typeof item === 'object') {
      const depth = frame.depth + 1;
      if (depth === maxDepth + 1) {
        report(sink, `nesting deeper than ${maxDepth} levels: deeper values are located at their level-${maxDepth} ancestor`);
        itemLocation += DEEPER;
      }
      stack.push(frameOf(item, itemLocation, itemName, depth));
    }
  }
}

function frameOf(container: object, location: string, name: string, depth: number): Frame {
  return { container, keys: Array.isArray(container) ? undefined : Object.keys(container), index: 0, location, name, depth };
}

/** `.name` for identifier-like keys, `["a b"]` (JSON-escaped) for the rest, so a location reads back unambiguously. */
export function keySegment(key: string): string {
  return isIdentifier(key) ? '.' + key : '[' + JSON.stringify(locationName(key)) + ']';
}

function isIdentifier(key: string): boolean {
  if (key.length === 0 || key.length > 256) return false;
  const first = key.charCodeAt(0);
  if (!isIdentifierStart(first)) return false;
  for (let index = 1; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (!isIdentifierStart(code) && !(code >= 48 && code <= 57)) return false;
  }
  return true;
}

/** ASCII letters, `_` and `$`. */
function isIdentifierStart(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || code === 95 || code === 36;
}
