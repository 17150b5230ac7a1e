// Sensitive-data classification and masking for API discovery: the public surface.
export { BUILTIN_SENSITIVE_TYPES, type BuiltinSensitiveType, type KeyHint, type SensitiveClassifier, type SensitiveType } from './classifier.js';
export { BUILTIN_CLASSIFIERS } from './classifiers/registry.js';
export { createSensitiveClassifier, MAX_VALUE_LENGTH, type SensitiveClassifierOptions, type SensitiveDataClassifier, type SensitiveKey } from './classify.js';
export { customSensitiveTypeSchema, sensitiveConfigSchema, type CustomSensitiveTypeConfig, type SensitiveConfig } from './config.js';
export { normalizeKey } from './key-hint.js';
export { maskSample } from './mask.js';
