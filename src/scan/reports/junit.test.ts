import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ScanReport } from '../scan-report.js';
import { renderScanJunit } from './junit.js';
import { completeFixtureReport, fixtureReport, HOSTILE_MARKUP } from './report-fixture.js';
import { xmlAttribute, xmlText } from './xml-text.js';

interface Testcase { name: string; failure?: { '#text': string; type: string; message: string }[]; skipped?: { message: string }; error?: { type: string }; 'system-out'?: string }
interface Parsed { testsuites: { tests: string; failures: string; errors: string; testsuite: { name: string; failures: string; skipped: string; testcase: Testcase[] }[] } }

function parse(xml: string): Parsed {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) }).parse(xml) as Parsed;
}

describe('scan JUnit report', () => {
  const xml = renderScanJunit(fixtureReport());
  const parsed = parse(xml);

  it('is well-formed XML: markup escaped, characters XML 1.0 forbids replaced', () => {
    assert.equal(XMLValidator.validate(xml), true);
    // eslint-disable-next-line no-control-regex -- asserting that no control character gets through
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    assert.ok(!xml.includes('<script') && !xml.includes('<img'));
    assert.ok(xml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.equal(xmlText('a<b & c>\u0000\u001b\ud800z'), 'a&lt;b &amp; c&gt;\ufffd\ufffd\ufffdz');
    assert.equal(xmlText('\ud83d\ude00'), '\ud83d\ude00');
    assert.equal(xmlAttribute('"x"\n\t'), '&quot;x&quot;&#10;&#9;');
    const body = parse(renderScanJunit({ ...fixtureReport(), problems: [`${HOSTILE_MARKUP} & "\u0001"`] })).testsuites.testsuite.at(-1)?.testcase[0]?.['system-out'];
    assert.equal(body, `${HOSTILE_MARKUP} & "\ufffd"`);
  });

  it('has a suite per category in OWASP order, a case per check, and counts failures, errors and skips', () => {
    assert.deepEqual([parsed.testsuites.tests, parsed.testsuites.failures, parsed.testsuites.errors], ['9', '3', '1']);
    const suites = parsed.testsuites.testsuite.map((suite) => [suite.name, suite.testcase.length, suite.failures, suite.skipped]);
    assert.deepEqual(suites, [
      ['API1:2023 Broken Object Level Authorization', 1, '1', '0'], ['API2:2023 Broken Authentication', 1, '0', '1'],
      ['API3:2023 Broken Object Property Level Authorization', 1, '0', '0'], ['API4:2023 Unrestricted Resource Consumption', 1, '0', '0'],
      ['API5:2023 Broken Function Level Authorization', 1, '0', '1'], ['API8:2023 Security Misconfiguration', 1, '1', '0'],
      ['Injection', 1, '1', '0'], ['Robustness', 1, '0', '0'], ['Scan', 1, '0', '0'],
    ]);
  });

  it('fails a check with a <failure> per finding at medium or above, with the evidence and the fix', () => {
    const injection = parsed.testsuites.testsuite.find((suite) => suite.name === 'Injection')?.testcase[0];
    assert.equal(injection?.failure?.length, 1);
    assert.equal(injection?.failure?.[0]?.type, 'high');
    assert.match(injection?.failure?.[0]?.message ?? '', /^high: POST \/search: The database error shows .* "quoted" & <tagged> \ufffd\ufffd\ufffd\[31m/);
    assert.match(injection?.failure?.[0]?.['#text'] ?? '', /\nPOST https:\/\/staging\.example\.com\/api\/search\?q=it's&filter\[name\]=\$HOME -> 500 Internal Server Error\n {2}curl -g '/);
    assert.match(injection?.failure?.[0]?.['#text'] ?? '', /\n\nFix: Use bound parameters/);
    const bola = parsed.testsuites.testsuite[0]?.testcase[0];
    assert.equal(bola?.failure?.length, 1);
    assert.match(bola?.failure?.[0]?.['#text'] ?? '', /"\$BULWARK_ALICE_TOKEN"[\s\S]*"\$BULWARK_BOB_TOKEN"/);
  });

  it('writes findings below medium as output, skips unfinished checks, and reports a partial scan as an error', () => {
    const low = parsed.testsuites.testsuite.find((suite) => suite.name === 'Robustness')?.testcase[0];
    assert.equal(low?.failure, undefined);
    assert.match(low?.['system-out'] ?? '', /^\[low\] POST \/upload: .*\nPOST .* -> no response \(timeout after 10000 ms\)/);
    assert.equal(parsed.testsuites.testsuite[1]?.testcase[0]?.skipped?.message, 'the request budget ran out');
    assert.equal(parsed.testsuites.testsuite.at(-1)?.testcase[0]?.error?.type, 'budget');
    const complete = parse(renderScanJunit(completeFixtureReport()));
    assert.equal(complete.testsuites.errors, '0');
    assert.deepEqual(complete.testsuites.testsuite.at(-1)?.testcase[0], { classname: 'bulwark.scan', name: 'the scan ran to the end' });
  });

  it('fails a check that did not finish when it found something, keeping the note', () => {
    const report: ScanReport = { ...fixtureReport(), checks: fixtureReport().checks.map((check) => (check.id === 'api1.bola' ? { ...check, isComplete: false, note: 'budget spent' } : check)) };
    const bola = parse(renderScanJunit(report)).testsuites.testsuite[0]?.testcase[0];
    assert.equal(bola?.skipped, undefined);
    assert.equal(bola?.failure?.length, 1);
    assert.equal(bola?.['system-out'], 'Not complete: budget spent');
  });
});
