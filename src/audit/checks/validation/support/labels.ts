// How findings name what they are about: a schema by its property, parameter, header or component
// name where the location tells it, else by its pointer; an operation as `POST /users`.
import type { NodeRef } from '../../../document.js';
import { HTTP_METHODS, isObject, type AuditApi, type OperationInfo, type SchemaInfo } from '../../../model.js';
import { decodePointer } from '../../../pointer.js';
import type { AuditedSchema } from './all-schemas.js';
import { isDirectChild, lastSegments } from './pointer-tail.js';

export function operationLabel(operation: Pick<OperationInfo, 'method' | 'path'>): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** `property \`name\``, `query parameter \`q\``, `schema \`User\``, `the items of ...`, or `the schema at \`/pointer\``. */
export function schemaLabel(api: AuditApi, info: Pick<SchemaInfo, 'schema'>): string {
  return labelAt(api, info.schema.value, info.schema.at, true);
}

function labelAt(api: AuditApi, value: unknown, at: NodeRef, mayRecurse: boolean): string {
  const [grandparent, parent, last] = padded(lastSegments(at.pointer, 3));
  if (last !== undefined && parent === 'properties') return `property \`${last}\``;
  // A Swagger 2.0 non-body parameter is its own schema.
  const parameter = parameterName(value);
  if (parameter !== undefined) return parameter;
  if (last !== undefined && (isDirectChild(at.pointer, '/components/schemas/') || isDirectChild(at.pointer, '/definitions/'))) return `schema \`${last}\``;
  if (last !== undefined && parent === 'headers') return `header \`${last}\``;
  if (last === 'schema' && parent !== undefined) {
    if (grandparent === 'headers') return `header \`${parent}\``;
    const body = bodyLabel(at.pointer);
    if (body !== undefined) return body;
    // `parameters/0/schema`, or `parameters/0/content/<media type>/schema`.
    const up = grandparent === 'content' ? 3 : 1;
    const holder = parameterName(api.document.get({ file: at.file, pointer: pointerWithout(at.pointer, up) }));
    if (holder !== undefined) return holder;
  }
  if (last === 'items' && mayRecurse) {
    const parentAt = { file: at.file, pointer: pointerWithout(at.pointer, 1) };
    return `the items of ${labelAt(api, api.document.get(parentAt), parentAt, false)}`;
  }
  return `the schema at \`${at.pointer === '' ? '/' : at.pointer}\``;
}

/**
 * The body a top-level schema describes, from its pointer: `the POST /users request body
 * (application/json)`, `the 200 response of GET /users`, `request body \`Pet\``.
 */
function bodyLabel(pointer: string): string | undefined {
  const segments = decodePointer(pointer);
  const [first, second, third, fourth, fifth, sixth] = segments;
  const count = segments.length;
  if ((first === 'paths' || first === 'webhooks') && second !== undefined && third !== undefined && isMethod(third)) {
    const operation = first === 'paths' ? `${third.toUpperCase()} ${second}` : `${third.toUpperCase()} of webhook \`${second}\``;
    if (fourth === 'requestBody' && count === 7 && fifth === 'content') return `the ${operation} request body (${sixth ?? ''})`;
    if (fourth === 'responses' && fifth !== undefined && (count === 6 || (count === 8 && sixth === 'content'))) return `the ${fifth} response of ${operation}`;
  }
  if (first === 'components' && second === 'requestBodies' && count === 6 && third !== undefined) return `request body \`${third}\` (${fifth ?? ''})`;
  if (first === 'components' && second === 'responses' && count === 6 && third !== undefined) return `response \`${third}\``;
  if (first === 'responses' && count === 3 && second !== undefined) return `response \`${second}\``;
  return undefined;
}

function isMethod(key: string): boolean {
  return (HTTP_METHODS as readonly string[]).includes(key);
}

function parameterName(value: unknown): string | undefined {
  return isObject(value) && typeof value.in === 'string' && typeof value.name === 'string' ? `${value.in} parameter \`${value.name}\`` : undefined;
}

/** `pointer` without its last `count` segments. */
function pointerWithout(pointer: string, count: number): string {
  let end = pointer.length;
  for (let removed = 0; removed < count && end > 0; removed++) end = pointer.lastIndexOf('/', end - 1);
  return pointer.slice(0, Math.max(end, 0));
}

/** Three segments, the missing first ones undefined. */
function padded(segments: string[]): [string | undefined, string | undefined, string | undefined] {
  const offset = 3 - segments.length;
  return [segments[0 - offset], segments[1 - offset], segments[2 - offset]];
}

/** A note for findings on schemas no request reads. */
export function usageNote(info: AuditedSchema): string {
  if (info.origin === 'stray') return ' (a schema-like object where no schema belongs, such as an example value)';
  if (info.usage.request) return '';
  return info.usage.response ? ' (in responses only)' : ' (in no operation\'s request or response)';
}

