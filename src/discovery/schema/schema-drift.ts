// Drift between a documented schema (OpenAPI 3.0 or 3.1, dereferenced) and one learned from traffic:
// fields the document lacks, fields traffic never showed, types, formats and required-ness that differ.
import { escapePointerSegment, JSON_TYPES } from './json-schema.js';
import type { JsonSchema, JsonType } from './json-schema.js';
import { INFERRED_FORMATS } from './string-formats.js';
import { admits, patternSchema, viewOf } from './schema-view.js';
import type { SchemaView } from './schema-view.js';

export type DriftKind = 'undocumented-field' | 'type-mismatch' | 'never-seen-field' | 'format-mismatch' | 'required-mismatch';

export interface SchemaDifference {
  /** RFC 6901 pointer into the data; `*` stands for any array item or map value. */
  readonly pointer: string;
  readonly kind: DriftKind;
  readonly documented?: string;
  readonly observed?: string;
}

export interface DriftOptions {
  /** Requests never carry readOnly properties and responses never carry writeOnly ones: they are not "never seen". */
  readonly direction?: 'request' | 'response';
}

type Schema = JsonSchema | boolean;

/** Learned schemas are at most maxDepth deep; the cap only matters for hand-written cyclic ones. */
const MAX_DEPTH = 64;

/** Only formats inference can confirm are compared: for others, a learned schema without a format proves nothing. */
const COMPARABLE_FORMATS: ReadonlySet<string> = new Set(INFERRED_FORMATS);

export function compareSchemas(documented: Schema, learned: Schema, pointer = '', options: DriftOptions = {}): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  compareAt(documented, learned, pointer, { options, differences, depth: 0 });
  return differences;
}

interface Walk {
  readonly options: DriftOptions;
  readonly differences: SchemaDifference[];
  readonly depth: number;
}

function compareAt(documented: Schema, learned: Schema, pointer: string, walk: Walk): void {
  if (walk.depth > MAX_DEPTH) return;
  const doc = viewOf(documented);
  const seen = viewOf(learned);
  // A learned `{}` saw no value here: nothing to compare.
  if (seen.types === undefined) return;
  if ([...seen.types].some((type) => !admits(doc.types, type))) {
    walk.differences.push({ pointer, kind: 'type-mismatch', documented: describeTypes(doc.types), observed: describeTypes(seen.types) });
  }
  if (seen.types.has('string') && admits(doc.types, 'string')) compareFormats(doc, seen, pointer, walk);
  if (seen.types.has('object') && admits(doc.types, 'object')) compareObjects(doc, seen, pointer, walk);
  if (seen.types.has('array') && admits(doc.types, 'array') && doc.items !== undefined && seen.items !== undefined) {
    compareAt(doc.items, seen.items, `${pointer}/*`, { ...walk, depth: walk.depth + 1 });
  }
}

function compareFormats(doc: SchemaView, seen: SchemaView, pointer: string, walk: Walk): void {
  const documented = [...doc.formats].filter((format) => COMPARABLE_FORMATS.has(format));
  if (documented.length === 0 || documented.some((format) => seen.formats.has(format))) return;
  walk.differences.push({ pointer, kind: 'format-mismatch', documented: documented.join(' | '), observed: [...seen.formats].join(' | ') || 'none' });
}

function compareObjects(doc: SchemaView, seen: SchemaView, pointer: string, walk: Walk): void {
  const below = { ...walk, depth: walk.depth + 1 };
  // Learned as a map (keys were ids): compare values with the documented map values, if any.
  if (!seen.hasProperties) {
    if (seen.additional !== undefined && doc.additional !== undefined) compareAt(doc.additional, seen.additional, `${pointer}/*`, below);
    return;
  }
  for (const [key, learned] of seen.properties) {
    const child = `${pointer}/${escapePointerSegment(key)}`;
    const documented = doc.properties.get(key) ?? patternSchema(doc, key) ?? doc.additional;
    if (documented === undefined) {
      walk.differences.push({ pointer: child, kind: 'undocumented-field', observed: describeTypes(viewOf(learned).types) });
      continue;
    }
    if (doc.required.has(key) && !seen.required.has(key)) {
      walk.differences.push({ pointer: child, kind: 'required-mismatch', documented: 'required', observed: 'optional' });
    }
    compareAt(documented, learned, child, below);
  }
  for (const [key, documented] of doc.properties) {
    if (seen.properties.has(key) || isOneWay(viewOf(documented), walk.options)) continue;
    const required = doc.required.has(key) ? ' (required)' : '';
    walk.differences.push({ pointer: `${pointer}/${escapePointerSegment(key)}`, kind: 'never-seen-field', documented: describeTypes(viewOf(documented).types) + required });
  }
}

function isOneWay(view: SchemaView, options: DriftOptions): boolean {
  return (options.direction === 'request' && view.isReadOnly) || (options.direction === 'response' && view.isWriteOnly);
}

/** "integer | null", in JSON_TYPES order; "any" for no constraint, "none" for `false`. */
function describeTypes(types: ReadonlySet<JsonType> | undefined): string {
  if (types === undefined) return 'any';
  if (types.size === 0) return 'none';
  return JSON_TYPES.filter((type) => types.has(type)).join(' | ');
}
