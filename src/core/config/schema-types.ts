// Schema builders for the unit-bearing values every config schema uses; their static type is the
// converted number, since the `x-unit` keyword (schema-validator.ts) converts while validating.
import { Type, type TSchema, type TUnsafe, type SchemaOptions } from '@sinclair/typebox';

/** A duration: "10s", "250ms", "5m", or a number of milliseconds. Static type: milliseconds. */
export function Duration(defaultValue: string | number, options: SchemaOptions = {}): TUnsafe<number> {
  return Type.Unsafe<number>({ type: ['number', 'string'], 'x-unit': 'duration', default: defaultValue, ...options });
}

/** A size: "16kb", "1mb", or a number of bytes. Static type: bytes. */
export function Bytes(defaultValue: string | number, options: SchemaOptions = {}): TUnsafe<number> {
  return Type.Unsafe<number>({ type: ['number', 'string'], 'x-unit': 'bytes', default: defaultValue, ...options });
}

/** What a stage does when it fails (a bug or an outage of a dependency), as opposed to denying. */
export const FailurePolicy = Type.Union([Type.Literal('open'), Type.Literal('closed')], {
  description: 'open lets the request through with an event; closed answers 503',
});

export type { TSchema };
