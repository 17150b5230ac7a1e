// The sensitive-data checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { credentialsInDocumentUrlCheck } from './credentials-in-document-url.js';
import { piiInResponseCheck } from './pii-in-response.js';
import { secretDefaultCheck } from './secret-default.js';
import { secretInDocumentCheck } from './secret-in-document.js';
import { secretInResponseCheck } from './secret-in-response.js';
import { sensitiveInPathCheck } from './sensitive-in-path.js';
import { sensitiveInQueryCheck } from './sensitive-in-query.js';
import { sensitiveNotWriteOnlyCheck } from './sensitive-not-write-only.js';
import { serverBannerHeaderCheck } from './server-banner-header.js';

export const SENSITIVE_DATA_CHECKS: readonly AuditCheck[] = [
  credentialsInDocumentUrlCheck,
  secretInDocumentCheck,
  secretInResponseCheck,
  secretDefaultCheck,
  piiInResponseCheck,
  sensitiveInQueryCheck,
  sensitiveInPathCheck,
  sensitiveNotWriteOnlyCheck,
  serverBannerHeaderCheck,
];
