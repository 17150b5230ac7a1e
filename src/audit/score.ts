// The audit score: 0 to 100, in two parts, so a document is judged on its security design and on how
// tightly it describes its input separately (a perfect security design with loose schemas is a
// different problem from tight schemas with no authentication).
//
//   part score  = max(0, 100 − Σ over the part's checks that failed of  P(severity) × min(3, 1 + log10(n)))
//   total score = round(0.6 × security + 0.4 × validation)
//
// n is the check's number of findings (ignored findings and disabled checks do not count), and
// P(critical) = 20, P(high) = 10, P(medium) = 4, P(low) = 1.5, P(info) = 0. One critical finding costs
// 20 points; the same mistake repeated 10 times costs 40, 100 times or more 60: repetition weighs, but
// one systematic gap (no maxLength anywhere) cannot by itself hide every other problem at zero.
import type { AuditSeverity, ScorePart } from './check.js';

export const SEVERITY_PENALTY: Readonly<Record<AuditSeverity, number>> = { critical: 20, high: 10, medium: 4, low: 1.5, info: 0 };
export const PART_WEIGHT: Readonly<Record<ScorePart, number>> = { security: 0.6, validation: 0.4 };
/** A check's penalty grows with the log of its findings, up to this many times its severity's. */
const MAX_REPEAT_FACTOR = 3;

export interface ScoredCheck {
  readonly part: ScorePart;
  readonly severity: AuditSeverity;
  readonly findings: number;
}

export interface AuditScore {
  readonly total: number;
  readonly security: number;
  readonly validation: number;
}

/** The penalty of one check with `findings` findings at `severity`. */
export function checkPenalty(severity: AuditSeverity, findings: number): number {
  if (findings <= 0) return 0;
  return SEVERITY_PENALTY[severity] * Math.min(MAX_REPEAT_FACTOR, 1 + Math.log10(findings));
}

export function scoreOf(checks: readonly ScoredCheck[]): AuditScore {
  const lost: Record<ScorePart, number> = { security: 0, validation: 0 };
  for (const check of checks) lost[check.part] += checkPenalty(check.severity, check.findings);
  const security = Math.max(0, 100 - lost.security);
  const validation = Math.max(0, 100 - lost.validation);
  return {
    total: Math.round(PART_WEIGHT.security * security + PART_WEIGHT.validation * validation),
    security: Math.round(security),
    validation: Math.round(validation),
  };
}
