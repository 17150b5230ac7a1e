import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument, failsGate } from './audit.js';
import type { AuditCheck } from './check.js';
import { AuditDocument } from './document.js';
import { isObject } from './model.js';
import { parseSourceText } from './source-file.js';

/** A check that reports every operation without a description: simple enough to reason about here. */
const undescribed: AuditCheck = {
  id: 'hygiene.test-undescribed', group: 'hygiene', title: 'Operation without description', owasp: 'API9', asvs: [], severity: 'medium', part: 'security',
  explanation: 'Test check.', remediation: 'Describe it.',
  run(api, report) {
    for (const operation of api.operations) if (operation.description === '') report(operation.at, `${operation.method.toUpperCase()} ${operation.path}: no description`);
  },
};
/** Reports every schema of type string: many findings, in two files. */
const strings: AuditCheck = {
  id: 'validation.test-strings', group: 'validation', title: 'String', owasp: 'API4', asvs: [], severity: 'low', part: 'validation',
  explanation: 'Test check.', remediation: 'None.',
  run(api, report) {
    for (const { schema } of api.schemas) if (schema.value.type === 'string') report(schema.at, 'a string');
  },
};
const broken: AuditCheck = {
  ...undescribed, id: 'hygiene.test-broken',
  run() {
    throw new Error('boom');
  },
};

const ROOT = `openapi: 3.0.3
info: { title: T, version: '1' }
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
      x-bulwark-ignore:
        - check: hygiene.test-undescribed
          reason: internal endpoint, documented elsewhere
      responses: { '204': { description: ok } }
  /b:
    get:
      x-bulwark-ignore: { hygiene.test-undescribed: 'no' }
      responses: { '204': { description: ok } }
    put:
      x-bulwark-ignore:
        - check: validation.*
          reason: covers the group
      responses: { '204': { description: ok } }
`;
const SCHEMAS = `Name:
  type: string
Other:
  type: object
  properties:
    code: { type: string }
`;

function document(): AuditDocument {
  return AuditDocument.fromFiles([parseSourceText('/spec/openapi.yaml', ROOT), parseSourceText('/spec/schemas.yaml', SCHEMAS)]);
}

describe('auditDocument', () => {
  it('runs the checks and locates each finding in its own file, with line and column', () => {
    const report = auditDocument(document(), { checks: [undescribed, strings] });
    const rows = report.findings.map((finding) => [finding.checkId, finding.file, finding.pointer, finding.line, finding.column, finding.severity]);
    assert.deepEqual(rows, [
      ['hygiene.test-undescribed', '/spec/openapi.yaml', '/paths/~1a/get', 5, 5, 'medium'],
      ['hygiene.test-undescribed', '/spec/openapi.yaml', '/paths/~1b/get', 18, 5, 'medium'],
      ['hygiene.test-undescribed', '/spec/openapi.yaml', '/paths/~1b/put', 21, 5, 'medium'],
      ['validation.test-strings', '/spec/schemas.yaml', '/Name', 1, 1, 'low'],
    ]);
    assert.equal(report.document.dialect, 'openapi-3.0');
    assert.equal(report.document.files, 2);
    assert.equal(report.document.operations, 4);
  });

  it('honours x-bulwark-ignore with a reason (a check id or a group), keeps the ignored findings visible, and refuses one without a reason', () => {
    const report = auditDocument(document(), { checks: [undescribed, strings] });
    assert.deepEqual(report.ignored.map((finding) => [finding.checkId, finding.pointer, finding.reason, finding.ignoredBy]), [
      ['hygiene.test-undescribed', '/paths/~1a/post', 'internal endpoint, documented elsewhere', 'document'],
    ]);
    // /b get's entry has a two-letter reason: not applied, and said so.
    assert.ok(report.findings.some((finding) => finding.pointer === '/paths/~1b/get'));
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0] ?? '', /openapi\.yaml#\/paths\/~1b\/get.*needs a reason/);
  });

  it('applies the configuration: checks off, severities changed, ignores with pointers and reasons', () => {
    const report = auditDocument(document(), {
      checks: [undescribed, strings],
      config: {
        checks: { 'hygiene.test-undescribed': { severity: 'critical' }, validation: 'off' },
        ignore: [{ check: 'hygiene.test-undescribed', pointer: '/paths/~1b', reason: 'legacy paths, removed in v2' }],
      },
    });
    assert.deepEqual(report.findings.map((finding) => [finding.pointer, finding.severity]), [['/paths/~1a/get', 'critical']]);
    assert.deepEqual(report.ignored.map((finding) => [finding.pointer, finding.ignoredBy]).sort(), [['/paths/~1a/post', 'document'], ['/paths/~1b/get', 'config'], ['/paths/~1b/put', 'config']]);
    assert.deepEqual(report.checks.map((check) => [check.id, check.enabled, check.severity, check.findings]), [
      ['hygiene.test-undescribed', true, 'critical', 1],
      ['validation.test-strings', false, 'low', 0],
    ]);
  });

  it('scores from the findings that count, and a failing check is a problem, not a crash', () => {
    const report = auditDocument(document(), { checks: [undescribed, strings, broken] });
    // undescribed: medium × 3 findings (4 × (1 + log10 3) = 5.9); strings: low × 1 (1.5).
    assert.deepEqual(report.score, { total: 96, security: 94, validation: 99 });
    assert.ok(report.problems.some((problem) => problem.includes('hygiene.test-broken failed') && problem.includes('boom')));
  });

  it('tells whether the CI gate fails, and why', () => {
    const report = auditDocument(document(), { checks: [undescribed, strings] });
    assert.deepEqual(failsGate(report, 'high', undefined), []);
    assert.deepEqual(failsGate(report, 'medium', undefined), ['3 finding(s) of severity medium or higher']);
    assert.deepEqual(failsGate(report, 'none', 98), ['score 96 is below the minimum 98']);
    assert.deepEqual(failsGate(report, undefined, 96), []);
  });

  it('refuses a file that is not OpenAPI or Swagger with AUDIT_DOCUMENT_INVALID', () => {
    const notApi = AuditDocument.fromFiles([parseSourceText('/spec/x.yaml', 'name: not an api\n')]);
    assert.throws(() => auditDocument(notApi), (error: unknown) => isObject(error) && error.code === 'AUDIT_DOCUMENT_INVALID' && String(error.message).includes('/spec/x.yaml'));
  });
});
