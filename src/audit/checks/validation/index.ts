// The validation checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { additionalPropertiesOpenCheck } from './additional-properties-open.js';
import { additionalPropertiesUnboundedCheck } from './additional-properties-unbounded.js';
import { arrayMaxItemsCheck } from './array-max-items.js';
import { bodyOnGetCheck } from './body-on-get.js';
import { freeFormRequestObjectCheck } from './free-form-request-object.js';
import { integerBoundsCheck } from './integer-bounds.js';
import { integerFormatCheck } from './integer-format.js';
import { missingRequestBodySchemaCheck } from './missing-request-body-schema.js';
import { numberBoundsCheck } from './number-bounds.js';
import { numericSequentialIdPropertyCheck } from './numeric-sequential-id-property.js';
import { parameterWithoutSchemaCheck } from './parameter-without-schema.js';
import { patternUnanchoredCheck } from './pattern-unanchored.js';
import { requestObjectWithoutRequiredCheck } from './request-object-without-required.js';
import { stringMaxLengthCheck } from './string-max-length.js';
import { stringUnrestrictedCheck } from './string-unrestricted.js';
import { unboundedPathParameterCheck } from './unbounded-path-parameter.js';
import { unevaluatedPropertiesOpenCheck } from './unevaluated-properties-open.js';
import { unevaluatedPropertiesUnboundedCheck } from './unevaluated-properties-unbounded.js';
import { untypedSchemaCheck } from './untyped-schema.js';
import { urlParameterCheck } from './url-parameter.js';
import { urlPropertyCheck } from './url-property.js';
import { xmlRequestBodyCheck } from './xml-request-body.js';

export const VALIDATION_CHECKS: readonly AuditCheck[] = [
  // What is accepted at all: bodies and parameters with no schema, free-form and untyped values.
  missingRequestBodySchemaCheck,
  parameterWithoutSchemaCheck,
  freeFormRequestObjectCheck,
  untypedSchemaCheck,
  additionalPropertiesOpenCheck,
  unevaluatedPropertiesOpenCheck,
  // How much: sizes and ranges.
  stringMaxLengthCheck,
  arrayMaxItemsCheck,
  integerBoundsCheck,
  numberBoundsCheck,
  additionalPropertiesUnboundedCheck,
  unevaluatedPropertiesUnboundedCheck,
  // What shape: formats, patterns, required properties.
  stringUnrestrictedCheck,
  patternUnanchoredCheck,
  integerFormatCheck,
  requestObjectWithoutRequiredCheck,
  // Input that needs a security review of its handling.
  urlParameterCheck,
  urlPropertyCheck,
  xmlRequestBodyCheck,
  unboundedPathParameterCheck,
  numericSequentialIdPropertyCheck,
  bodyOnGetCheck,
];
