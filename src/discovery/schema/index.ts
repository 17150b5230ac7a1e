// Schema inference's public surface: learners for bodies and parameters, their state, and drift.
export { createSchemaLearner, restoreSchemaLearner, DEFAULT_LEARNER_LIMITS } from './schema-learner.js';
export type { SchemaLearner, SchemaLearnerOptions, LearnerState, LearnerLimits, RestoreOptions, SensitivityRule } from './schema-learner.js';
export type { NodeState } from './node-state.js';
export { createScalarLearner, restoreScalarLearner, inferScalar } from './scalar-type.js';
export type { ScalarLearner, ScalarLearnerOptions, ScalarState } from './scalar-type.js';
export { classifyText } from './text-kind.js';
export type { TextKind } from './text-kind.js';
export { compareSchemas } from './schema-drift.js';
export type { DriftKind, DriftOptions, SchemaDifference } from './schema-drift.js';
export { isSensitiveFieldName } from './sensitive-names.js';
export { INFERRED_FORMATS } from './string-formats.js';
export type { InferredFormat } from './string-formats.js';
export { escapePointerSegment, type JsonSchema, type JsonType, type ScalarValue, type SchemaOutputOptions } from './json-schema.js';
