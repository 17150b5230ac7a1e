// Config schema of sensitive-data classification: built-in types to turn off, and custom types
// recognised by field names and/or a value pattern (RE2 syntax, run in linear time by re2js).
import { Type, type Static } from '@sinclair/typebox';
import { BUILTIN_SENSITIVE_TYPES } from './classifier.js';

/** Custom type names become `custom:<name>` in the inventory and in events. */
export const CUSTOM_TYPE_NAME = '^[a-z][a-z0-9-]{0,47}$';

export const customSensitiveTypeSchema = Type.Object({
  name: Type.String({ pattern: CUSTOM_TYPE_NAME, description: 'reported as `custom:<name>`: lowercase letters, digits and dashes' }),
  description: Type.Optional(Type.String({ maxLength: 200, description: 'what the type is, for the inventory and the docs' })),
  keys: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
    minItems: 1, maxItems: 100,
    description: 'field names that hold the type, compared normalised (lowercase, separators removed: employee_id = employeeId); `*` matches any run of characters (`*iban*`)',
  })),
  valuePattern: Type.Optional(Type.String({
    minLength: 1, maxLength: 1000,
    description: 'RE2 regular expression the whole value must match (no backreferences or lookaround; linear time). With keys: both must match; alone: checked on every value',
  })),
}, { additionalProperties: false });

export const sensitiveConfigSchema = Type.Object({
  disabled: Type.Array(Type.Union(BUILTIN_SENSITIVE_TYPES.map((id) => Type.Literal(id))), {
    default: [], uniqueItems: true, description: 'built-in types not to report (for instance `postal-address`)',
  }),
  custom: Type.Array(customSensitiveTypeSchema, {
    default: [], maxItems: 100, description: 'types of your own: each needs `keys`, `valuePattern` or both',
  }),
}, { additionalProperties: false });

export type CustomSensitiveTypeConfig = Static<typeof customSensitiveTypeSchema>;
export type SensitiveConfig = Static<typeof sensitiveConfigSchema>;
