// One file of an API description as the audit reads it: its parsed value, and where in the text each
// node starts, so a finding can say `openapi.yaml:42:7` next to its JSON pointer. JSON is parsed
// with JSON.parse and located afterwards by one scan that follows only the pointers asked for (a
// 10 MB document costs one pass, whatever the number of findings); YAML with js-yaml, keeping the
// offset of every node from its parser's events.
import { readFile, stat } from 'node:fs/promises';
import jsyaml from 'js-yaml';
import { decodePointer } from './pointer.js';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export interface SourceFile {
  /** Absolute path. */
  readonly path: string;
  readonly format: 'json' | 'yaml';
  /** The text as read (without a byte order mark). */
  readonly text: string;
  readonly value: unknown;
  /**
   * Where each pointer's node starts (for an object member, its key). A pointer to a node that does
   * not exist (a check reporting what is missing) gets its nearest existing ancestor's position.
   */
  locate(pointers: Iterable<string>): Map<string, Position>;
}

/** A file that cannot be read or parsed: the audit reports it instead of findings. */
export class SourceFileError extends Error {
  constructor(readonly file: string, message: string, readonly position?: Position) {
    super(message);
    this.name = 'SourceFileError';
  }
}

/** Larger files are refused: the audit is meant for documents up to tens of MB. */
export const MAX_SOURCE_BYTES = 100 * 1024 * 1024;

export async function readSourceFile(path: string): Promise<SourceFile> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_SOURCE_BYTES) throw new SourceFileError(path, `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    throw new SourceFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSourceText(path, text);
}

/** Parses `text` as JSON when it looks like JSON, as YAML otherwise (YAML 1.2 is a superset of JSON). */
export function parseSourceText(path: string, text: string): SourceFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return jsonFile(path, body, JSON.parse(body) as unknown);
    } catch {
      // Not strict JSON (comments, trailing commas...): YAML may still read it, with positions.
    }
  }
  return yamlFile(path, body);
}

function jsonFile(path: string, text: string, value: unknown): SourceFile {
  let lines: LineIndex | undefined;
  return {
    path,
    format: 'json',
    text,
    value,
    locate(pointers) {
      lines ??= new LineIndex(text);
      const offsets = locateInJson(text, pointers);
      const positions = new Map<string, Position>();
      for (const [pointer, offset] of offsets) positions.set(pointer, lines.position(offset));
      return positions;
    },
  };
}

/**
 * YAML is read with js-yaml, whose node events give each node's offset: a position tree kept beside
 * the value answers locate() later. (The `yaml` library keeps positions itself, but builds a node tree
 * ten times slower: 3.6 s against 0.3 s for a 5 MB document; see docs/rationale.md.)
 */
function yamlFile(path: string, text: string): SourceFile {
  const tree = new PositionTree();
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: true, filename: path, listener: tree.listener });
  } catch (caught) {
    const mark = (caught as { mark?: { line: number; column: number } }).mark;
    const reason = (caught as { reason?: string }).reason ?? (caught as Error).message;
    throw new SourceFileError(path, `is not valid YAML or JSON (${reason})`, mark === undefined ? undefined : { line: mark.line + 1, column: mark.column + 1 });
  }
  // Aliases share one object between places: walking it once per place must not explode (YAML's
  // "billion laughs"), so the document's size with every alias expanded is bounded.
  if (expandedSize(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    throw new SourceFileError(path, `expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes through its aliases`);
  }
  let lines: LineIndex | undefined;
  return {
    path,
    format: 'yaml',
    text,
    value,
    locate(pointers) {
      lines ??= new LineIndex(text);
      const positions = new Map<string, Position>();
      for (const pointer of pointers) positions.set(pointer, lines.position(skipBlank(text, tree.offsetOf(pointer))));
      return positions;
    },
  };
}

/** Nodes a YAML document may expand to through aliases (its own nodes count too). */
const MAX_EXPANDED_NODES = 20_000_000;

/** The number of nodes of `root` with shared objects counted once per place they appear, stopping past `limit`. */
function expandedSize(root: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  // Post-order without recursion: a node is sized once all its children are.
  const stack: { node: object; expanded: boolean }[] = [];
  if (root !== null && typeof root === 'object') stack.push({ node: root, expanded: false });
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: object; expanded: boolean };
    if (sizes.has(top.node)) {
      stack.pop();
      continue;
    }
    const children = Object.values(top.node).filter((child): child is object => child !== null && typeof child === 'object');
    if (!top.expanded) {
      top.expanded = true;
      for (const child of children) if (!sizes.has(child)) stack.push({ node: child, expanded: false });
      continue;
    }
    stack.pop();
    let size = 1 + Object.keys(top.node).length;
    for (const child of children) size += sizes.get(child) ?? 0;
    sizes.set(top.node, Math.min(size, limit + 1));
  }
  return root !== null && typeof root === 'object' ? (sizes.get(root) ?? 0) : 1;
}

/** Past blanks and comments: js-yaml reports a value's node where the text after its `:` starts. */
function skipBlank(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) at++;
    else if (code === 0x23) {
      const end = text.indexOf('\n', at);
      if (end === -1) return at;
      at = end + 1;
    } else return at;
  }
}

/**
 * js-yaml's node events as a tree: each node's start offset, children in order (a mapping's alternate
 * key, value, key, value), and the parsed result (a mapping's object, a key's string). A node may wrap
 * its collection in one child with the same result; lookups step through such wrappers.
 */
class PositionTree {
  private readonly starts: number[] = [];
  private readonly children: number[][] = [];
  private readonly results: unknown[] = [];
  private readonly kinds: (string | null)[] = [];
  private readonly stack: number[] = [];
  /** Key lookup tables of large mappings, built on first use. */
  private readonly keyIndexes = new Map<number, Map<string, number>>();

  readonly listener = (event: string, state: { position: number; result: unknown; kind: string | null }): void => {
    if (event === 'open') {
      const id = this.starts.length;
      this.starts.push(state.position);
      this.children.push([]);
      this.results.push(undefined);
      this.kinds.push(null);
      const parent = this.stack[this.stack.length - 1];
      if (parent !== undefined) (this.children[parent] as number[]).push(id);
      this.stack.push(id);
    } else {
      const id = this.stack.pop();
      if (id === undefined) return;
      this.results[id] = state.result;
      this.kinds[id] = state.kind;
    }
  };

  /** The offset of the node at `pointer` (a member's key), or of its nearest existing ancestor. */
  offsetOf(pointer: string): number {
    if (this.starts.length === 0) return 0;
    let node = 0;
    let offset = this.starts[0] as number;
    for (const segment of decodePointer(pointer)) {
      node = this.unwrap(node);
      const kind = this.kinds[node];
      const children = this.children[node] as number[];
      if (kind === 'mapping') {
        const pair = this.keyIndex(node).get(segment);
        if (pair === undefined) break;
        offset = this.starts[children[pair] as number] as number;
        node = children[pair + 1] as number;
      } else if (kind === 'sequence' && /^\d+$/.test(segment) && Number(segment) < children.length) {
        node = children[Number(segment)] as number;
        offset = this.starts[node] as number;
      } else break;
    }
    return offset;
  }

  private unwrap(node: number): number {
    let current = node;
    for (;;) {
      const children = this.children[current] as number[];
      const only = children.length === 1 ? (children[0] as number) : undefined;
      if (only === undefined || this.results[only] !== this.results[current]) return current;
      current = only;
    }
  }

  /** Key text to the index (in the node's children) of the key node; the first of duplicate keys wins. */
  private keyIndex(node: number): Map<string, number> {
    let index = this.keyIndexes.get(node);
    if (index === undefined) {
      index = new Map();
      const children = this.children[node] as number[];
      for (let at = 0; at + 1 < children.length; at += 2) {
        const key = String(this.results[children[at] as number]);
        if (!index.has(key)) index.set(key, at);
      }
      this.keyIndexes.set(node, index);
    }
    return index;
  }
}

/** Line starts of a text, for offset → line and column by binary search. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] as number) + 1 };
  }
}

interface TrieNode {
  /** The pointer that ends here, if one asked for this node. */
  pointer?: string;
  /** Children by segment; absent on leaves (most nodes: a Map each would be most of the work). */
  children?: Map<string, TrieNode>;
  /** Where the scan found the node (its key, for an object member); -1 until then. */
  offset: number;
}

/**
 * Offsets of the nodes at `pointers` in the JSON `text` (valid JSON: it was parsed already), or of
 * each one's nearest existing ancestor. One scan, descending only into members and items some pointer
 * goes through and skipping the rest by brackets and quotes.
 */
export function locateInJson(text: string, pointers: Iterable<string>): Map<string, number> {
  const root: TrieNode = { offset: -1 };
  const ends: TrieNode[] = [];
  for (const pointer of pointers) {
    let node = root;
    for (const segment of decodePointer(pointer)) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { offset: -1 };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.pointer = pointer;
    ends.push(node);
  }
  const scanner = new JsonScanner(text);
  const start = scanner.skipSpace(0);
  scanner.visit(start, root, start);
  const found = new Map<string, number>();
  for (const node of ends) {
    const pointer = node.pointer as string;
    if (node.offset !== -1) {
      found.set(pointer, node.offset);
      continue;
    }
    // A missing node: its deepest ancestor that was found.
    let offset = start;
    let current = root;
    for (const segment of decodePointer(pointer)) {
      const child = current.children?.get(segment);
      if (child === undefined || child.offset === -1) break;
      offset = child.offset;
      current = child;
    }
    found.set(pointer, offset);
  }
  return found;
}

class JsonScanner {
  constructor(private readonly text: string) {}

  /** Visits the value at `at` for `node` (whose own position is `position`); returns the offset past it. */
  visit(at: number, node: TrieNode, position: number): number {
    node.offset = position;
    const children = node.children;
    if (children === undefined) return this.skipValue(at);
    const code = this.text.charCodeAt(at);
    if (code === 0x7b) return this.visitObject(at, children);
    if (code === 0x5b) return this.visitArray(at, children);
    return this.skipValue(at);
  }

  private visitObject(open: number, children: Map<string, TrieNode>): number {
    let at = this.skipSpace(open + 1);
    if (this.text.charCodeAt(at) === 0x7d) return at + 1;
    for (;;) {
      const keyStart = at;
      const keyEnd = this.skipString(at);
      const raw = this.text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(this.text.slice(keyStart, keyEnd)) as string) : raw;
      at = this.skipSpace(this.skipSpace(keyEnd) + 1); // past ':'
      const child = children.get(key);
      at = child === undefined ? this.skipValue(at) : this.visit(at, child, keyStart);
      at = this.skipSpace(at);
      if (this.text.charCodeAt(at) === 0x2c) {
        at = this.skipSpace(at + 1);
        continue;
      }
      return at + 1; // '}'
    }
  }

  private visitArray(open: number, children: Map<string, TrieNode>): number {
    let at = this.skipSpace(open + 1);
    if (this.text.charCodeAt(at) === 0x5d) return at + 1;
    for (let index = 0; ; index++) {
      const child = children.get(String(index));
      at = child === undefined ? this.skipValue(at) : this.visit(at, child, at);
      at = this.skipSpace(at);
      if (this.text.charCodeAt(at) === 0x2c) {
        at = this.skipSpace(at + 1);
        continue;
      }
      return at + 1; // ']'
    }
  }

  skipSpace(at: number): number {
    let index = at;
    for (;;) {
      const code = this.text.charCodeAt(index);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return index;
      index++;
    }
  }

  /** Past the string whose opening quote is at `at`. */
  private skipString(at: number): number {
    let index = at + 1;
    for (;;) {
      const quote = this.text.indexOf('"', index);
      if (quote === -1) return this.text.length;
      // An escaped quote has an odd number of backslashes before it.
      let backslashes = 0;
      while (this.text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      index = quote + 1;
    }
  }

  /** Past the value at `at`: a string, a container (brackets counted, strings skipped) or a scalar. */
  private skipValue(at: number): number {
    const code = this.text.charCodeAt(at);
    if (code === 0x22) return this.skipString(at);
    if (code !== 0x7b && code !== 0x5b) {
      let index = at;
      for (;;) {
        const next = this.text.charCodeAt(index);
        if (Number.isNaN(next) || next === 0x2c || next === 0x7d || next === 0x5d || next <= 0x20) return index;
        index++;
      }
    }
    let depth = 0;
    let index = at;
    for (;;) {
      const next = this.text.charCodeAt(index);
      if (Number.isNaN(next)) return index;
      if (next === 0x22) {
        index = this.skipString(index);
        continue;
      }
      if (next === 0x7b || next === 0x5b) depth++;
      else if (next === 0x7d || next === 0x5d) {
        depth--;
        if (depth === 0) return index + 1;
      }
      index++;
    }
  }
}
