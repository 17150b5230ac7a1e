// Per-operation rule modes for the contract stages: the stage's config, then the document's
// `x-bulwark-rules` (document, path item, operation — the most specific wins), then the config's
// per-operation overrides. So a team can relax or tighten one operation in the document it owns,
// and an operator can still overrule it in the gateway config.
import type { OperationSpec } from './api-model.js';

export type RuleMode = 'enforce' | 'monitor' | 'off';
export const RULE_MODES: readonly RuleMode[] = ['enforce', 'monitor', 'off'];

/** The vendor extension read from the document; keys are full rule ids such as `contract.unknown-query`. */
export const RULES_EXTENSION = 'x-bulwark-rules';

export interface OperationOverride<R extends string> {
  readonly rules?: Partial<Record<R, RuleMode>>;
}

/**
 * `stage` is the rule-id prefix ('contract'); `configured` the stage-level modes (already complete,
 * defaults applied by the schema); `overrides` is keyed by operationId or 'METHOD /path/template'.
 */
export function ruleModesFor<R extends string>(
  op: OperationSpec, stage: string, configured: Readonly<Record<R, RuleMode>>,
  overrides: Readonly<Record<string, OperationOverride<R>>>,
): Record<R, RuleMode> {
  const modes = { ...configured } as Record<R, RuleMode>;
  const fromDocument = op.extensions[RULES_EXTENSION];
  if (fromDocument !== null && typeof fromDocument === 'object') {
    for (const [id, mode] of Object.entries(fromDocument)) {
      const name = id.startsWith(`${stage}.`) ? id.slice(stage.length + 1) : undefined;
      // Unknown ids and modes are ignored here; `bulwark audit` reports them.
      if (name !== undefined && name in modes && RULE_MODES.includes(mode as RuleMode)) modes[name as R] = mode as RuleMode;
    }
  }
  const byId = op.operationId !== undefined && Object.hasOwn(overrides, op.operationId) ? overrides[op.operationId] : undefined;
  const byPath = `${op.method} ${op.pathTemplate}`;
  const override = byId ?? (Object.hasOwn(overrides, byPath) ? overrides[byPath] : undefined);
  if (override?.rules) Object.assign(modes, override.rules);
  return modes;
}
