// Whether a concrete path is one the document describes, with any of its base paths: the API9 checks
// report only what the document does not know about.
import type { ApiModel } from '../../../contract/index.js';

// Braces stay: they mark the template's parameters, replaced below.
const escape = (text: string): string => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** A matcher compiled once per scan: `/orders/{id}` matches `/orders/7`, never `/orders/7/items`. */
export function documentedPaths(api: ApiModel): (path: string) => boolean {
  const patterns = api.operations.flatMap((operation) => operation.basePaths.map((base) => {
    const source = escape(`${base}${operation.pathTemplate}`).replace(/\{[^{}/]{1,200}\}/g, '[^/]+');
    return new RegExp(`^${source}/?$`);
  }));
  return (path) => {
    const bare = path.split('?')[0] ?? '';
    return patterns.some((pattern) => pattern.test(bare));
  };
}
