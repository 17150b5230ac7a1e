import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeFixtureReport, fixtureReport } from './report-fixture.js';
import { renderScanText } from './text.js';

describe('scan text report', () => {
  const text = renderScanText(fixtureReport());

  it('starts with target, duration, requests, completeness and counts by severity', () => {
    assert.match(text, /^Scan of https:\/\/staging\.example\.com\/api \("Shop <API> & "friends" \\u0000\\u0007\\u001b\[31m\\u202e", specs\/shop openapi\.yaml\)\n/);
    assert.match(text, /\n {2}12 operations, as alice, bob\n {2}1 min 6 s, 240 requests sent\n {2}Partial: the request budget ran out, not every check ran to the end\n {2}Findings: 1 critical, 1 high, 1 medium, 1 low, 1 info\n/);
    assert.match(renderScanText(completeFixtureReport()), /\n {2}Complete\n/);
  });

  it('groups findings by severity, most severe first, with category, message, the curl line and the status', () => {
    const headings = [...text.matchAll(/^(CRITICAL|HIGH|MEDIUM|LOW|INFO) \(\d+\)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO']);
    assert.ok(text.includes([
      'CRITICAL (1)',
      '  api1.bola  GET /orders/{id}',
      '      API1:2023 Broken Object Level Authorization: Another user\'s object can be read',
      '      bob read the order 17 of alice.',
      `      $ curl 'https://staging.example.com/api/orders/17' -H 'authorization: Bearer '"$BULWARK_BOB_TOKEN" -H 'accept: application/json'`,
      '      -> 200 OK',
    ].join('\n')));
    assert.match(text, /\n {2}injection\.sql {2}POST \/search\n {6}Injection: SQL injection\n/);
    assert.match(text, /\n {2}api8\.cors-any-origin {2}\(the whole API\)\n/);
    assert.match(text, /\n {6}-> no response \(timeout after 10000 ms\)\n/);
    assert.match(text, /\n {2}api3\.excessive-data {2}GET \/users\/me \(tentative\)\n/);
  });

  it('ends with the checks that did not complete and the problems', () => {
    assert.match(text, /\nChecks not complete \(2\)\n {2}api2\.jwt-none {2}the request budget ran out\n {2}api5\.admin-functions {2}needs an admin identity <script>/);
    assert.match(text, /\nProblems \(2\)\n {2}POST \/orders could not be exercised: .*\n {2}the login of admin failed \\u0000\\u0007\\u001b\[31m\\u202e\n$/);
    assert.doesNotMatch(renderScanText(completeFixtureReport()), /Checks not complete|Problems/);
  });

  it('never prints control characters from the report, and colours only when asked', () => {
    // eslint-disable-next-line no-control-regex -- asserting that no control character gets through
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u202e]/);
    assert.ok(renderScanText(fixtureReport(), { color: true }).includes('\u001b[1;31mCRITICAL (1)\u001b[0m'));
  });
});
