// A small audit report for the format tests: two findings (one in a second file, one with characters
// a terminal or XML must not receive raw), one accepted risk and one disabled check.
import { auditDocument, type AuditReport } from '../audit.js';
import type { AuditCheck } from '../check.js';
import { AuditDocument } from '../document.js';
import { parseSourceText } from '../source-file.js';

const operations: AuditCheck = {
  id: 'authentication.test-open', group: 'authentication', title: 'Operation without security', owasp: 'API2', asvs: ['V4.1.1'], severity: 'high', part: 'security',
  explanation: 'Anyone can call it.', remediation: 'Add a security requirement.',
  run(api, report) {
    for (const operation of api.operations) if (operation.security.length === 0) report(operation.at, `${operation.method.toUpperCase()} ${operation.path}: no security <&> "\u001b[31m"`);
  },
};
const strings: AuditCheck = {
  id: 'validation.test-strings', group: 'validation', title: 'String without limit', owasp: 'API4', asvs: [], severity: 'low', part: 'validation',
  explanation: 'Long strings cost memory.', remediation: 'Set maxLength.',
  run(api, report) {
    for (const { schema } of api.schemas) if (schema.value.type === 'string') report(schema.at, 'no maxLength');
  },
};
const disabled: AuditCheck = { ...strings, id: 'validation.test-disabled', title: 'Disabled' };

export const FIXTURE_BASE = '/spec';

export function fixtureReport(): AuditReport {
  const root = `openapi: 3.0.3
info: { title: Fixture, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: 'schemas.yaml#/Name' }
    post:
      x-bulwark-ignore: [{ check: authentication.test-open, reason: public by design }]
      responses: { '204': { description: ok } }
`;
  const document = AuditDocument.fromFiles([parseSourceText('/spec/openapi.yaml', root), parseSourceText('/spec/schemas.yaml', 'Name:\n  type: string\n')]);
  return auditDocument(document, { checks: [operations, strings, disabled], config: { checks: { 'validation.test-disabled': 'off' } } });
}
