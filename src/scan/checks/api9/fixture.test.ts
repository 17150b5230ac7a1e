// The API7, API9, robustness and login brute-force checks against the vulnerable API fixture and its
// fixed twin (test/fixtures/vulnerable-api), the way test/integration/scan-fixture.test.ts runs the
// whole registry: each planted vulnerability they cover is confirmed in the vulnerable twin, and
// the fixed twin gets nothing of medium or higher.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApiModel, loadApiDocument, type ApiModel } from '../../../contract/index.js';
import type { ScanFinding } from '../../finding.js';
import { loadAuthProfile, resolveIdentities } from '../../identities/index.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { startVulnerableApi } from '../../../../test/fixtures/vulnerable-api/server.js';
import { loginBruteForce } from '../api2/login-brute-force.js';
import { ssrf } from '../api7/ssrf.js';
import { responseConformance } from '../robustness/response-conformance.js';
import { serverErrors } from '../robustness/server-errors.js';
import { useAfterDelete } from '../robustness/use-after-delete.js';
import { oldVersions } from './old-versions.js';
import { undocumentedPaths } from './undocumented-paths.js';

const FIXTURE = new URL('../../../../test/fixtures/vulnerable-api/', import.meta.url);
const CHECKS = [undocumentedPaths, oldVersions, responseConformance, loginBruteForce, ssrf, serverErrors, useAfterDelete];

type Matcher = (finding: ScanFinding) => boolean;
const by = (checkId: string, operation?: string, message?: RegExp): Matcher => (finding) =>
  finding.checkId === checkId && finding.confidence === 'confirmed' && (operation === undefined || finding.operation === operation) && (message === undefined || message.test(finding.message));

/** Manifest id → the confirmed finding that reports it (the lines for scan-fixture.test.ts's COVERED). */
const COVERED: Readonly<Record<string, Matcher>> = {
  'ssrf-loopback': by('api7.ssrf', 'POST /webhooks/test', /listener/),
  'ssrf-cloud-metadata': by('api7.ssrf', 'POST /webhooks/test', /metadata/),
  'old-api-version-live': by('api9.old-versions', 'GET /users/{userId}', /\/v1\/users\//),
  'undocumented-debug-endpoint': by('api9.undocumented-paths', undefined, /\/debug\/vars/),
  'server-error-bad-id': by('robustness.server-errors', 'GET /orders/{orderId}'),
  'response-schema-violation': by('robustness.response-conformance', 'GET /products/{productId}'),
  'use-after-delete': by('robustness.use-after-delete', 'GET /orders/{orderId}'),
  'login-brute-force': by('api2.login-brute-force', 'POST /auth/login'),
};

async function scanTwin(fixed: boolean, api: ApiModel): Promise<ScanReport> {
  const twin = await startVulnerableApi({ fixed });
  try {
    const target = new URL(twin.url);
    const profile = loadAuthProfile(new URL('scan-identities.yaml', FIXTURE).pathname);
    const { identities, problems } = await resolveIdentities(profile.profile, { target });
    assert.deepEqual(problems, [], 'every identity logs in');
    return await runScan({
      api, spec: 'openapi.yaml', target, identities, checks: CHECKS,
      rate: 500, maxRequests: 5_000, timeoutMs: 5_000, allowDestructive: true, signal: new AbortController().signal,
    });
  } finally {
    await twin.close();
  }
}

const listed = (findings: readonly ScanFinding[]): string => findings.map((finding) => `${finding.checkId} ${finding.severity} ${finding.operation}: ${finding.message}`).join('\n');

describe('API7, API9, robustness and login brute-force checks against the fixture twins', () => {
  let vulnerable: ScanReport;
  let fixed: ScanReport;

  before(async () => {
    const api = buildApiModel(await loadApiDocument(new URL('openapi.yaml', FIXTURE).pathname));
    [vulnerable, fixed] = await Promise.all([scanTwin(false, api), scanTwin(true, api)]);
  });

  after(() => undefined);

  it('confirms every covered vulnerability in the vulnerable twin, with evidence', () => {
    assert.equal(vulnerable.isComplete, true, JSON.stringify(vulnerable.checks.filter((check) => !check.isComplete)));
    assert.deepEqual(vulnerable.problems, []);
    const missed = Object.entries(COVERED).filter(([, matches]) => !vulnerable.findings.some(matches)).map(([id]) => id);
    assert.deepEqual(missed, [], `missed; found:\n${listed(vulnerable.findings)}`);
    for (const finding of vulnerable.findings) {
      assert.ok(finding.evidence.length > 0, `${finding.checkId} has evidence`);
      assert.ok(!JSON.stringify(finding.evidence).includes('Alice-pass-2024'), 'no identity password in the evidence');
    }
  });

  it('reports nothing of medium or higher on the fixed twin', () => {
    assert.equal(fixed.isComplete, true, JSON.stringify(fixed.checks.filter((check) => !check.isComplete)));
    assert.deepEqual(fixed.problems, []);
    const serious = fixed.findings.filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity));
    assert.deepEqual(listed(serious), '');
  });
});
