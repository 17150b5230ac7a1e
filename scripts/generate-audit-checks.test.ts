// Drift check for docs/audit-checks.md, and the registry's own rules: ids unique and well-formed,
// every check complete, at least 60 of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OWASP_API } from '../src/audit/check.js';
import { AUDIT_CHECKS } from '../src/audit/checks/registry.js';
import { OUTPUT_FILE, renderAuditChecks } from './generate-audit-checks.js';

test('docs/audit-checks.md matches the check registry', () => {
  let actual = '';
  try {
    actual = readFileSync(OUTPUT_FILE, 'utf8');
  } catch {
    assert.fail('docs/audit-checks.md is missing: run `npm run docs:audit`');
  }
  assert.ok(actual === renderAuditChecks(), 'docs/audit-checks.md is out of date: run `npm run docs:audit`');
});

test('the registry holds at least 60 complete checks with unique ids of their group', () => {
  assert.ok(AUDIT_CHECKS.length >= 60, `${AUDIT_CHECKS.length} checks`);
  const ids = new Set<string>();
  for (const check of AUDIT_CHECKS) {
    assert.match(check.id, /^[a-z-]+\.[a-z0-9-]+$/, check.id);
    assert.ok(check.id.startsWith(`${check.group}.`), `${check.id} is not in group ${check.group}`);
    assert.ok(!ids.has(check.id), `${check.id} twice`);
    ids.add(check.id);
    assert.ok(check.owasp in OWASP_API, check.id);
    for (const text of [check.title, check.explanation, check.remediation]) assert.ok(text.trim().length >= 10, `${check.id}: a text is too short`);
    for (const requirement of check.asvs) assert.match(requirement, /^V\d+\.\d+\.\d+$/, `${check.id}: ASVS ${requirement}`);
  }
});
