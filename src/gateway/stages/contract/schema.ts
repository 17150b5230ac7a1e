// Config schema of the contract stage: the mode of each rule, what counts as a known header or
// cookie, parser limits for XML and multipart bodies, and per-operation overrides. The OpenAPI
// document itself is named per route (`routes[].openapi`).
import { Type, type TSchema } from '@sinclair/typebox';
import { Bytes } from '../../../core/config/schema-types.js';

export const CONTRACT_RULE_DEFAULTS = {
  'unknown-path': 'enforce',
  'method-not-allowed': 'enforce',
  'security-missing': 'enforce',
  'parameter-invalid': 'enforce',
  'unknown-query': 'enforce',
  // Clients, proxies and tracing add headers and cookies no API document lists; reported, not blocked.
  'unknown-header': 'monitor',
  'unknown-cookie': 'monitor',
  'body-required': 'enforce',
  'content-type-unsupported': 'enforce',
  'body-malformed': 'enforce',
  'body-too-large': 'enforce',
  'body-invalid': 'enforce',
  'mass-assignment': 'enforce',
  'undeclared-property': 'monitor',
  'read-only-property': 'enforce',
  'file-type-not-allowed': 'enforce',
} as const;

export type ContractRule = keyof typeof CONTRACT_RULE_DEFAULTS;

export const RuleModeSchema = Type.Union([Type.Literal('enforce'), Type.Literal('monitor'), Type.Literal('off')]);

export function ruleModesSchema(defaults: Readonly<Record<string, string>>, withDefaults: boolean): TSchema {
  return Type.Object(Object.fromEntries(Object.entries(defaults).map(([rule, mode]) => [rule, withDefaults
    ? Type.Union([Type.Literal('enforce'), Type.Literal('monitor'), Type.Literal('off')], { default: mode })
    : Type.Optional(RuleModeSchema)])), { additionalProperties: false, ...(withDefaults ? { default: {} } : {}) });
}

const section = { additionalProperties: false, default: {} } as const;

export const contractConfigSchema = Type.Object({
  rules: ruleModesSchema(CONTRACT_RULE_DEFAULTS, true),
  allowedHeaders: Type.Array(Type.String({ pattern: '^[!#$%&\'*+.^_`|~0-9A-Za-z-]+$' }), {
    default: [], description: 'request headers never reported as unknown, besides the built-in list of standard, CORS, forwarding and tracing headers',
  }),
  allowedCookies: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'cookies never reported as unknown' }),
  maxQueryParameters: Type.Integer({ minimum: 1, default: 1000, description: 'most query pairs, and most fields of a form body, parsed for validation (400 beyond)' }),
  xml: Type.Object({
    maxDepth: Type.Integer({ minimum: 1, default: 64, description: 'deepest element nesting (400)' }),
    maxNodes: Type.Integer({ minimum: 1, default: 10_000, description: 'most elements plus attributes (400)' }),
    maxTextBytes: Bytes('1mb', { description: 'most characters of text and attribute values (400)' }),
  }, { ...section, description: 'XML bodies: no DTD or entities ever; these bound the rest' }),
  multipart: Type.Object({
    maxParts: Type.Integer({ minimum: 1, default: 100, description: 'most fields plus files' }),
    maxFiles: Type.Integer({ minimum: 0, default: 10, description: 'most files' }),
    maxFileBytes: Bytes('10mb', { description: 'largest file (the body limit of the limits stage applies first)' }),
    maxFieldBytes: Bytes('64kb', { description: 'largest text field' }),
    allowedFileTypes: Type.Array(Type.String({ minLength: 1 }), {
      default: [], description: "media ranges files may have when the document's encoding.contentType says nothing; [] allows any",
    }),
  }, { ...section, description: 'multipart/form-data bodies' }),
  operations: Type.Record(Type.String({ minLength: 1 }), Type.Object({
    rules: Type.Optional(ruleModesSchema(CONTRACT_RULE_DEFAULTS, false)),
  }, { additionalProperties: false }), { default: {}, description: "per-operation rule modes, keyed by operationId or 'METHOD /path/{template}'" }),
});

export interface ContractConfig {
  rules: Record<ContractRule, 'enforce' | 'monitor' | 'off'>;
  allowedHeaders: string[];
  allowedCookies: string[];
  maxQueryParameters: number;
  xml: { maxDepth: number; maxNodes: number; maxTextBytes: number };
  multipart: { maxParts: number; maxFiles: number; maxFileBytes: number; maxFieldBytes: number; allowedFileTypes: string[] };
  operations: Record<string, { rules?: Partial<Record<ContractRule, 'enforce' | 'monitor' | 'off'>> }>;
}

