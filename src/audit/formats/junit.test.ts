import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit } from './junit.js';
import { FIXTURE_BASE, fixtureReport } from './report-fixture.js';

describe('JUnit report', () => {
  const xml = renderJunit(fixtureReport(), FIXTURE_BASE);

  it('is well-formed XML, with control characters from the document replaced and markup escaped', () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(!xml.includes('\u001b'));
    assert.ok(xml.includes('&lt;&amp;&gt;'));
  });

  it('has a suite per group and a case per check: failed with its findings, passed, or skipped when disabled', () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: { name: string; failure?: { '#text': string; type: string }; skipped?: unknown }[] }[] };
    };
    assert.equal(parsed.testsuites.tests, '3');
    assert.equal(parsed.testsuites.failures, '2');
    const cases = parsed.testsuites.testsuite.flatMap((suite) => suite.testcase.map((testcase) => [suite.name, testcase.name, testcase.failure?.type ?? (testcase.skipped === undefined ? 'passed' : 'skipped')]));
    assert.deepEqual(cases, [
      ['authentication', 'authentication.test-open: Operation without security', 'high'],
      ['validation', 'validation.test-strings: String without limit', 'low'],
      ['validation', 'validation.test-disabled: Disabled', 'skipped'],
    ]);
    const failure = parsed.testsuites.testsuite[0]?.testcase[0]?.failure?.['#text'] ?? '';
    assert.match(failure, /openapi\.yaml:5:5 \/paths\/~1a\/get: GET \/a: no security/);
    assert.match(failure, /Fix: Add a security requirement\./);
  });
});
