// Samples sent to the collector endpoint by sidecars and traffic mirrors: the wire format (a JSON
// Schema, documented in docs/discovery.md), checked before anything is learned, and turned into
// TrafficSamples with header names lowercased and defaults filled in.
import { randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import { createConfigAjv } from '../core/config/schema-validator.js';
import type { TrafficSample } from '../core/types.js';

const Headers = Type.Record(Type.String({ maxLength: 256 }), Type.String({ maxLength: 8192 }), { maxProperties: 100 });
const Body = Type.Object({
  contentType: Type.String({ maxLength: 256 }),
  size: Type.Integer({ minimum: 0 }),
  value: Type.Optional(Type.Unknown({ description: 'the parsed JSON body, or a form as an object of strings' })),
  truncated: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const collectedSampleSchema = Type.Object({
  requestId: Type.Optional(Type.String({ maxLength: 200 })),
  time: Type.Optional(Type.String({ format: 'date-time', description: 'when the request arrived; default: when the collector received it' })),
  route: Type.Optional(Type.String({ maxLength: 200 })),
  method: Type.String({ pattern: '^[A-Za-z]{1,16}$' }),
  path: Type.String({ pattern: '^/', maxLength: 8192, description: 'without the query string, percent-encoded as sent' }),
  query: Type.Optional(Type.Array(Type.Tuple([Type.String({ maxLength: 1024 }), Type.String({ maxLength: 8192 })]), { maxItems: 200, description: 'decoded name and value pairs, in order' })),
  host: Type.Optional(Type.String({ maxLength: 256 })),
  status: Type.Integer({ minimum: 100, maximum: 599 }),
  durationMs: Type.Optional(Type.Number({ minimum: 0 })),
  requestHeaders: Type.Optional(Headers),
  responseHeaders: Type.Optional(Headers),
  consumer: Type.Optional(Type.String({ maxLength: 256 })),
  requestBody: Type.Optional(Body),
  responseBody: Type.Optional(Body),
  clientCertificate: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export type CollectedSample = Static<typeof collectedSampleSchema>;

const validate = createConfigAjv().compile(collectedSampleSchema);

/** The sample as discovery takes it, or the first problem (`/status: must be >= 100`). */
export function toTrafficSample(input: unknown): TrafficSample | { problem: string } {
  if (!validate(input)) return { problem: describe(validate.errors?.[0]) };
  const sample = input as CollectedSample;
  return {
    requestId: sample.requestId ?? randomUUID(), time: sample.time === undefined ? new Date().toISOString() : new Date(sample.time).toISOString(),
    route: sample.route ?? '', method: sample.method.toUpperCase(), path: sample.path, status: sample.status, durationMs: sample.durationMs ?? 0,
    requestHeaders: lowercased(sample.requestHeaders), responseHeaders: lowercased(sample.responseHeaders), query: sample.query ?? [], source: 'collector',
    ...(sample.host !== undefined ? { host: sample.host } : {}),
    ...(sample.consumer !== undefined ? { consumer: sample.consumer } : {}),
    ...(sample.requestBody !== undefined ? { requestBody: sample.requestBody } : {}),
    ...(sample.responseBody !== undefined ? { responseBody: sample.responseBody } : {}),
    ...(sample.clientCertificate === true ? { clientCertificate: true } : {}),
  };
}

function lowercased(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'not a sample';
  const where = error.instancePath === '' ? '(sample)' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : '';
  return `${where}: ${error.message ?? 'invalid'}${extra}`;
}
