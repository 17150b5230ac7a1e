// Runs one phase of the stage pipeline for a request: mode (enforce / monitor) and the failure
// policy of each stage are applied here, once, so stages only return verdicts.
import type { Logger } from 'pino';
import type { RequestContext } from './request-context.js';
import type { CompiledStage } from './runtime.js';
import type { GatewayMetrics } from './metrics.js';
import { CONTINUE, deny, type Denial, type Reply, type Verdict } from './verdict.js';

/** The result of a phase: continue, or the answer to give (with the stage that gave it). */
export type PhaseOutcome = { readonly action: 'continue' } | { readonly action: 'deny'; readonly denial: Denial; readonly stage: string } | Reply;

export interface PipelineDeps {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
}

type Invoke = (compiled: CompiledStage) => Verdict | Promise<Verdict>;

/**
 * Runs the stages in order. Synchronous while the stages are, so a request whose stages answer at
 * once costs no promise or microtask; it continues asynchronously from the first stage that awaits.
 */
export function runPhase(ctx: RequestContext, stages: readonly CompiledStage[], invoke: Invoke, deps: PipelineDeps, from = 0): PhaseOutcome | Promise<PhaseOutcome> {
  for (let index = from; index < stages.length; index++) {
    const compiled = stages[index] as CompiledStage;
    let result: Verdict | Promise<Verdict>;
    try {
      result = invoke(compiled);
    } catch (error) {
      result = failureVerdict(ctx, compiled, error, deps);
    }
    if (result instanceof Promise) {
      return result
        .catch((error: unknown) => failureVerdict(ctx, compiled, error, deps))
        .then((verdict) => decide(ctx, compiled, verdict) ?? runPhase(ctx, stages, invoke, deps, index + 1));
    }
    const outcome = decide(ctx, compiled, result);
    if (outcome) return outcome;
  }
  return CONTINUE;
}

/** The response phase is synchronous: headers are about to be written. Replies do not apply here. */
export function runResponsePhase(ctx: RequestContext, stages: readonly CompiledStage[], invoke: (c: CompiledStage) => Verdict, deps: PipelineDeps): PhaseOutcome {
  for (const compiled of stages) {
    let verdict: Verdict;
    try {
      verdict = invoke(compiled);
    } catch (error) {
      verdict = failureVerdict(ctx, compiled, error, deps);
    }
    const outcome = verdict.action === 'reply' ? undefined : decide(ctx, compiled, verdict);
    if (outcome) return outcome;
  }
  return CONTINUE;
}

/** Applies the stage's mode: undefined means go on with the next stage. */
function decide(ctx: RequestContext, compiled: CompiledStage, verdict: Verdict): PhaseOutcome | undefined {
  if (verdict.action === 'continue') return undefined;
  if (verdict.action === 'reply') return verdict;
  if (compiled.mode === 'monitor') {
    noteMonitored(ctx, compiled.name, verdict);
    return undefined;
  }
  return { action: 'deny', denial: verdict, stage: compiled.name };
}

function noteMonitored(ctx: RequestContext, stage: string, verdict: Denial): void {
  ctx.events.push({
    ruleId: verdict.ruleId, stage, category: verdict.category, severity: verdict.severity,
    action: 'monitored', detail: verdict.detail, ...(verdict.evidence ? { evidence: verdict.evidence } : {}),
  });
}

/** A stage threw: a bug or an outage. Fail open (event + metric) or closed (503), per its policy. */
function failureVerdict(ctx: RequestContext, compiled: CompiledStage, error: unknown, deps: PipelineDeps): Verdict {
  deps.metrics.stageFailures.inc({ stage: compiled.name, route: ctx.routeName, policy: compiled.failurePolicy });
  deps.logger.error({ err: error, stage: compiled.name, requestId: ctx.id }, 'stage failed');
  const ruleId = `${compiled.name}.failure`;
  if (compiled.failurePolicy === 'open') {
    ctx.events.push({
      ruleId, stage: compiled.name, category: 'stage-failure', severity: 'medium', action: 'allowed',
      detail: 'the stage failed and its failure policy is open: the request was let through',
    });
    return CONTINUE;
  }
  // Closed: 503. A stage in monitor mode never blocks, so there this becomes a monitored event.
  return deny({ status: 503, ruleId, detail: 'A security check could not be completed.', severity: 'medium', category: 'stage-failure', headers: { 'retry-after': '1' } });
}
