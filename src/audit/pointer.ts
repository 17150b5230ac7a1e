// JSON pointers (RFC 6901), the audit's way of naming a node: `/paths/~1users~1{id}/get`.

/** The pointer of `segments` below `base` ('' is the whole document). */
export function pointerOf(base: string, ...segments: readonly (string | number)[]): string {
  let pointer = base;
  for (const segment of segments) {
    const text = String(segment);
    pointer += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return pointer;
}

/** The unescaped segments of `pointer`; [] for ''. A leading `#` (a URI fragment) is allowed. */
export function decodePointer(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return [];
  const segments = body.slice(1).split('/');
  return body.includes('~') ? segments.map(decodeSegment) : segments;
}

/** One segment of a pointer unescaped (`~1` is `/`, `~0` is `~`). */
export function decodeSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/** The value at `pointer` in `root`, or undefined. Own properties only: `__proto__` is never followed. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of decodePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
