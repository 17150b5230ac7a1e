// The errors-limits checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { errorWithoutSchemaCheck } from './error-without-schema.js';
import { missing400Check } from './missing-400.js';
import { missing429Check } from './missing-429.js';
import { missing500Check } from './missing-500.js';
import { noResponsesCheck } from './no-responses.js';
import { rateLimitHeadersCheck } from './rate-limit-headers.js';
import { retryAfterCheck } from './retry-after.js';
import { unboundedCollectionCheck } from './unbounded-collection.js';
import { uploadWithoutSizeLimitCheck } from './upload-without-size-limit.js';

export const ERRORS_LIMITS_CHECKS: readonly AuditCheck[] = [
  noResponsesCheck,
  missing400Check,
  missing500Check,
  errorWithoutSchemaCheck,
  missing429Check,
  rateLimitHeadersCheck,
  retryAfterCheck,
  unboundedCollectionCheck,
  uploadWithoutSizeLimitCheck,
];
