// One file of an API description as the audit reads it: its parsed value, and where in the text each
// node starts, so a finding can say `openapi.yaml:42:7` next to its JSON pointer. JSON is parsed
// with JSON.parse and located afterwards by one scan that follows only the pointers asked for (a
// 10 MB document costs one pass, whatever the number of findings); YAML keeps the `yaml` library's
// node tree, which knows its own positions.
import { readFile, stat } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
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

function yamlFile(path: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: false });
  const error = document.errors[0];
  if (error !== undefined) {
    const position = lineCounter.linePos(error.pos[0]);
    throw new SourceFileError(path, `is not valid YAML or JSON (${error.code})`, { line: position.line, column: position.col });
  }
  let value: unknown;
  try {
    // Aliases are expanded; a bounded count stops a "billion laughs" document.
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (caught) {
    throw new SourceFileError(path, `cannot be read as data (${(caught as Error).message})`);
  }
  return {
    path,
    format: 'yaml',
    value,
    locate(pointers) {
      const positions = new Map<string, Position>();
      for (const pointer of pointers) {
        const offset = yamlOffset(document, pointer);
        const position = lineCounter.linePos(offset);
        positions.set(pointer, { line: position.line, column: position.col });
      }
      return positions;
    },
  };
}

/** The offset of the node at `pointer` (a member's key), or of its nearest existing ancestor. */
function yamlOffset(document: Document, pointer: string): number {
  let node: YamlNode | null | undefined = document.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of decodePointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === segment);
      if (pair === undefined) break;
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      const item = /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (item === undefined) break;
      node = item as YamlNode | null;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

function keyText(key: unknown): string | undefined {
  if (key !== null && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return key === undefined || key === null ? undefined : String(key);
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
  readonly children: Map<string, TrieNode>;
}

/**
 * Offsets of the nodes at `pointers` in the JSON `text` (valid JSON: it was parsed already), or of
 * each one's nearest existing ancestor. One scan, descending only into members and items some pointer
 * goes through and skipping the rest by brackets and quotes.
 */
export function locateInJson(text: string, pointers: Iterable<string>): Map<string, number> {
  const root: TrieNode = { children: new Map() };
  const wanted: string[] = [];
  for (const pointer of pointers) {
    wanted.push(pointer);
    let node = root;
    for (const segment of decodePointer(pointer)) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.pointer = pointer;
  }
  const found = new Map<string, number>();
  const scanner = new JsonScanner(text, found);
  const start = scanner.skipSpace(0);
  scanner.visit(start, root, start);
  // Pointers to missing nodes: their deepest ancestor that was found.
  for (const pointer of wanted) {
    if (found.has(pointer)) continue;
    let offset = start;
    let node = root;
    for (const segment of decodePointer(pointer)) {
      const child = node.children.get(segment);
      const at = child === undefined ? undefined : scanner.reached.get(child);
      if (child === undefined || at === undefined) break;
      offset = at;
      node = child;
    }
    found.set(pointer, offset);
  }
  return found;
}

class JsonScanner {
  /** Offsets of every trie node the scan reached (for the nearest-ancestor answer). */
  readonly reached = new Map<TrieNode, number>();

  constructor(private readonly text: string, private readonly found: Map<string, number>) {}

  /** Visits the value at `at` for `node` (whose own position is `position`); returns the offset past it. */
  visit(at: number, node: TrieNode, position: number): number {
    this.reached.set(node, position);
    if (node.pointer !== undefined) this.found.set(node.pointer, position);
    if (node.children.size === 0) return this.skipValue(at);
    const code = this.text.charCodeAt(at);
    if (code === 0x7b) return this.visitObject(at, node);
    if (code === 0x5b) return this.visitArray(at, node);
    return this.skipValue(at);
  }

  private visitObject(open: number, node: TrieNode): number {
    let at = this.skipSpace(open + 1);
    if (this.text.charCodeAt(at) === 0x7d) return at + 1;
    for (;;) {
      const keyStart = at;
      const keyEnd = this.skipString(at);
      const raw = this.text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(this.text.slice(keyStart, keyEnd)) as string) : raw;
      at = this.skipSpace(this.skipSpace(keyEnd) + 1); // past ':'
      const child = node.children.get(key);
      at = child === undefined ? this.skipValue(at) : this.visit(at, child, keyStart);
      at = this.skipSpace(at);
      if (this.text.charCodeAt(at) === 0x2c) {
        at = this.skipSpace(at + 1);
        continue;
      }
      return at + 1; // '}'
    }
  }

  private visitArray(open: number, node: TrieNode): number {
    let at = this.skipSpace(open + 1);
    if (this.text.charCodeAt(at) === 0x5d) return at + 1;
    for (let index = 0; ; index++) {
      const child = node.children.get(String(index));
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
