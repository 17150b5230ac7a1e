// Example values are data, not references: a `$ref` member inside one (GitHub's description has a
// SCIM resource whose `$ref` is an https URL) must neither be fetched nor make the document fail.
// Remote references anywhere else are still refused: a document must not make us fetch URLs.

/** What a remote `$ref` resolves to while loading; found outside an example, it is refused. */
export const UNRESOLVED_REMOTE = 'x-bulwark-unresolved-remote-ref';

/**
 * Maps whose keys are names chosen by the author: `properties/example` is a property named
 * `example`, not the `example` keyword.
 */
const NAMED_MAPS: ReadonlySet<string> = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'schemas', 'responses',
  'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks',
  'pathItems', 'paths', 'content', 'encoding', 'variables', 'mapping', 'webhooks',
]);

/** A JSON pointer segment unescaped (`~1` is `/`, `~0` is `~`); our pointers are not URI-encoded. */
function decode(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The ref parser gives a reference's hash URI-encoded; a malformed escape is kept as written. */
function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * True for a JSON pointer (`#/paths/~1a/get/...`, as the ref parser gives it) at or below an example
 * value: the `example` keyword, an Example Object's `value`, a JSON Schema `examples` item, or a
 * Swagger 2.0 response example (keyed by media type).
 */
export function isExampleValuePath(pointer: string): boolean {
  const hash = pointer.indexOf('#');
  const segments = (hash === -1 ? pointer : pointer.slice(hash + 1)).split('/').filter((segment) => segment !== '').map(decode);
  // Keywords and author-chosen names alternate below a named map: track which one this segment is.
  let isName = false;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if (!isName && segment === 'example') return true;
    if (!isName && segment === 'examples') {
      const next = segments[index + 1];
      if (next !== undefined && (/^\d+$/.test(next) || next.includes('/') || segments[index + 2] === 'value')) return true;
    }
    isName = !isName && NAMED_MAPS.has(segment);
  }
  return false;
}

/** `#/A/B` → `{ A: { B: marker } }`: the pointer of the reference resolves to the marker. */
function markerAt(hash: string, marker: Record<string, string>): unknown {
  const tokens = hash.replace(/^#\/?/, '').split('/').filter((token) => token !== '').map((token) => decode(decodeUri(token)));
  return tokens.reduceRight<unknown>((inner, token) => ({ [token]: inner }), marker);
}

/**
 * The http resolver, replaced: it reads nothing and answers a marker, so a reference inside an
 * example does not fail the load. It never touches the network.
 */
const REMOTE = /^https?:\/\//i;

export const remoteRefMarker = {
  canRead: REMOTE,
  read: (file: { url: string; hash?: string }): string => JSON.stringify(markerAt(file.hash ?? '', { [UNRESOLVED_REMOTE]: `${file.url}${file.hash ?? ''}` })),
};


/**
 * The pointer and URL of the first remote reference outside examples: a `$ref` to http(s) in a
 * document as written, or the marker left where one was dereferenced.
 */
export function findRemoteRef(document: unknown): { pointer: string; url: string } | undefined {
  const seen = new Set<object>();
  const walk = (value: unknown, pointer: string): { pointer: string; url: string } | undefined => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const marker = record[UNRESOLVED_REMOTE];
    if (typeof marker === 'string') return { pointer, url: marker };
    const ref = record.$ref;
    if (typeof ref === 'string' && REMOTE.test(ref)) return { pointer, url: ref };
    for (const [key, child] of Object.entries(value)) {
      const path = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (isExampleValuePath(path)) continue;
      const found = walk(child, path);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(document, '');
}
