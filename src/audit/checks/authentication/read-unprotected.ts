// Read operations with no authentication (OWASP API2:2023): whatever they return is public. Often
// intended (a catalogue, a health probe), so this is a review point, not a verdict.
import type { AuditCheck } from '../../check.js';
import { operationLabel, protectionOf } from './support/security.js';

export const readUnprotectedCheck: AuditCheck = {
  id: 'authentication.read-unprotected',
  group: 'authentication',
  title: 'Read operation without authentication',
  owasp: 'API2',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A GET or HEAD operation with no security requirement returns its data to anyone who can reach the API.',
  remediation: 'Require a security scheme on the operation or on the document; if the data is meant to be public, say so in the description and make sure the responses hold nothing private.',
  covers: ['owasp:api2:2023-read-restricted'],
  run(api, report) {
    for (const operation of api.operations) {
      if (operation.method !== 'get' && operation.method !== 'head') continue;
      const protection = protectionOf(api, operation);
      if (protection.kind === 'none') report(operation.at, `${operationLabel(operation)}: ${protection.why}`);
    }
  },
};
