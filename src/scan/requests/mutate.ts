// Variations of a built request for the scan checks: one parameter or one JSON body field replaced
// by a payload, re-serialised like the original; and the list of places a payload can go.
import type { ParameterSpec } from '../../contract/index.js';
import { assembleRequest, type ParameterValue, type Problem, type RequestParts } from './assemble-request.js';
import type { BuiltRequest } from './build-request.js';
import { ownValueAt } from '../../core/request-values.js';
import { flattenAllOf, isRecord } from './schema-facts.js';

export type ParameterLocation = ParameterSpec['in'];

export interface InjectionPoint {
  readonly location: ParameterLocation | 'body';
  /** The parameter name, or for a body field its JSON pointer. */
  readonly name: string;
  readonly schema: unknown;
  /** The value the valid request carries there. */
  readonly value: unknown;
}

export interface RawOptions {
  /** Percent-encode the payload in the path or query (default); false sends it as is (`../`, `%00`). */
  readonly shouldEncode?: boolean;
}

/**
 * The request with one path, query, header or cookie parameter sent as `raw` text instead of its
 * styled value. A declared parameter the request did not carry (an optional one) is added.
 * Throws when the operation declares no such parameter: the caller asked for a place that is not there.
 */
export function withParameter(built: BuiltRequest, location: ParameterLocation, name: string, raw: string, options: RawOptions = {}): BuiltRequest {
  const key = location === 'header' ? name.toLowerCase() : name;
  const spec = built.parts.operation.parameters.find((p) => p.in === location && p.name === key);
  if (!spec) throw new Error(`${built.parts.operation.method} ${built.parts.operation.pathTemplate} declares no ${location} parameter ${name}`);
  const replacement: ParameterValue = { spec, value: raw, raw: { text: raw, shouldEncode: options.shouldEncode ?? true } };
  const present = built.parts.parameters.some((p) => p.spec === spec);
  const parameters = present ? built.parts.parameters.map((p) => (p.spec === spec ? replacement : p)) : [...built.parts.parameters, replacement];
  return rebuilt(built, { ...built.parts, parameters });
}

/**
 * The request with the body value at `pointer` (RFC 6901; '' for the whole body) replaced and the
 * body serialised again by its media type. Throws when there is no body or the pointer's parent is missing.
 */
export function withBodyField(built: BuiltRequest, pointer: string, value: unknown): BuiltRequest {
  const body = built.parts.body;
  if (!body) throw new Error(`the request for ${built.parts.operation.method} ${built.parts.operation.pathTemplate} has no body`);
  const segments = parsePointer(pointer);
  const last = segments.pop();
  if (last === undefined) return rebuilt(built, { ...built.parts, body: { ...body, value } });
  const copy = structuredClone(body.value);
  // Own properties only: a pointer through `constructor/prototype` must not reach Object.prototype.
  const parent = ownValueAt(copy, segments);
  if (!isRecord(parent) && !Array.isArray(parent)) throw new Error(`the body has no container at ${pointer}`);
  Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return rebuilt(built, { ...built.parts, body: { ...body, value: copy } });
}

/** Every parameter the request carries, then every string field of its body (JSON and form). */
export function injectionPoints(built: BuiltRequest): InjectionPoint[] {
  const points: InjectionPoint[] = built.parts.parameters.map((p) => ({ location: p.spec.in, name: p.spec.name, schema: p.spec.schema, value: p.value }));
  const body = built.parts.body;
  if (body && body.media.kind !== 'raw') collectStrings(body.value, body.media.schema, '', points);
  return points;
}

function collectStrings(value: unknown, schema: unknown, pointer: string, out: InjectionPoint[]): void {
  if (typeof value === 'string') {
    out.push({ location: 'body', name: pointer, schema: schema ?? {}, value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectStrings(item, childSchema(schema, index), `${pointer}/${index}`, out));
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) collectStrings(child, childSchema(schema, key), `${pointer}/${escapeSegment(key)}`, out);
  }
}

/** The schema of a property or item, through allOf and the first oneOf/anyOf branch that declares it. */
function childSchema(schema: unknown, key: string | number): unknown {
  if (!isRecord(schema)) return undefined;
  const flat = flattenAllOf(schema);
  if (typeof key === 'number') return Array.isArray(flat.prefixItems) && key < flat.prefixItems.length ? flat.prefixItems[key] as unknown : flat.items;
  if (isRecord(flat.properties) && Object.hasOwn(flat.properties, key)) return flat.properties[key];
  const branches: unknown[] = [...listOf(flat.oneOf), ...listOf(flat.anyOf)];
  for (const branch of branches) {
    const found = childSchema(branch, key);
    if (found !== undefined) return found;
  }
  return isRecord(flat.additionalProperties) ? flat.additionalProperties : undefined;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value as unknown[] : [];
}

function rebuilt(built: BuiltRequest, parts: RequestParts): BuiltRequest {
  const problems: Problem[] = [];
  const request = assembleRequest(parts, problems);
  return { ...built, request, ...(parts.body ? { bodyValue: parts.body.value } : {}), problems: [...built.problems, ...problems], parts };
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
