// An API description as the audit reads it: the root file and every local file its `$ref`s reach,
// with references resolved on demand, never rewritten. Each node keeps its own file and pointer, so
// a finding in a schema shared through `$ref` points at the schema's definition, once. A reference
// that cannot be followed (missing file or node, a cycle of pure references, a remote URL) is recorded
// for the hygiene checks instead of failing the audit; remote references are never fetched (reading a
// document must not make Bulwark send requests).
import { dirname, resolve as resolvePath } from 'node:path';
import { decodePointer, pointerOf } from './pointer.js';
import { readSourceFile, type SourceFile } from './source-file.js';

/** Where a node is defined. */
export interface NodeRef {
  /** Absolute path of its file. */
  readonly file: string;
  readonly pointer: string;
}

/** A node and where it is. */
export interface Located<T = unknown> {
  readonly value: T;
  readonly at: NodeRef;
}

export interface BrokenRef {
  /** The `$ref` value. */
  readonly ref: string;
  /** The object holding the `$ref`. */
  readonly at: NodeRef;
  readonly reason: 'missing-file' | 'missing-node' | 'remote' | 'cycle' | 'unreadable-file';
  readonly detail: string;
}

/** Beyond these, files are not loaded (their refs are reported broken): a document is not a crawler. */
const MAX_FILES = 500;
/** References followed in a row (`$ref` to a `$ref` to ...) before the chain counts as a cycle. */
const MAX_REF_HOPS = 32;

export class AuditDocument {
  private readonly brokenByKey = new Map<string, BrokenRef>();

  private constructor(readonly root: SourceFile, readonly files: ReadonlyMap<string, SourceFile>) {}

  /** Reads `path` and every local file its references reach. Throws SourceFileError for the root only. */
  static async load(path: string): Promise<AuditDocument> {
    const root = await readSourceFile(resolvePath(path));
    const files = new Map<string, SourceFile>([[root.path, root]]);
    const unreadable = new Map<string, string>();
    const queue: SourceFile[] = [root];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const ref of collectRefs(next.value)) {
        const target = refFile(ref, next.path);
        if (target === undefined || files.has(target) || unreadable.has(target)) continue;
        if (files.size >= MAX_FILES) {
          unreadable.set(target, `more than ${MAX_FILES} files are referenced`);
          continue;
        }
        try {
          const file = await readSourceFile(target);
          files.set(target, file);
          queue.push(file);
        } catch (error) {
          unreadable.set(target, (error as Error).message);
        }
      }
    }
    const document = new AuditDocument(root, files);
    document.unreadable = unreadable;
    return document;
  }

  /** For tests and tools: a document from parsed files (the first is the root). */
  static fromFiles(files: readonly SourceFile[]): AuditDocument {
    const [root] = files;
    if (root === undefined) throw new Error('no files');
    return new AuditDocument(root, new Map(files.map((file) => [file.path, file])));
  }

  private unreadable = new Map<string, string>();

  get rootRef(): NodeRef {
    return { file: this.root.path, pointer: '' };
  }

  /** The references that could not be followed, in the order they were met. */
  get brokenRefs(): readonly BrokenRef[] {
    return [...this.brokenByKey.values()];
  }

  /** The raw node at `at` (a `$ref` object stays one), or undefined. */
  get(at: NodeRef): unknown {
    let node = this.files.get(at.file)?.value;
    for (const segment of decodePointer(at.pointer)) {
      if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
    return node;
  }

  /** A child of a located node. */
  child(parent: Located, ...segments: readonly (string | number)[]): Located | undefined {
    let value: unknown = parent.value;
    for (const segment of segments) {
      const key = String(segment);
      if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return { value, at: { file: parent.at.file, pointer: pointerOf(parent.at.pointer, ...segments) } };
  }

  /**
   * The node `located` stands for: itself, or the target of its `$ref` (followed through chains of
   * references). Undefined when the reference cannot be followed; the reason is in brokenRefs.
   * OpenAPI 3.1 allows siblings next to `$ref` in a schema; those are the caller's to read.
   */
  deref(located: Located): Located | undefined {
    let current = located;
    const seen = new Set<string>();
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const ref = refOf(current.value);
      if (ref === undefined) return current;
      const key = `${current.at.file}#${current.at.pointer}`;
      if (seen.has(key)) return this.broken(ref, current.at, 'cycle', 'the reference leads back to itself');
      seen.add(key);
      const target = this.target(ref, current.at);
      if (target === undefined) return undefined;
      current = target;
    }
    const ref = refOf(current.value) ?? '';
    return this.broken(ref, current.at, 'cycle', `more than ${MAX_REF_HOPS} references in a row`);
  }

  /** Where `ref`, written in the node at `from`, points; undefined (recorded as broken) when it cannot be followed. */
  private target(ref: string, from: NodeRef): Located | undefined {
    const address = refAddress(ref, from.file);
    if (address === 'remote') return this.broken(ref, from, 'remote', 'remote references are not fetched');
    if (address === 'bad-encoding') return this.broken(ref, from, 'missing-node', 'the fragment is not valid percent-encoding');
    const { file, fragment } = address;
    const source = this.files.get(file);
    if (source === undefined) {
      const reason = this.unreadable.get(file);
      return reason === undefined
        ? this.broken(ref, from, 'missing-file', `${file} was not loaded`)
        : this.broken(ref, from, 'unreadable-file', `${file} ${reason}`);
    }
    if (!isPointerFragment(fragment)) return this.broken(ref, from, 'missing-node', 'only JSON pointer fragments are supported');
    const at = { file, pointer: fragment };
    const value = this.get(at);
    if (value === undefined) return this.broken(ref, from, 'missing-node', `nothing at ${fragment === '' ? 'the root' : fragment} in ${file}`);
    return { value, at };
  }

  private broken(ref: string, at: NodeRef, reason: BrokenRef['reason'], detail: string): undefined {
    const key = `${at.file}#${at.pointer}`;
    if (!this.brokenByKey.has(key)) this.brokenByKey.set(key, { ref, at, reason, detail });
    return undefined;
  }
}

/** The `$ref` string of a reference object, or undefined. */
export function refOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Record<string, unknown>).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

/**
 * The file (absolute) and the decoded fragment `ref`, written in `fromFile`, names; `remote` for a
 * URL this tool does not fetch, `bad-encoding` for a fragment that is not valid percent-encoding.
 * Whether the file was loaded and the fragment is a JSON pointer is the caller's to judge.
 */
export function refAddress(ref: string, fromFile: string): { file: string; fragment: string } | 'remote' | 'bad-encoding' {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.toLowerCase().startsWith('file:')) return 'remote';
  const hash = ref.indexOf('#');
  let fragment = hash === -1 ? '' : ref.slice(hash + 1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    return 'bad-encoding';
  }
  const file = hash === 0 || ref === '' ? fromFile : refFile(ref, fromFile);
  return file === undefined ? 'remote' : { file, fragment };
}

/** Whether a decoded fragment is a JSON pointer ('' is the whole file). */
export function isPointerFragment(fragment: string): boolean {
  return fragment === '' || fragment.startsWith('/');
}

/** The absolute file a reference names, or undefined for a remote or same-file reference. */
function refFile(ref: string, fromFile: string): string | undefined {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  if (filePart === '') return undefined;
  if (filePart.toLowerCase().startsWith('file:')) {
    try {
      return new URL(filePart).pathname;
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) return undefined;
  let path = filePart;
  try {
    path = decodeURIComponent(filePart);
  } catch {
    // Used as written.
  }
  return resolvePath(dirname(fromFile), path);
}

/** Every `$ref` string in a parsed file (iteratively: deep documents must not exhaust the stack). */
function collectRefs(root: unknown): string[] {
  const refs: string[] = [];
  const stack: unknown[] = [root];
  for (let node = stack.pop(); node !== undefined || stack.length > 0; node = stack.pop()) {
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else stack.push(value);
    }
  }
  return refs;
}
