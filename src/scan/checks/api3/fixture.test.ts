// The API3, API4 and API5 checks against the vulnerable API fixture and its fixed twin, the way
// test/integration/scan-fixture.test.ts runs the whole registry: every planted vulnerability these
// checks cover is confirmed in the vulnerable twin, and nothing of medium or more in the fixed one.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApiModel, loadApiDocument, type ApiModel } from '../../../contract/index.js';
import type { ScanCheck } from '../../check.js';
import type { ScanFinding } from '../../finding.js';
import { loadAuthProfile, resolveIdentities } from '../../identities/index.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { startVulnerableApi } from '../../../../test/fixtures/vulnerable-api/server.js';
import { bfla } from '../api5/bfla.js';
import { rateLimit } from '../api4/rate-limit.js';
import { unboundedSize } from '../api4/unbounded-size.js';
import { excessiveDataExposure } from './excessive-data-exposure.js';
import { massAssignment } from './mass-assignment.js';

const FIXTURE = new URL('../../../../test/fixtures/vulnerable-api/', import.meta.url);
/** In the order registry.ts runs them. */
const CHECKS: readonly ScanCheck[] = [excessiveDataExposure, bfla, massAssignment, unboundedSize, rateLimit];

type Matcher = (finding: ScanFinding) => boolean;
const by = (checkId: string, operation?: string, message?: RegExp): Matcher => (finding) =>
  finding.checkId === checkId && finding.confidence === 'confirmed' && (operation === undefined || finding.operation === operation) && (message === undefined || message.test(finding.message));

const COVERED: Readonly<Record<string, Matcher>> = {
  'mass-assignment-role': by('api3.mass-assignment', 'PATCH /users/me', /role=/),
  'excessive-data-exposure-user': by('api3.excessive-data-exposure', 'GET /users/{userId}', /^Undocumented sensitive fields.*passwordHash.*ssn/),
  'writeonly-password-echo': by('api3.excessive-data-exposure', 'POST /users', /^writeOnly fields echoed.*\/password/),
  'no-rate-limit': by('api4.rate-limit'),
  'page-size-unbounded': by('api4.unbounded-size', 'GET /products', /limit=/),
  'max-items-unenforced': by('api4.unbounded-size', 'POST /orders', /maxItems/),
  'oversized-payload': by('api4.unbounded-size', 'POST /orders', /MiB body/),
  'bfla-admin-list-users': by('api5.bfla', 'GET /admin/users'),
  'bfla-admin-delete-user': by('api5.bfla', 'DELETE /admin/users/{userId}'),
  'method-switch-put-user': by('api5.bfla', 'PUT /users/{userId}', /undocumented PUT/),
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

const describeFindings = (report: ScanReport): string => report.findings.map((finding) => `${finding.checkId} ${finding.severity}/${finding.confidence} ${finding.operation}: ${finding.message}`).join('\n');

describe('API3, API4 and API5 checks against the vulnerable API fixture and its fixed twin', () => {
  let vulnerable: ScanReport;
  let fixed: ScanReport;

  before(async () => {
    const api = buildApiModel(await loadApiDocument(new URL('openapi.yaml', FIXTURE).pathname));
    vulnerable = await scanTwin(false, api);
    fixed = await scanTwin(true, api);
  });

  it('confirms every planted vulnerability these checks cover in the vulnerable twin', () => {
    assert.equal(vulnerable.isComplete, true, JSON.stringify(vulnerable.checks.filter((check) => !check.isComplete)));
    assert.deepEqual(vulnerable.problems, []);
    const missed = Object.entries(COVERED).filter(([, matches]) => !vulnerable.findings.some(matches)).map(([id]) => id);
    assert.deepEqual(missed, [], `missed; found:\n${describeFindings(vulnerable)}`);
    for (const finding of vulnerable.findings) {
      assert.ok(finding.evidence.length > 0, `${finding.checkId} has evidence`);
      assert.ok(!JSON.stringify(finding.evidence).includes('Alice-pass-2024'), 'no password in the evidence');
    }
  });

  it('reports nothing of medium or higher on the fixed twin', () => {
    assert.equal(fixed.isComplete, true);
    assert.deepEqual(fixed.problems, []);
    const serious = fixed.findings.filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity));
    assert.deepEqual(serious.map((finding) => `${finding.checkId} ${finding.operation}: ${finding.message}`), []);
  });
});
