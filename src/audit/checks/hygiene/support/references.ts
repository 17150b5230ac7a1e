// Every reference written in the document's files: `$ref` strings and discriminator mappings, found by
// one iterative walk per subtree (no recursion: deep documents must not exhaust the stack). Literal
// data is skipped (`example`, `default`, `enum`, `const`, an Example object's `value`): a `$ref` key in
// a sample payload is data, not a reference. Whether a key is a keyword or a name is known from its
// parent, so a property called `example` is still walked.
import { isPointerFragment, refAddress, type AuditDocument, type Located, type NodeRef } from '../../../document.js';
import type { AuditApi } from '../../../model.js';
import { decodePointer, pointerOf } from '../../../pointer.js';

export interface RefSite {
  /** The reference as written (a bare discriminator mapping name is given as `#/components/schemas/<name>`). */
  readonly ref: string;
  /** The object holding the `$ref`, or the mapping entry. */
  readonly at: NodeRef;
  readonly kind: '$ref' | 'mapping';
}

/** Keywords whose children are names (properties, status codes, media types...), not keywords. */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'schemas', 'parameters', 'responses', 'headers',
  'requestBodies', 'securitySchemes', 'securityDefinitions', 'links', 'callbacks', 'pathItems', 'paths', 'webhooks', 'content',
  'encoding', 'variables', 'examples', 'mapping', 'scopes',
]);
/** Keywords whose values are literal data. */
const LITERAL_KEYS = new Set(['example', 'default', 'const', 'enum', 'x-example', 'x-examples']);

interface Entry {
  readonly value: unknown;
  readonly key: string | undefined;
  readonly parent: Entry | undefined;
  /** The key is a name in a name map (a property, a status code), not a keyword. */
  readonly keyIsName: boolean;
}

/** Calls `visit` for every reference in the subtree at `start`; `swagger` makes response `examples` literal. */
export function forEachRef(start: Located, swagger: boolean, visit: (site: RefSite) => void): void {
  const segments = decodePointer(start.at.pointer);
  const key = segments[segments.length - 1];
  const parentKey = segments[segments.length - 2];
  const grandparentKey = segments[segments.length - 3];
  // The start's parent stands in for the context above it (is the start an Example object? a mapping?).
  const context: Entry | undefined = parentKey === undefined ? undefined
    : { value: undefined, key: parentKey, parent: undefined, keyIsName: grandparentKey !== undefined && NAME_MAPS.has(grandparentKey) };
  const first: Entry = { value: start.value, key, parent: context, keyIsName: parentKey !== undefined && NAME_MAPS.has(parentKey) && context?.keyIsName !== true };
  const stack: Entry[] = [first];
  const pointerOfEntry = (entry: Entry): string => {
    const path: string[] = [];
    for (let current: Entry | undefined = entry; current !== undefined && current !== first; current = current.parent) path.push(current.key ?? '');
    return pointerOf(start.at.pointer, ...path.reverse());
  };
  // Only containers go on the stack: leaves hold no reference (mapping values are read from their map).
  if (start.value === null || typeof start.value !== 'object') return;
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value } = entry;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (item !== null && typeof item === 'object') stack.push({ value: item, key: String(index), parent: entry, keyIsName: false });
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    if (typeof object.$ref === 'string') visit({ ref: object.$ref, at: { file: start.at.file, pointer: pointerOfEntry(entry) }, kind: '$ref' });
    // A file's top level is an API description (keywords) or, in a shared file, a map of names.
    const childrenAreNames = entry.key === undefined ? !isApiRoot(object) : !entry.keyIsName && NAME_MAPS.has(entry.key);
    const isExampleObject = entry.keyIsName && entry.parent?.key === 'examples' && !entry.parent.keyIsName;
    const isMapping = entry.key === 'mapping' && !entry.keyIsName && entry.parent?.key === 'discriminator';
    for (const childKey of Object.keys(object)) {
      const child = object[childKey];
      if (isMapping) {
        if (typeof child === 'string') visit({ ref: mappingRef(child, swagger), at: { file: start.at.file, pointer: pointerOfEntry({ value: child, key: childKey, parent: entry, keyIsName: true }) }, kind: 'mapping' });
        continue;
      }
      if (child === null || typeof child !== 'object') continue;
      if (!childrenAreNames && (LITERAL_KEYS.has(childKey) || (childKey === 'value' && isExampleObject))) continue;
      if (!childrenAreNames && childKey === 'examples' && (Array.isArray(child) || swagger)) continue;
      stack.push({ value: child, key: childKey, parent: entry, keyIsName: childrenAreNames });
    }
  }
}

function isApiRoot(object: Record<string, unknown>): boolean {
  return typeof object.openapi === 'string' || typeof object.swagger === 'string';
}

/** A mapping value is a reference, or (OpenAPI 3) the name of a component schema. */
function mappingRef(value: string, swagger: boolean): string {
  if (value.includes('#') || value.includes('/') || value.includes('.')) return value;
  return swagger ? `#/definitions/${value}` : `#/components/schemas/${value}`;
}

const ALL_REFS = new WeakMap<AuditApi, readonly RefSite[]>();

/** Every reference in every file of the document (computed once per model). */
export function allRefs(api: AuditApi): readonly RefSite[] {
  const known = ALL_REFS.get(api);
  if (known !== undefined) return known;
  const sites: RefSite[] = [];
  const swagger = api.dialect === 'swagger-2.0';
  for (const [file, source] of api.document.files) forEachRef({ value: source.value, at: { file, pointer: '' } }, swagger, (site) => sites.push(site));
  ALL_REFS.set(api, sites);
  return sites;
}

const TRIED = new WeakSet<AuditApi>();

/**
 * Follows every reference of the document once, so `document.brokenRefs` holds them all (the model
 * follows only the references it walks: one under an unused component is never tried).
 */
export function tryAllRefs(api: AuditApi): void {
  if (TRIED.has(api)) return;
  TRIED.add(api);
  for (const site of allRefs(api)) {
    const value = site.kind === '$ref' ? api.document.get(site.at) : { $ref: site.ref };
    api.document.deref({ value, at: site.at });
  }
}

/** Where a reference written in `fromFile` points, as the document resolves it; undefined for remote or malformed ones. */
export function refTarget(document: AuditDocument, ref: string, fromFile: string): NodeRef | undefined {
  const address = refAddress(ref, fromFile);
  if (typeof address === 'string' || !isPointerFragment(address.fragment) || !document.files.has(address.file)) return undefined;
  return { file: address.file, pointer: address.fragment };
}
