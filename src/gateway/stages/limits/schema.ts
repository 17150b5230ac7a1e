// Config schema of the limits stage: request-size, JSON-shape and overload knobs, each defaulting to
// the value in SECURITY-BASELINE.md. The common keys (enabled, mode, failurePolicy) are added by the core.
import { Type, type Static } from '@sinclair/typebox';
import { Bytes, Duration } from '../../../core/config/schema-types.js';

// Nested objects default to {} so Ajv's useDefaults fills their inner defaults when a key is absent.
const MEDIA_TYPE = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

const section = { additionalProperties: false, default: {} } as const;

export const limitsConfigSchema = Type.Object({
  url: Type.Object({
    maxLength: Type.Integer({ minimum: 1, default: 8192, description: 'longest request target in characters (414)' }),
  }, { ...section, description: 'request target limits' }),
  query: Type.Object({
    maxParams: Type.Integer({ minimum: 0, default: 1000, description: 'most non-empty &-separated query pairs (400)' }),
  }, { ...section, description: 'query string limits' }),
  headers: Type.Object({
    // Envoy's edge default; Node accepts 2000 (SECURITY-BASELINE.md).
    maxCount: Type.Integer({ minimum: 1, default: 100, description: 'most request header lines (431)' }),
    // Envoy edge best practice: proxies and frameworks that map `_` to `-` (CGI, nginx, WSGI) let a
    // header such as `X_Auth_User` smuggle past a check on `X-Auth-User`.
    rejectUnderscores: Type.Boolean({ default: true, description: 'reject header names containing "_" (400)' }),
  }, { ...section, description: 'request header limits' }),
  body: Type.Object({
    maxBytes: Bytes('1mb', { description: 'largest body after content-encoding is undone (413)' }),
    maxBytesByMediaType: Type.Record(
      // type/subtype tokens (RFC 9110 §8.3.1) without parameters; other keys are reported as unknown.
      Type.String({ pattern: MEDIA_TYPE }),
      // A map value has no default of its own; `default: undefined` drops the one Bytes() requires.
      Bytes(0, { default: undefined, description: 'largest decoded body for this media type' }),
      { additionalProperties: false, default: {}, description: 'per media type (type/subtype, case-insensitive, no parameters) overrides of maxBytes, e.g. multipart/form-data: 10mb' },
    ),
    // Envoy's decompressor default max inflate ratio: a zip bomb costs at most ratio x wire bytes.
    maxInflateRatio: Type.Number({ minimum: 1, default: 100, description: 'largest decoded/encoded size ratio (413)' }),
  }, { ...section, description: 'request body limits' }),
  json: Type.Object({
    // ModSecurity allows depth 512; 64 is ample for real APIs and bounds parser/validator work.
    maxDepth: Type.Integer({ minimum: 1, default: 64, description: 'deepest nesting of JSON objects/arrays (400)' }),
    maxKeys: Type.Integer({ minimum: 0, default: 1000, description: 'most object members plus array items in a JSON body (400)' }),
    maxArrayItems: Type.Optional(Type.Integer({ minimum: 0, description: 'most items in any one JSON array (400); unset: only maxKeys bounds arrays. Set it per route where maxKeys is raised for bulk bodies' })),
  }, { ...section, description: 'JSON body shape limits' }),
  overload: Type.Object({
    shed: Type.Boolean({ default: true, description: 'answer 503 while the process is overloaded' }),
    retryAfter: Duration('5s', { description: 'Retry-After sent with the 503, rounded up to whole seconds' }),
  }, { ...section, description: 'load shedding (Envoy overload manager)' }),
});

export type LimitsConfig = Static<typeof limitsConfigSchema>;
