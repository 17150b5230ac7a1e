// Normalises the request path before routing and authorization (SECURITY-BASELINE.md): decodes
// percent-encoded unreserved characters (RFC 3986 §6.2.2.2), removes dot segments (§5.2.4), merges
// slashes, and rejects what different servers read differently: encoded '/' or '\', raw '\',
// NUL, bad percent-encoding and non-origin-form targets. One pass, linear in the path length.

export interface PathOptions {
  mergeSlashes: boolean;
}

export type PathResult =
  | { ok: true; path: string; query: string }
  | { ok: false; reason: 'not-origin-form' | 'encoded-separator' | 'backslash' | 'null-byte' | 'bad-encoding' | 'fragment' };

const HEX = '0123456789ABCDEF';

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function isUnreserved(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57)
    || code === 45 || code === 46 || code === 95 || code === 126;
}

export function normalizePath(target: string, options: PathOptions): PathResult {
  if (target.charCodeAt(0) !== 47) return { ok: false, reason: 'not-origin-form' };
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (rawPath.includes('#') || query.includes('#')) return { ok: false, reason: 'fragment' };

  // Fast path: nothing to decode, no dots, no doubled slashes.
  if (!/[%\\.]|\/\//.test(rawPath) && !rawPath.includes('\0')) return { ok: true, path: rawPath, query };

  let decoded = '';
  for (let i = 0; i < rawPath.length; i++) {
    const code = rawPath.charCodeAt(i);
    if (code === 92) return { ok: false, reason: 'backslash' };
    if (code === 0) return { ok: false, reason: 'null-byte' };
    if (code !== 37) {
      decoded += rawPath[i];
      continue;
    }
    const high = hexValue(rawPath.charCodeAt(i + 1));
    const low = hexValue(rawPath.charCodeAt(i + 2));
    if (high < 0 || low < 0) return { ok: false, reason: 'bad-encoding' };
    const byte = high * 16 + low;
    if (byte === 47 || byte === 92) return { ok: false, reason: 'encoded-separator' };
    if (byte === 0) return { ok: false, reason: 'null-byte' };
    decoded += isUnreserved(byte) ? String.fromCharCode(byte) : `%${HEX[high]}${HEX[low]}`;
    i += 2;
  }
  return { ok: true, path: removeDotSegments(decoded, options.mergeSlashes), query };
}

/** RFC 3986 §5.2.4 over segments; with mergeSlashes, empty segments are dropped (Envoy merge_slashes). */
function removeDotSegments(path: string, mergeSlashes: boolean): string {
  const segments = path.split('/');
  const output: string[] = [];
  const last = segments.length - 1;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '.' || segment === '..') {
      if (segment === '..') output.pop();
      if (i === last) output.push(''); // "/a/b/.." keeps its trailing slash: "/a/"
      continue;
    }
    if (segment === '' && mergeSlashes && i !== last) continue;
    output.push(segment);
  }
  return `/${output.join('/')}`;
}
