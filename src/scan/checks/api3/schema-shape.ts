// What the API's checks need to know of a documented (dereferenced) schema: the properties an object
// declares, whether it admits others, and which schema documents a request or an answer.
import type { OperationSpec } from '../../../contract/index.js';

export type Schema = Record<string, unknown>;

/** allOf / oneOf / anyOf nest this deep at most before a schema is read as open. */
const MAX_COMBINATOR_DEPTH = 8;

export const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const branchesOf = (schema: Schema): Schema[] =>
  ['allOf', 'oneOf', 'anyOf'].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isSchema) : []));

/**
 * Every property the schema or any of its allOf / oneOf / anyOf branches declares, by name: a field
 * some branch documents is documented. The first declaration of a name wins.
 */
export function propertiesOf(schema: unknown, depth = 0): Map<string, Schema> {
  const found = new Map<string, Schema>();
  if (!isSchema(schema) || depth > MAX_COMBINATOR_DEPTH) return found;
  if (isSchema(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) if (isSchema(property)) found.set(name, property);
  }
  for (const branch of branchesOf(schema)) {
    for (const [name, property] of propertiesOf(branch, depth + 1)) if (!found.has(name)) found.set(name, property);
  }
  return found;
}

/**
 * Whether the schema documents which fields an object has: it declares properties somewhere. A
 * schema without any (a free-form object, `additionalProperties: {...}` maps) documents no field
 * names, so nothing in it is "undocumented".
 */
export const declaresFields = (schema: unknown): boolean => propertiesOf(schema).size > 0;

/** The schema of array items, through allOf / oneOf / anyOf. */
export function itemsOf(schema: unknown, depth = 0): unknown {
  if (!isSchema(schema) || depth > MAX_COMBINATOR_DEPTH) return undefined;
  if (schema.items !== undefined) return schema.items;
  for (const branch of branchesOf(schema)) {
    const items = itemsOf(branch, depth + 1);
    if (items !== undefined) return items;
  }
  return undefined;
}

const isJsonMedia = (mediaType: string): boolean => /^application\/(?:[a-z0-9.+-]{0,60}\+)?json\b/.test(mediaType) || mediaType === '*/*';

/** The JSON request body schema, if the operation takes one. */
export function requestSchemaOf(operation: OperationSpec): unknown {
  return operation.requestBody?.content.find((media) => isJsonMedia(media.mediaType))?.schema;
}

/** The JSON schema documented for an answer's status: the exact code, then `2XX`, then `default`. */
export function responseSchemaOf(operation: OperationSpec, status: number): unknown {
  const code = String(status);
  const response = operation.responses.find((candidate) => candidate.status === code)
    ?? operation.responses.find((candidate) => candidate.status.toUpperCase() === `${code[0] ?? ''}XX`)
    ?? operation.responses.find((candidate) => candidate.status === 'default');
  return response?.content.find((media) => isJsonMedia(media.mediaType))?.schema;
}

/** The schema documented for a successful answer of the operation, whatever its 2xx code. */
export function successSchemaOf(operation: OperationSpec): unknown {
  for (const status of [200, 201, 202, 203, 206]) {
    const schema = responseSchemaOf(operation, status);
    if (schema !== undefined) return schema;
  }
  return undefined;
}
