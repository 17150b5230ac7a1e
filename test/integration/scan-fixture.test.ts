// The scanner against the deliberately vulnerable API and its fixed twin (test/fixtures/vulnerable-api):
// every planted vulnerability is found, with evidence, and the fixed twin gets no finding of medium or
// higher severity. A manifest entry without a matcher here fails the first test, so adding a planted
// vulnerability forces a decision.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildApiModel, loadApiDocument, type ApiModel } from '../../src/contract/index.js';
import { SCAN_CHECKS } from '../../src/scan/checks/registry.js';
import type { ScanFinding } from '../../src/scan/finding.js';
import { loadAuthProfile, resolveIdentities } from '../../src/scan/identities/index.js';
import { runScan } from '../../src/scan/run-scan.js';
import type { ScanReport } from '../../src/scan/scan-report.js';
import { startVulnerableApi } from '../fixtures/vulnerable-api/server.js';

const FIXTURE = new URL('../fixtures/vulnerable-api/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('vulnerabilities.json', FIXTURE), 'utf8')) as { id: string }[];

type Matcher = (finding: ScanFinding) => boolean;
const by = (checkId: string, operation?: string, message?: RegExp): Matcher => (finding) =>
  finding.checkId === checkId && (operation === undefined || finding.operation === operation) && (message === undefined || message.test(finding.message));

/** Manifest id → the finding that reports it. */
const COVERED: Readonly<Record<string, Matcher>> = {
  'missing-security-headers': by('api8.security-headers'),
  'cors-reflect-origin': by('api8.cors-reflection'),
  'verbose-error-stack': by('api8.verbose-errors', 'POST /orders'),
  'trace-enabled': by('api8.trace-method'),
  'version-banner': by('api8.version-banner'),
  'jwt-alg-none': by('api2.jwt-tampering', undefined, /alg: none/),
  'jwt-signature-stripped': by('api2.jwt-tampering', undefined, /signature was removed/),
  'jwt-weak-secret': by('api2.jwt-tampering', undefined, /guessable key/),
  'jwt-expired-accepted': by('api2.jwt-tampering', undefined, /expired/),
  'token-in-query': by('api2.jwt-tampering', undefined, /access_token/),
  'bola-order-read': by('api1.bola', 'GET /orders/{orderId}'),
  'bola-order-update': by('api1.bola', 'PATCH /orders/{orderId}'),
  'bola-order-delete': by('api1.bola', 'DELETE /orders/{orderId}'),
  'sqli-error-based': by('injection.sql', 'GET /products', /^Error-based/),
  'sqli-boolean-based': by('injection.sql', 'GET /products', /^Boolean-based/),
  'nosql-operator-login': by('injection.nosql', 'POST /auth/login', /session token/),
  'path-traversal': by('injection.path-traversal', 'GET /files/{name}', /\/etc\/passwd/),
  'command-injection-time': by('injection.command', 'POST /tools/ping', /delayed by the injected sleep twice/),
  'command-injection-output': by('injection.command', 'POST /tools/ping', /output of id/),
  'ssti-arithmetic': by('injection.template', 'POST /greetings/preview', /rendered as 9359 and/),
  'login-brute-force': by('api2.login-brute-force', 'POST /auth/login'),
  'ssrf-loopback': by('api7.ssrf', 'POST /webhooks/test', /listener/),
  'ssrf-cloud-metadata': by('api7.ssrf', 'POST /webhooks/test', /metadata/),
  'old-api-version-live': by('api9.old-versions', 'GET /users/{userId}', /\/v1\/users\//),
  'undocumented-debug-endpoint': by('api9.undocumented-paths', undefined, /\/debug\/vars/),
  'server-error-bad-id': by('robustness.server-errors', 'GET /orders/{orderId}'),
  'response-schema-violation': by('robustness.response-conformance', 'GET /products/{productId}'),
  'use-after-delete': by('robustness.use-after-delete', 'GET /orders/{orderId}'),
  'mass-assignment-role': by('api3.mass-assignment', 'PATCH /users/me', /role="admin"/),
  'excessive-data-exposure-user': by('api3.excessive-data-exposure', 'GET /users/{userId}', /^Undocumented sensitive fields.*passwordHash.*ssn/),
  'writeonly-password-echo': by('api3.excessive-data-exposure', 'POST /users', /^writeOnly fields echoed.*\/password/),
  'no-rate-limit': by('api4.rate-limit', 'GET /users/me'),
  'page-size-unbounded': by('api4.unbounded-size', 'GET /products', /limit=/),
  'max-items-unenforced': by('api4.unbounded-size', 'POST /orders', /maxItems/),
  'oversized-payload': by('api4.unbounded-size', 'POST /orders', /MiB body/),
  'bfla-admin-list-users': by('api5.bfla', 'GET /admin/users'),
  'bfla-admin-delete-user': by('api5.bfla', 'DELETE /admin/users/{userId}'),
  'method-switch-put-user': by('api5.bfla', 'PUT /users/{userId}', /undocumented PUT/),
};

/** Planted, not covered by a check yet; empty when every planted vulnerability is found. */
const PENDING = new Set<string>([]);

async function scanTwin(fixed: boolean, api: ApiModel): Promise<ScanReport> {
  const twin = await startVulnerableApi({ fixed });
  try {
    const target = new URL(twin.url);
    const profile = loadAuthProfile(new URL('scan-identities.yaml', FIXTURE).pathname);
    const { identities, problems } = await resolveIdentities(profile.profile, { target });
    assert.deepEqual(problems, [], 'every identity logs in');
    return await runScan({
      api, spec: 'openapi.yaml', target, identities, checks: SCAN_CHECKS,
      rate: 500, maxRequests: 5_000, timeoutMs: 5_000, allowDestructive: true, signal: new AbortController().signal,
    });
  } finally {
    await twin.close();
  }
}

describe('bulwark scan against the vulnerable API fixture and its fixed twin', () => {
  let vulnerable: ScanReport;
  let fixed: ScanReport;

  before(async () => {
    const api = buildApiModel(await loadApiDocument(new URL('openapi.yaml', FIXTURE).pathname));
    vulnerable = await scanTwin(false, api);
    fixed = await scanTwin(true, api);
  });

  after(() => undefined);

  it('every manifest entry is covered or explicitly pending', () => {
    const ids = manifest.map((entry) => entry.id);
    assert.deepEqual(ids.filter((id) => COVERED[id] === undefined && !PENDING.has(id)), [], 'undecided manifest entries');
    assert.deepEqual([...PENDING, ...Object.keys(COVERED)].filter((id) => !ids.includes(id)), [], 'entries that are not in the manifest');
  });

  it('finds every covered vulnerability in the vulnerable twin, with evidence', () => {
    assert.equal(vulnerable.isComplete, true, JSON.stringify(vulnerable.checks.filter((check) => !check.isComplete)));
    const missed = Object.entries(COVERED).filter(([, matches]) => !vulnerable.findings.some(matches)).map(([id]) => id);
    assert.deepEqual(missed, [], `missed; found: ${vulnerable.findings.map((finding) => `${finding.checkId} ${finding.operation} ${finding.message}`).join('\n')}`);
    for (const finding of vulnerable.findings) {
      assert.ok(finding.evidence.length > 0, `${finding.checkId} has evidence`);
      assert.ok(!JSON.stringify(finding.evidence).includes('Alice-pass-2024'), 'no password in the evidence');
    }
  });

  it('reports nothing of medium or higher on the fixed twin', () => {
    assert.equal(fixed.isComplete, true);
    const serious = fixed.findings.filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity));
    assert.deepEqual(serious.map((finding) => `${finding.checkId} ${finding.operation}: ${finding.message}`), []);
  });
});
