// The JSON Schema (2020-12, as in OpenAPI 3.1) shapes that schema inference emits and drift reads.

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export const JSON_TYPES: readonly JsonType[] = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];

/** The keywords inference emits and drift reads; any other keyword may be present (documents carry more). */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema | boolean>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  patternProperties?: Record<string, JsonSchema | boolean>;
  items?: JsonSchema | boolean | (JsonSchema | boolean)[];
  prefixItems?: (JsonSchema | boolean)[];
  oneOf?: (JsonSchema | boolean)[];
  anyOf?: (JsonSchema | boolean)[];
  allOf?: (JsonSchema | boolean)[];
  /** OpenAPI 3.0 only; 3.1 writes `type: [..., 'null']`. Read by drift, never emitted. */
  nullable?: boolean;
  examples?: unknown[];
  [keyword: string]: unknown;
}

/** A scalar value an example may hold: the learners keep no objects or arrays as examples. */
export type ScalarValue = string | number | boolean;

/** What toSchema emits beyond types and structure; every value-revealing part is opt-in or suppressible. */
export interface SchemaOutputOptions {
  /** Observed minimum/maximum, minLength/maxLength, minItems/maxItems (default false: observed bounds are not limits). */
  readonly withStatistics?: boolean;
  /** `enum` for low-cardinality strings (default true). */
  readonly withEnums?: boolean;
  /** Observations a location needs before its values may form an enum (default 30). */
  readonly minEnumObservations?: number;
  /** Times each value must have been seen to be listed (default 2): a value seen once may be one user's data. */
  readonly minEnumValueCount?: number;
  /** Locations whose values (enum, examples, minimum/maximum) are never emitted, nor those of anything below. */
  readonly isSensitive?: (pointer: string) => boolean;
  /** Examples are emitted only with this policy (and a learner created with keepExamples): it masks a value or drops it (undefined). */
  readonly example?: (pointer: string, value: ScalarValue) => ScalarValue | undefined;
}

/** RFC 6901 escaping of one segment. Array items and map values are written `*` in inference pointers. */
export function escapePointerSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replaceAll('~', '~0').replaceAll('/', '~1') : segment;
}
