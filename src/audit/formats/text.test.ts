import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJson } from './json.js';
import { FIXTURE_BASE, fixtureReport } from './report-fixture.js';
import { renderText } from './text.js';

describe('text report', () => {
  it('groups findings, gives file:line:column and pointer, explains each check once, and ends with the score', () => {
    const text = renderText(fixtureReport(), { color: false, base: FIXTURE_BASE });
    assert.match(text, /^Audit of openapi\.yaml \(openapi-3\.0, "Fixture" 1\): 2 operations, 1 schemas, 2 files/);
    assert.match(text, /Authentication \(1\)\n {2}HIGH {5}authentication\.test-open {2}openapi\.yaml:5:5 {2}\/paths\/~1a\/get\n/);
    assert.match(text, /Why: Anyone can call it\.\n {11}Fix: Add a security requirement\./);
    assert.match(text, /Accepted risks \(1\)\n {2}authentication\.test-open {2}openapi\.yaml:12:5 {2}\(document\) public by design/);
    assert.match(text, /2 findings \(1 high, 1 low\) from 2 checks in \d+ ms\nScore \d+\/100 \(security \d+, data validation \d+\)\n$/);
  });

  it('never prints control characters from the document, and colours only when asked', () => {
    const plain = renderText(fixtureReport(), { color: false, base: FIXTURE_BASE });
    assert.ok(!plain.includes('\u001b'));
    assert.ok(plain.includes('\\u001b[31m'));
    assert.ok(renderText(fixtureReport(), { color: true, base: FIXTURE_BASE }).includes('\u001b[1m'));
  });
});

describe('JSON report', () => {
  it('is the report with paths relative to the base and the tool named', () => {
    const parsed = JSON.parse(renderJson(fixtureReport(), FIXTURE_BASE)) as { tool: { name: string }; findings: { file: string; checkId: string }[]; score: { total: number } };
    assert.equal(parsed.tool.name, 'bulwark audit');
    assert.deepEqual(parsed.findings.map((finding) => [finding.checkId, finding.file]), [['authentication.test-open', 'openapi.yaml'], ['validation.test-strings', 'schemas.yaml']]);
    assert.equal(typeof parsed.score.total, 'number');
  });
});
