import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import AjvDraft04Module from 'ajv-draft-04';
import type { Log } from 'sarif';
import { FIXTURE_BASE, fixtureReport } from './report-fixture.js';
import { renderSarif } from './sarif.js';

const require = createRequire(import.meta.url);
// The CommonJS module is the class itself at run time; its types describe an ES module with a default.
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;

describe('SARIF report', () => {
  const text = renderSarif(fixtureReport(), FIXTURE_BASE);
  const log = JSON.parse(text) as Log;

  it('is valid against the OASIS SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // The schema has a pattern (for language tags) that is only valid without the `u` flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(log.version, '2.1.0');
  });

  it('has one rule per check with help, level and the security-severity code scanning sorts by', () => {
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.deepEqual(rules.map((rule) => [rule.id, rule.defaultConfiguration?.level, rule.properties?.['security-severity'] as unknown]), [
      ['authentication.test-open', 'error', '8.0'], ['validation.test-strings', 'note', '3.0'], ['validation.test-disabled', 'note', '3.0'],
    ]);
    assert.equal(rules[2]?.defaultConfiguration?.enabled, false);
    assert.match(rules[0]?.help?.text ?? '', /Anyone can call it\.[\s\S]*Add a security requirement\./);
    assert.ok(rules[0]?.properties?.tags?.includes('owasp-api2:2023'));
  });

  it('places results in their files relative to %SRCROOT%, with line, column, pointer and a stable fingerprint; accepted risks are suppressed', () => {
    const results = log.runs[0]?.results ?? [];
    const rows = results.map((result) => [
      result.ruleId, result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, result.locations?.[0]?.physicalLocation?.region?.startLine,
      result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName, result.suppressions?.[0]?.justification,
    ]);
    assert.deepEqual(rows, [
      ['authentication.test-open', 'openapi.yaml', 5, '/paths/~1a/get', undefined],
      ['validation.test-strings', 'schemas.yaml', 1, '/Name', undefined],
      ['authentication.test-open', 'openapi.yaml', 12, '/paths/~1a/post', 'public by design'],
    ]);
    assert.equal(log.runs[0]?.originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///spec/');
    const again = JSON.parse(renderSarif(fixtureReport(), FIXTURE_BASE)) as Log;
    assert.equal(again.runs[0]?.results?.[0]?.partialFingerprints?.['bulwarkFinding/v1'], results[0]?.partialFingerprints?.['bulwarkFinding/v1']);
    assert.match(results[0]?.partialFingerprints?.['bulwarkFinding/v1'] ?? '', /^[0-9a-f]{32}$/);
  });
});
