// Runs the checks against a target, one after another through one client, and collects what they
// prove into a ScanReport. The scan ends early, with a partial report, when the budget is spent or
// the user interrupts it; a check that fails (a bug) is marked unfinished and the others go on.
import type { ApiModel, OperationSpec } from '../contract/index.js';
import { isBulwarkError } from '../core/errors.js';
import type { ReportedFinding, ScanCheck, ScanContext } from './check.js';
import { createExercise } from './exercise.js';
import { SCAN_SEVERITIES, type ScanFinding } from './finding.js';
import type { Identity } from './identity.js';
import { createEvidenceMasker } from './mask-evidence.js';
import { createScanClient } from './scan-client.js';
import type { ScanCheckInfo, ScanReport } from './scan-report.js';

export interface RunScanOptions {
  readonly api: ApiModel;
  /** The document's path, for the report. */
  readonly spec: string;
  readonly target: URL;
  readonly identities: readonly Identity[];
  readonly checks: readonly ScanCheck[];
  readonly rate: number;
  readonly maxRequests: number;
  readonly timeoutMs: number;
  readonly allowDestructive: boolean;
  readonly signal: AbortSignal;
  /** Problems found before the scan (an identity that could not log in). */
  readonly problems?: readonly string[];
  /** Called before each check and after each finding: the CLI's progress line. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  readonly checkIndex: number;
  readonly checks: number;
  readonly checkId: string;
  readonly requestsSent: number;
  readonly findings: number;
}

type StopReason = NonNullable<ScanReport['stopReason']>;

const operationName = (operation: OperationSpec | undefined): string => (operation === undefined ? '' : `${operation.method} ${operation.pathTemplate}`);

export async function runScan(options: RunScanOptions): Promise<ScanReport> {
  const startedAt = new Date().toISOString();
  const client = createScanClient(options);
  const mask = createEvidenceMasker(options.identities);
  const findings: ScanFinding[] = [];
  const infos: ScanCheckInfo[] = [];
  const problems = [...options.problems ?? []];
  const exercise = createExercise(options.api, client, options.identities);
  let stopReason: StopReason | undefined;
  try {
    const setup = await runGuarded(() => exercise.run());
    stopReason = setup.stopReason;
    if (setup.problem !== undefined) problems.push(`exercising the API failed: ${setup.problem}`);
    for (const [index, check] of options.checks.entries()) {
      if (stopReason !== undefined) {
        infos.push(infoOf(check, false, `not run: the scan stopped (${stopReason})`));
        continue;
      }
      const progress = (): void => options.onProgress?.({ checkIndex: index, checks: options.checks.length, checkId: check.id, requestsSent: client.sent, findings: findings.length });
      progress();
      const report = (finding: ReportedFinding): void => {
        findings.push(findingOf(check, finding, mask));
        progress();
      };
      const context: ScanContext = {
        api: options.api, target: options.target, identities: options.identities, client, signal: options.signal, report,
        resources: exercise.resources, requestFor: exercise.requestFor, baseline: exercise.baseline,
      };
      const outcome = await runGuarded(() => check.run(context));
      stopReason = outcome.stopReason;
      infos.push(infoOf(check, outcome.isComplete, outcome.note));
      if (outcome.problem !== undefined) problems.push(`check ${check.id} failed: ${outcome.problem}`);
    }
  } finally {
    await client.close();
  }
  return {
    target: options.target.href, spec: options.spec, apiTitle: options.api.title,
    startedAt, finishedAt: new Date().toISOString(),
    isComplete: stopReason === undefined, ...(stopReason === undefined ? {} : { stopReason }),
    requestsSent: client.sent, operations: options.api.operations.length,
    identities: options.identities.map((identity) => identity.name),
    checks: infos, findings: findings.sort(bySeverity), problems,
  };
}

interface CheckOutcome {
  readonly isComplete: boolean;
  readonly note?: string;
  readonly stopReason?: StopReason;
  readonly problem?: string;
}

/** Runs a step of the scan: the budget and Ctrl-C stop the scan, any other error stops the step only. */
async function runGuarded(step: () => Promise<void>): Promise<CheckOutcome> {
  try {
    await step();
    return { isComplete: true };
  } catch (error) {
    if (isBulwarkError(error) && error.code === 'SCAN_BUDGET_EXHAUSTED') return { isComplete: false, note: 'stopped: the request budget is spent', stopReason: 'budget' };
    if (isBulwarkError(error) && error.code === 'SCAN_INTERRUPTED') return { isComplete: false, note: 'stopped: interrupted', stopReason: 'interrupted' };
    const message = error instanceof Error ? error.message : String(error);
    return { isComplete: false, note: `failed: ${message}`, problem: message };
  }
}

function infoOf(check: ScanCheck, isComplete: boolean, note?: string): ScanCheckInfo {
  return { id: check.id, category: check.category, title: check.title, severity: check.severity, remediation: check.remediation, isComplete, ...(note === undefined ? {} : { note }) };
}

/** A suspicion the check could not confirm is never more than info: thresholds fail on proof only. */
function findingOf(check: ScanCheck, finding: ReportedFinding, mask: ReturnType<typeof createEvidenceMasker>): ScanFinding {
  return {
    checkId: check.id,
    category: check.category,
    severity: finding.confidence === 'confirmed' ? finding.severity ?? check.severity : 'info',
    confidence: finding.confidence,
    title: check.title,
    operation: operationName(finding.operation),
    message: finding.message,
    evidence: finding.evidence.map(mask),
    remediation: check.remediation,
  };
}

function bySeverity(a: ScanFinding, b: ScanFinding): number {
  return SCAN_SEVERITIES.indexOf(a.severity) - SCAN_SEVERITIES.indexOf(b.severity) || a.checkId.localeCompare(b.checkId) || a.operation.localeCompare(b.operation);
}
