// Reads one path-like token of a value: where it starts and ends, how far its `..` segments climb, and
// whether it reaches a sensitive file. Its own segment walk rather than normalize/path-normalize.ts:
// filter-bypass forms (`....//`, `.../`) must count as parents, and the depth at each name matters.
import { isSensitiveFromRoot, isSensitiveName, isSystemFromRoot } from './sensitive-paths.js';

export interface PathAnalysis {
  /** Parent segments: `..`, the filter-doubling `....` and `...`, Tomcat's `..;param`. */
  readonly parents: number;
  /** Levels the path climbs above where it starts (its root, drive, or relative start). */
  readonly climb: number;
  /** Starts at a filesystem root: `/`, a drive (`C:\`), a UNC share or a URL's authority. */
  readonly isRooted: boolean;
  readonly isDrive: boolean;
  readonly isUnc: boolean;
  /** `file:` URL; other URLs (`https://host/...`) only count for their traversal. */
  readonly scheme: 'none' | 'file' | 'other';
  /** Names a sensitive file from a root (`/etc/passwd`), or a sensitive name anywhere (`.git`, `id_rsa`). */
  readonly isSensitive: boolean;
  /** Starts at a system directory (`/etc/nginx/...`, `/var/log/...`) without naming a sensitive file. */
  readonly isSystem: boolean;
  /** After a parent segment: a system directory or a sensitive name (the traversal's target). */
  readonly isSensitiveTarget: boolean;
  /** Named (non-dot, non-empty) segments. */
  readonly names: number;
}

const DRIVE = /^[a-z]:$/;
const SCHEME = /^[a-z][a-z0-9+.-]+:$/;

/** Where the token holding `index` starts: a path stops at whitespace, quotes, brackets and query syntax. */
export function tokenStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && !isBoundary(text.charCodeAt(start - 1))) start--;
  return start;
}

/** Where the token holding `index` ends: a loop over short tokens, a regex scan past LOOP_LIMIT characters. */
export function tokenEnd(text: string, index: number): number {
  // Setting up a regex search costs more than reading a short token; on a long blob (a base64 image
  // of `/`, 100 KB) the regex scan is several times faster than the loop.
  const limit = Math.min(text.length, index + LOOP_LIMIT);
  for (let at = index; at < limit; at++) if (isBoundary(text.charCodeAt(at))) return at;
  if (limit === text.length) return limit;
  BOUNDARY.lastIndex = limit;
  const match = BOUNDARY.exec(text);
  return match === null ? text.length : match.index;
}

const LOOP_LIMIT = 128;

/** `..` possibly padded with more dots (`....//` survives a filter deleting `../` once) or a `;` parameter. */
export function isParentSegment(segment: string): boolean {
  if (segment.length < 2 || segment.charCodeAt(0) !== 46 || segment.charCodeAt(1) !== 46) return false;
  for (let index = 2; index < segment.length; index++) {
    const code = segment.charCodeAt(index);
    if (code === 59) return true;
    if (code !== 46) return false;
  }
  return true;
}

export function analysePath(token: string): PathAnalysis {
  const segments = splitSegments(token);
  const head = readHead(segments, token);
  let depth = 0;
  let minDepth = 0;
  let parents = 0;
  let names = 0;
  let isSensitive = false;
  let isSystem = false;
  let isSensitiveTarget = false;
  const hasNames = head.scheme !== 'other';
  for (let index = head.pathStart; index < segments.length; index++) {
    const segment = segments[index]!;
    if (segment === '' || segment === '.' || segment.startsWith('.;')) continue;
    if (segment === PARENT) {
      parents++;
      depth--;
      if (depth < minDepth) minDepth = depth;
      continue;
    }
    names++;
    // At a root: the start of a rooted path, or anywhere a relative path has climbed above its start.
    const isAtRoot = (head.isRooted ? depth <= 0 : depth < 0) && (hasNames || parents > 0);
    const following = isAtRoot ? nextNames(segments, index) : undefined;
    if (following !== undefined && parents > 0 && isSystemFromRoot(following)) isSensitiveTarget = true;
    else if (following !== undefined && isSystemFromRoot(following)) isSystem = true;
    if ((following !== undefined && isSensitiveFromRoot(following)) || (hasNames && isSensitiveName(segment))) {
      isSensitive = true;
      if (parents > 0) isSensitiveTarget = true;
    }
    depth++;
  }
  return { parents, climb: minDepth === 0 ? 0 : -minDepth, isRooted: head.isRooted, isDrive: head.isDrive, isUnc: head.isUnc, scheme: head.scheme, isSensitive, isSystem, isSensitiveTarget, names };
}

/** Every parent segment, whatever its dots or parameters, reads as this one value. */
const PARENT = '..';
/** Longer segments are kept as they are: no sensitive name or root directory is this long. */
const MAX_NAME = 40;

/**
 * The token's segments, lowercased, with parent segments as `..`: one pass, and no copies of long
 * segments or of the 50 000 `../` an attacker may send.
 */
function splitSegments(token: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let index = 0; index <= token.length; index++) {
    const code = index < token.length ? token.charCodeAt(index) : 47;
    if (code !== 47 && code !== 92) continue;
    segments.push(segmentAt(token, start, index));
    start = index + 1;
  }
  return segments;
}

function segmentAt(token: string, start: number, end: number): string {
  if (end === start) return '';
  if (token.charCodeAt(start) === 46 && isParentSegment(token.slice(start, Math.min(end, start + MAX_NAME)))) return PARENT;
  if (end - start > MAX_NAME) return '~long';
  return token.slice(start, end).toLowerCase();
}

interface PathHead {
  readonly pathStart: number;
  readonly isRooted: boolean;
  readonly isDrive: boolean;
  readonly isUnc: boolean;
  readonly scheme: PathAnalysis['scheme'];
}

/** The root of the token: a URL's scheme and authority, a drive, a UNC host and share, or `/`. */
function readHead(segments: readonly string[], token: string): PathHead {
  const first = segments[0] ?? '';
  if (DRIVE.test(first)) return { pathStart: 1, isRooted: true, isDrive: true, isUnc: false, scheme: 'none' };
  if (SCHEME.test(first)) {
    const scheme = first === 'file:' ? 'file' : 'other';
    // `file:/etc/passwd` has no authority; `file:///etc/passwd` an empty one; `file://c:/` a drive.
    let pathStart = segments[1] === '' ? 3 : 1;
    if (DRIVE.test(segments[pathStart] ?? '')) pathStart++;
    return { pathStart, isRooted: true, isDrive: false, isUnc: false, scheme };
  }
  if (first !== '') return { pathStart: 0, isRooted: false, isDrive: false, isUnc: false, scheme: 'none' };
  // `\\host\share\...` (UNC); `//etc/passwd` is just `/etc/passwd` to a Unix kernel.
  const isUnc = token.startsWith('\\\\') && (segments[2] ?? '') !== '';
  return { pathStart: isUnc ? 4 : 1, isRooted: true, isDrive: false, isUnc, scheme: 'none' };
}

/** Up to three named segments from `index` (skipping empty and `.` ones): enough for the root tables. */
function nextNames(segments: readonly string[], index: number): string[] {
  const names: string[] = [];
  for (let at = index; at < segments.length && names.length < 3; at++) {
    const segment = segments[at]!;
    if (segment === '' || segment === '.') continue;
    if (segment === PARENT) break;
    names.push(segment);
  }
  return names;
}

/** Whitespace and the punctuation paths do not contain in requests: quotes, brackets, `,|=?&`. */
// The engine has removed the other C0 controls, so `\s` covers what the table's `<= 32` does.
const BOUNDARY = /[\s"'`<>()[\]{},|=?&]/g;
const BOUNDARY_PUNCTUATION = '"\'`<>()[]{},|=?&';
const BOUNDARIES = boundaryTable();

/** A table of the boundary characters (ASCII: 1 for a boundary), for token-triage.ts to read without a call. */
export function boundaryTable(): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code <= 32; code++) table[code] = 1;
  for (const char of BOUNDARY_PUNCTUATION) table[char.charCodeAt(0)] = 1;
  return table;
}

function isBoundary(code: number): boolean {
  return code < 128 && BOUNDARIES[code] === 1;
}
