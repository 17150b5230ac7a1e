// Parameters that put personal data into the URL (path or query): what the two URL checks share.
import type { NodeRef } from '../../../document.js';
import type { AuditApi, ParameterLocation } from '../../../model.js';
import { isBooleanOnly } from './properties.js';
import { PERSONAL_LABELS, personalKind } from './names.js';

export interface UrlFinding {
  readonly at: NodeRef;
  readonly message: string;
}

/** One finding per parameter definition in `location` whose name says it carries personal data. */
export function personalDataIn(api: AuditApi, location: ParameterLocation): UrlFinding[] {
  const findings: UrlFinding[] = [];
  const seen = new Set<string>();
  for (const operation of api.operations) {
    for (const parameter of operation.parameters) {
      if (parameter.in !== location) continue;
      const key = `${parameter.at.file}#${parameter.at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind = personalKind(parameter.name);
      if (kind === undefined || (parameter.schema !== undefined && isBooleanOnly(parameter.schema.value))) continue;
      findings.push({
        at: parameter.at,
        message: `${operation.method.toUpperCase()} ${operation.path}: the ${location} parameter \`${parameter.name}\` puts ${PERSONAL_LABELS[kind]} in the URL`,
      });
    }
  }
  return findings;
}
