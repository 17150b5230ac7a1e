// The result of one scan, as every report format (text, JSON, SARIF, JUnit, HTML) renders it.
import type { ScanCategory, ScanFinding, ScanSeverity } from './finding.js';

export interface ScanCheckInfo {
  readonly id: string;
  readonly category: ScanCategory;
  readonly title: string;
  readonly severity: ScanSeverity;
  readonly remediation: string;
  /** Ran to the end; false when the scan stopped first or the check was skipped. */
  readonly isComplete: boolean;
  /** Why it did not run or did not finish (`needs two user identities`, `budget spent`). */
  readonly note?: string;
}

export interface ScanReport {
  /** The target URL as given. */
  readonly target: string;
  /** The OpenAPI document's path as given. */
  readonly spec: string;
  readonly apiTitle: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** False when Ctrl-C, the request budget or an error stopped the scan: the report is partial. */
  readonly isComplete: boolean;
  readonly stopReason?: 'interrupted' | 'budget' | 'error';
  readonly requestsSent: number;
  readonly operations: number;
  /** Identity names, never their credentials. */
  readonly identities: readonly string[];
  readonly checks: readonly ScanCheckInfo[];
  /** Most severe first. Credentials in the evidence are replaced by `$BULWARK_<IDENTITY>_*` placeholders. */
  readonly findings: readonly ScanFinding[];
  /** Warnings about the scan itself (an operation that could not be exercised, a login that failed). */
  readonly problems: readonly string[];
}
