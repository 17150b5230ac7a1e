// The injection checks against the vulnerable API fixture and its fixed twin, scanned the way
// test/integration/scan-fixture.test.ts scans them but with these checks only: every planted
// injection is confirmed, and the fixed twin gets nothing of medium or higher.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApiModel, loadApiDocument, type ApiModel } from '../../../contract/index.js';
import type { ScanFinding } from '../../finding.js';
import { loadAuthProfile, resolveIdentities } from '../../identities/index.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { startVulnerableApi } from '../../../../test/fixtures/vulnerable-api/server.js';
import { commandInjection } from './command.js';
import { nosqlInjection } from './nosql.js';
import { pathTraversal } from './path-traversal.js';
import { sqlInjection } from './sql.js';
import { templateInjection } from './template.js';

const FIXTURE = new URL('../../../../test/fixtures/vulnerable-api/', import.meta.url);
const CHECKS = [sqlInjection, nosqlInjection, pathTraversal, commandInjection, templateInjection];

type Matcher = (finding: ScanFinding) => boolean;
const by = (checkId: string, operation: string, message?: RegExp): Matcher => (finding) =>
  finding.checkId === checkId && finding.operation === operation && finding.confidence === 'confirmed' && (message === undefined || message.test(finding.message));

/** Manifest id → the finding that reports it; the same lines go into scan-fixture.test.ts's COVERED. */
const COVERED: Readonly<Record<string, Matcher>> = {
  'sqli-error-based': by('injection.sql', 'GET /products', /^Error-based/),
  'sqli-boolean-based': by('injection.sql', 'GET /products', /^Boolean-based/),
  'nosql-operator-login': by('injection.nosql', 'POST /auth/login'),
  'path-traversal': by('injection.path-traversal', 'GET /files/{name}'),
  'command-injection-time': by('injection.command', 'POST /tools/ping', /delayed by the injected sleep twice/),
  'command-injection-output': by('injection.command', 'POST /tools/ping', /output of id/),
  'ssti-arithmetic': by('injection.template', 'POST /greetings/preview'),
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

const describeFinding = (finding: ScanFinding): string => `${finding.checkId} ${finding.severity} ${finding.operation}: ${finding.message}`;

describe('injection checks against the vulnerable API fixture and its fixed twin', () => {
  let vulnerable: ScanReport;
  let fixed: ScanReport;

  before(async () => {
    const api = buildApiModel(await loadApiDocument(new URL('openapi.yaml', FIXTURE).pathname));
    [vulnerable, fixed] = await Promise.all([scanTwin(false, api), scanTwin(true, api)]);
  });

  it('confirms every planted injection in the vulnerable twin, with the baseline and the attack as evidence', () => {
    assert.deepEqual(vulnerable.problems, []);
    assert.equal(vulnerable.isComplete, true, JSON.stringify(vulnerable.checks.filter((check) => !check.isComplete)));
    const missed = Object.entries(COVERED).filter(([, matches]) => !vulnerable.findings.some(matches)).map(([id]) => id);
    assert.deepEqual(missed, [], `missed; found:\n${vulnerable.findings.map(describeFinding).join('\n')}`);
    for (const finding of vulnerable.findings) {
      assert.ok(finding.evidence.length >= 2, `${finding.checkId} has the baseline and an attack`);
      assert.ok(!JSON.stringify(finding.evidence).includes('Alice-pass-2024'), 'no password in the evidence');
    }
  });

  it('reports nothing of medium or higher on the fixed twin', () => {
    assert.deepEqual(fixed.problems, []);
    assert.equal(fixed.isComplete, true);
    const serious = fixed.findings.filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity));
    assert.deepEqual(serious.map(describeFinding), []);
  });

  it('stays within a bounded number of requests', () => {
    assert.ok(vulnerable.requestsSent < 600, `vulnerable twin: ${vulnerable.requestsSent}`);
    assert.ok(fixed.requestsSent < 600, `fixed twin: ${fixed.requestsSent}`);
  });
});
