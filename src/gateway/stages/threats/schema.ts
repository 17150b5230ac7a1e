// Config schema of the threats stage: paranoia levels, the anomaly threshold, the time budget, how much
// of a request is inspected, and the exclusions that tune false positives. The common keys (enabled,
// mode, failurePolicy) are added by the core; per-route overrides reuse this schema.
import { Type, type Static } from '@sinclair/typebox';
import { Bytes, Duration } from '../../../core/config/schema-types.js';

const Paranoia = (description: string) => Type.Integer({ minimum: 1, maximum: 4, description });
const Globs = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description });

export const threatsConfigSchema = Type.Object({
  paranoia: Type.Integer({ minimum: 1, maximum: 4, default: 1,
    description: 'blocking paranoia level (1-4): rules up to this level add to the anomaly score; higher levels catch more and risk more false positives' }),
  detectionParanoia: Type.Optional(Paranoia('rules above `paranoia` and up to this level also run, but only log (an `allowed` event): try a stricter level before it blocks; at least `paranoia`')),
  threshold: Type.Integer({ minimum: 1, default: 5,
    description: 'anomaly score that blocks (403); each distinct rule adds its severity: critical 5, high 4, medium 3, low 2' }),
  budget: Duration('50ms', {
    description: 'inspection time budget per request; past it the rest is not inspected and the failure policy applies (open: an `allowed` event; closed: 503)' }),
  inspectBody: Type.Boolean({ default: true, description: 'read and inspect request bodies (JSON, form, multipart, XML / SOAP, GraphQL, text)' }),
  limits: Type.Object({
    maxFields: Type.Integer({ minimum: 1, default: 2000, description: 'most strings (names and values) inspected per request; the rest is reported as truncated' }),
    maxFieldLength: Type.Integer({ minimum: 64, default: 65536, description: 'longest single value inspected, in characters; longer values are cut' }),
    maxRawBytes: Bytes('1mb', { description: 'most bytes of a text body of another type (or invalid JSON) inspected' }),
  }, { additionalProperties: false, default: {}, description: 'how much of a request is inspected' }),
  exclusions: Type.Array(Type.Object({
    rules: Globs('rule ids or globs (`sqli.union-select`, `xss.*`, `*`)'),
    locations: Type.Optional(Globs('input locations or globs (`body.$.comment`, `header.user-agent`, `query.q`, `body.$.*.html`); omitted: everywhere')),
    operations: Type.Optional(Globs('operationIds or `METHOD /template` of the route\'s OpenAPI document; omitted: every request')),
    reason: Type.String({ minLength: 1, description: 'why the exclusion is safe: kept for the next person who tunes it' }),
  }, { additionalProperties: false }), { default: [], description: 'rules that do not count at some locations (false-positive tuning); a per-route list replaces the global one' }),
}, { additionalProperties: false });

export type ThreatsConfig = Static<typeof threatsConfigSchema>;
