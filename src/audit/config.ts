// The audit's configuration file (`bulwark audit --config audit.yaml`): checks turned off or given
// another severity (by id, or a whole group by its name), accepted risks kept outside the document,
// and the CI thresholds. Validated like the gateway's configuration: a mistake is reported with the
// file, the key and the line, and nothing runs.
import { Type, type Static } from '@sinclair/typebox';
import { loadConfigFile } from '../core/config/load-config.js';
import { BulwarkError } from '../core/errors.js';
import { AUDIT_SEVERITIES, type AuditCheck, type AuditSeverity } from './check.js';

const Severity = Type.Union(AUDIT_SEVERITIES.map((severity) => Type.Literal(severity)));

export const AuditConfigSchema = Type.Object({
  checks: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Union([
    Type.Literal('off'),
    Type.Literal(false),
    Type.Object({ enabled: Type.Optional(Type.Boolean()), severity: Type.Optional(Severity) }, { additionalProperties: false }),
  ]), { description: 'Per check id (or group name): `off`, or `{ enabled, severity }`.' })),
  ignore: Type.Optional(Type.Array(Type.Object({
    check: Type.String({ minLength: 1, maxLength: 100, description: 'A check id, or a group name with `.*`, or `*`.' }),
    pointer: Type.Optional(Type.String({ maxLength: 2000, description: 'JSON pointer: the finding\'s node or an ancestor; absent for everywhere.' })),
    reason: Type.String({ minLength: 3, maxLength: 1000, description: 'Why the risk is accepted: shown in every report.' }),
  }, { additionalProperties: false }), { maxItems: 10_000 })),
  failOn: Type.Optional(Type.Union([Severity, Type.Literal('none')], { description: 'Exit 1 when a finding is at least this severe.' })),
  minScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Exit 1 when the total score is lower.' })),
}, { additionalProperties: false });

export type AuditConfig = Static<typeof AuditConfigSchema>;

export interface CheckSettings {
  readonly enabled: boolean;
  readonly severity: AuditSeverity;
}

export function loadAuditConfig(file: string, checks: readonly AuditCheck[]): AuditConfig {
  const config = loadConfigFile<AuditConfig>(file, AuditConfigSchema);
  const unknown = Object.keys(config.checks ?? {}).filter((key) => !namesChecks(key, checks));
  const badIgnores = (config.ignore ?? []).map((entry, index) => ({ entry, index })).filter(({ entry }) => !namesChecks(entry.check, checks));
  const problems = [
    ...unknown.map((key) => `${file}: checks.${key}: is not a check id or group name (bulwark audit --list-checks shows them)`),
    ...badIgnores.map(({ entry, index }) => `${file}: ignore[${index}].check: \`${entry.check}\` names no check`),
  ];
  if (problems.length > 0) throw new BulwarkError('CONFIG_INVALID', problems.join('\n'), { details: problems });
  return config;
}

/** Whether `name` is a check id, a group name (alone or with `.*`), or `*`. */
export function namesChecks(name: string, checks: readonly AuditCheck[]): boolean {
  if (name === '*') return true;
  const group = name.endsWith('.*') ? name.slice(0, -2) : name;
  return checks.some((check) => check.id === name || check.group === group);
}

/** Whether `pattern` (as in namesChecks) applies to `check`. */
export function matchesCheck(pattern: string, check: AuditCheck): boolean {
  if (pattern === '*' || pattern === check.id) return true;
  return (pattern.endsWith('.*') ? pattern.slice(0, -2) : pattern) === check.group;
}

/** The settings of `check`: its id's entry wins over its group's. */
export function checkSettings(check: AuditCheck, config: AuditConfig): CheckSettings {
  let settings: CheckSettings = { enabled: true, severity: check.severity };
  for (const key of [check.group, check.id]) {
    const entry = config.checks?.[key];
    if (entry === undefined) continue;
    if (entry === 'off' || entry === false) settings = { ...settings, enabled: false };
    else settings = { enabled: entry.enabled ?? settings.enabled, severity: entry.severity ?? settings.severity };
  }
  return settings;
}
