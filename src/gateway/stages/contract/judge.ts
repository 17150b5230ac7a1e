// A rule's own mode, applied where the rule fires: enforce returns the denial (the pipeline then
// applies the stage's mode on top), monitor records a `monitored` event and lets the request go on,
// off ignores it. Shared by the contract and contract-response stages.
import type { RuleMode } from '../../../contract/index.js';
import type { RequestContext } from '../../request-context.js';
import type { Denial, Verdict } from '../../verdict.js';

export function judge(ctx: RequestContext, stage: string, mode: RuleMode, denial: Denial): Denial | undefined {
  if (mode === 'enforce') return denial;
  if (mode === 'monitor') {
    ctx.events.push({
      ruleId: denial.ruleId, stage, category: denial.category, severity: denial.severity, action: 'monitored', detail: denial.detail,
      ...(denial.evidence ? { evidence: denial.evidence } : {}),
    });
  }
  return undefined;
}

/** Runs checks in order: the first enforced denial wins; monitored ones are recorded on the way. */
export function firstDenial(checks: readonly (() => Verdict | undefined)[]): Verdict | undefined {
  for (const check of checks) {
    const verdict = check();
    if (verdict) return verdict;
  }
  return undefined;
}
