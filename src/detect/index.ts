// Public surface of the detection engine (src/detect): the engine, the request shape it inspects, the
// rule vocabulary and the registry of every rule (for docs and config checks).
export { createDetectionEngine } from './engine.js';
export type { DetectionEngine, EngineOptions, Finding, Inspection } from './engine.js';
export { namesAnyRule } from './exclusions.js';
export type { Exclusion, OperationNames } from './exclusions.js';
export type { InspectBody, InspectRequest } from './request.js';
export type { InputField } from './field.js';
export { SEVERITY_SCORE } from './rule.js';
export type { AttackClass, DetectionRule, Paranoia, RuleSeverity } from './rule.js';
export { ALL_DETECTION_RULES } from './detectors/registry.js';
