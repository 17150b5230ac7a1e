// The keys every stage's config has besides its own options (enabled, mode, failurePolicy), and the
// merge of a route's override over the global stage config. Overrides reuse the same schema.
import { Type, type TObject } from '@sinclair/typebox';
import { FailurePolicy } from '../core/config/schema-types.js';
import type { StageDefinition } from './stage.js';

export interface CommonStageConfig {
  enabled: boolean;
  mode: 'enforce' | 'monitor';
  failurePolicy?: 'open' | 'closed';
}

/** The full schema of `stages.<name>`: the common keys plus the stage's own options. */
export function stageConfigSchema(definition: StageDefinition<never>): TObject {
  return Type.Object({
    enabled: Type.Boolean({ default: definition.enabledByDefault, description: 'run this stage' }),
    mode: Type.Union([Type.Literal('enforce'), Type.Literal('monitor')], {
      default: definition.defaultMode ?? 'enforce', description: 'enforce denies; monitor records what it would deny and lets the request through',
    }),
    failurePolicy: Type.Optional(FailurePolicy),
    ...definition.configSchema.properties,
  }, { additionalProperties: false, description: definition.description });
}

/** Deep merge for config objects: objects merge key by key, arrays and scalars are replaced. */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? structuredClone(base) : structuredClone(override);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) out[key] = mergeConfig(out[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
