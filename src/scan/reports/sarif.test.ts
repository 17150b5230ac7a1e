import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import AjvDraft04Module from 'ajv-draft-04';
import type { Log } from 'sarif';
import { completeFixtureReport, fixtureReport, TARGET } from './report-fixture.js';
import { renderScanSarif } from './sarif.js';

const require = createRequire(import.meta.url);
// The CommonJS module is the class itself at run time; its types describe an ES module with a default.
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;

describe('scan SARIF report', () => {
  const text = renderScanSarif(fixtureReport(), { base: '/project' });
  const log = JSON.parse(text) as Log;
  const run = log.runs[0];

  it('has the required fields, and is valid against the OASIS SARIF 2.1.0 schema', () => {
    assert.equal(log.version, '2.1.0');
    assert.equal(run?.tool.driver.name, 'Bulwark');
    for (const result of run?.results ?? []) {
      assert.equal(typeof result.ruleId, 'string');
      assert.match(result.level ?? '', /^(error|warning|note)$/);
      assert.ok((result.message.text ?? '').length > 0);
    }
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // The schema has a pattern (for language tags) that is only valid without the `u` flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 5)));
  });

  it('has one rule per check with its category tag and the security-severity code scanning sorts by', () => {
    const rules = run?.tool.driver.rules ?? [];
    assert.deepEqual(rules.slice(0, 2).map((rule) => [rule.id, rule.name, rule.defaultConfiguration?.level, rule.properties?.['security-severity'] as unknown, rule.properties?.tags?.[3]]), [
      ['api1.bola', 'Api1Bola', 'error', '9.5', 'owasp-api1:2023'],
      ['injection.sql', 'InjectionSql', 'error', '8.0', 'injection'],
    ]);
    assert.match(rules[0]?.help?.text ?? '', /^API1:2023 Broken Object Level Authorization\n\nRemediation: Check the owner/);
  });

  it('gives each result its level, rule index, operation on the target, the document and a stable fingerprint', () => {
    const results = run?.results ?? [];
    assert.deepEqual(results.map((result) => [result.ruleId, result.ruleIndex, result.level, result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName]), [
      ['api1.bola', 0, 'error', `GET ${TARGET}/orders/{id}`],
      ['injection.sql', 1, 'error', `POST ${TARGET}/search`],
      ['api8.cors-any-origin', 2, 'warning', TARGET],
      ['robustness.large-body', 3, 'note', `POST ${TARGET}/upload`],
      ['api3.excessive-data', 4, 'note', `GET ${TARGET}/users/me`],
    ]);
    assert.deepEqual(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation, { uri: 'specs/shop%20openapi.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(run?.originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///project/');
    const again = JSON.parse(renderScanSarif(fixtureReport(), { base: '/elsewhere' })) as Log;
    const fingerprints = (value: Log): unknown[] => (value.runs[0]?.results ?? []).map((result) => result.partialFingerprints?.['bulwarkScanFinding/v1']);
    assert.deepEqual(fingerprints(again), fingerprints(log));
    assert.match(String(fingerprints(log)[0]), /^[0-9a-f]{32}$/);
    assert.equal(new Set(fingerprints(log)).size, 5);
  });

  it('carries the evidence: request lines and statuses in the message, the last exchange as webRequest / webResponse, curl lines in properties', () => {
    const [bola, injection, , robustness] = run?.results ?? [];
    assert.equal(bola?.message.text, `bob read the order 17 of alice.\n\nOperation: GET ${TARGET}/orders/{id}\nEvidence:\n  GET ${TARGET}/orders/17 -> 200 OK\n  GET ${TARGET}/orders/17 -> 200 OK`);
    assert.equal(bola?.webRequest?.headers?.authorization, 'Bearer $BULWARK_BOB_TOKEN');
    assert.equal(injection?.webResponse?.statusCode, 500);
    assert.deepEqual(robustness?.webResponse, { noResponseReceived: true, properties: { error: 'timeout after 10000 ms' } });
    const evidence = bola?.properties?.evidence as { curl: string }[];
    assert.match(evidence[1]?.curl ?? '', /^curl '.*"\$BULWARK_BOB_TOKEN"/);
  });

  it('says whether the scan ran to the end, which checks did not, and the problems', () => {
    const invocation = run?.invocations?.[0];
    assert.equal(invocation?.executionSuccessful, false);
    assert.deepEqual(invocation?.toolExecutionNotifications?.map((notification) => [notification.level, notification.associatedRule?.id]), [
      ['error', undefined], ['warning', 'api2.jwt-none'], ['warning', 'api5.admin-functions'], ['warning', undefined], ['warning', undefined],
    ]);
    const complete = JSON.parse(renderScanSarif(completeFixtureReport(), { base: '/project' })) as Log;
    assert.equal(complete.runs[0]?.invocations?.[0]?.executionSuccessful, true);
    assert.deepEqual(complete.runs[0]?.invocations?.[0]?.toolExecutionNotifications, []);
  });

  it('places an absolute document under the base relative to it, and one elsewhere or a URL as it is', () => {
    const location = (spec: string): unknown => (JSON.parse(renderScanSarif({ ...fixtureReport(), spec }, { base: '/project' })) as Log).runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation;
    assert.deepEqual(location('/project/api/openapi.yaml'), { uri: 'api/openapi.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location('/other/openapi.yaml'), { uri: 'file:///other/openapi.yaml' });
    assert.deepEqual(location('https://example.com/openapi.json'), { uri: 'https://example.com/openapi.json' });
    assert.equal(location(''), undefined);
  });
});
