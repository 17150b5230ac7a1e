// Config schema of the contract-response stage: rule modes, what to strip, and how much of a
// response body may be buffered for inspection.
import { Type } from '@sinclair/typebox';
import { Bytes } from '../../../core/config/schema-types.js';
import { ruleModesSchema } from '../contract/schema.js';

export const RESPONSE_RULE_DEFAULTS = {
  'status-undeclared': 'enforce',
  'content-type-undeclared': 'enforce',
  'body-invalid': 'enforce',
  'undeclared-property': 'enforce',
  'write-only-property': 'enforce',
} as const;

export type ResponseRule = keyof typeof RESPONSE_RULE_DEFAULTS;

export const contractResponseConfigSchema = Type.Object({
  rules: ruleModesSchema(RESPONSE_RULE_DEFAULTS, true),
  strip: Type.Object({
    undeclared: Type.Boolean({ default: false, description: 'remove properties the response schema does not declare (excessive data exposure) instead of reporting only' }),
    writeOnly: Type.Boolean({ default: false, description: 'remove writeOnly properties (passwords, secrets) from responses instead of reporting only' }),
  }, { additionalProperties: false, default: {}, description: 'data-leak protection: what is removed from JSON responses' }),
  maxBodyBytes: Bytes('1mb', { description: 'largest response body buffered for inspection; larger ones stream through uninspected (event gateway.response-uninspected)' }),
  operations: Type.Record(Type.String({ minLength: 1 }), Type.Object({
    rules: Type.Optional(ruleModesSchema(RESPONSE_RULE_DEFAULTS, false)),
  }, { additionalProperties: false }), { default: {}, description: "per-operation rule modes, keyed by operationId or 'METHOD /path/{template}'" }),
});

export interface ContractResponseConfig {
  rules: Record<ResponseRule, 'enforce' | 'monitor' | 'off'>;
  strip: { undeclared: boolean; writeOnly: boolean };
  maxBodyBytes: number;
  operations: Record<string, { rules?: Partial<Record<ResponseRule, 'enforce' | 'monitor' | 'off'>> }>;
}
