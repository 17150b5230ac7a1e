// The last segments of a JSON pointer, decoded: what findings need to name a node, read from the end
// of the pointer without decoding all of it (deep pointers are common, findings by the thousand).

import { decodeSegment } from '../../../pointer.js';

/** Up to `count` last segments of `pointer`, in document order. */
export function lastSegments(pointer: string, count: number): string[] {
  const segments: string[] = [];
  let end = pointer.length;
  while (segments.length < count && end > 0) {
    const start = pointer.lastIndexOf('/', end - 1);
    if (start < 0) break;
    const raw = pointer.slice(start + 1, end);
    segments.unshift(decodeSegment(raw));
    end = start;
  }
  return segments;
}

/** Whether `pointer` is `/<first>/<second>/<name>` exactly (`/components/schemas/User`). */
export function isDirectChild(pointer: string, prefix: string): boolean {
  return pointer.startsWith(prefix) && pointer.length > prefix.length && !pointer.includes('/', prefix.length);
}
