// What a scan check reports: one vulnerability on one operation, with the exchanges that prove it.
import type { OwaspApiCategory } from '../audit/check.js';
import type { Exchange } from './exchange.js';

export type ScanSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SCAN_SEVERITIES: readonly ScanSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * `confirmed`: the exchanges prove it (a second user read the first user's order). `tentative`: a
 * suspicion the check could not confirm; the engine reports it at `info` severity whatever the
 * check said, so CI thresholds only ever fail on proof.
 */
export type ScanConfidence = 'confirmed' | 'tentative';

/** The OWASP API Security Top 10 2023 category, or the two families the issue adds beside it. */
export type ScanCategory = OwaspApiCategory | 'INJECTION' | 'ROBUSTNESS';

export interface ScanFinding {
  readonly checkId: string;
  readonly category: ScanCategory;
  readonly severity: ScanSeverity;
  readonly confidence: ScanConfidence;
  /** The check's title. */
  readonly title: string;
  /** `GET /orders/{id}` as the document writes it, or '' for the API as a whole. */
  readonly operation: string;
  /** What exactly was found here, in one or two sentences. */
  readonly message: string;
  /** The requests and answers that show it, in the order they were sent. */
  readonly evidence: readonly Exchange[];
  readonly remediation: string;
}
