// Builds a stage the way the core does: its config through the stage's schema (defaults filled,
// `enabled` / `mode` / `failurePolicy` added) and its factory with quiet dependencies. For the
// unit tests beside each stage.
import assert from 'node:assert/strict';
import { Type, type TObject } from '@sinclair/typebox';
import { pino } from 'pino';
import { validate, type ConfigProblem } from '../../src/core/config/load-config.js';
import { fixedOverload } from '../../src/gateway/overload.js';
import { stageConfigSchema } from '../../src/gateway/stage-config.js';
import type { Stage, StageDefinition, StageDeps } from '../../src/gateway/stage.js';

const schemas = new Map<string, TObject>();

/** Nested as the core nests it (`stages.<name>`): Ajv strict mode refuses a default at the schema root. */
function schemaOf(definition: StageDefinition<never>): TObject {
  let schema = schemas.get(definition.name);
  if (!schema) schemas.set(definition.name, schema = Type.Object({ [definition.name]: stageConfigSchema(definition) }));
  return schema;
}

/** The problems the core would report for `stages.<name>: raw`. */
export function stageConfigProblems(definition: StageDefinition<never>, raw: unknown): ConfigProblem[] {
  return validate({ [definition.name]: structuredClone(raw) }, schemaOf(definition));
}

/** The validated config (defaults applied); fails the test when `raw` is invalid. */
export function stageConfig<C>(definition: StageDefinition<never>, raw: unknown = {}): C {
  const value: Record<string, unknown> = { [definition.name]: structuredClone(raw) };
  assert.deepEqual(validate(value, schemaOf(definition)), []);
  return value[definition.name] as C;
}

export function createTestStage(definition: StageDefinition<never>, raw: unknown = {}, deps: Partial<StageDeps> = {}): Stage {
  return definition.create(stageConfig(definition, raw), { logger: pino({ enabled: false }), overload: fixedOverload(), isTrustedProxy: () => false, ...deps });
}
