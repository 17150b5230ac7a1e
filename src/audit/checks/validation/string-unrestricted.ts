// Strings that accept any character (OWASP API4:2023): without a format, pattern or list of values the
// schema cannot reject markup, control characters or payloads aimed at whatever reads the field next.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { allows, has, isEnumerated } from './support/schema-facts.js';

export const stringUnrestrictedCheck: AuditCheck = {
  id: 'validation.string-unrestricted',
  group: 'validation',
  title: 'String without format, pattern or enum',
  owasp: 'API4',
  asvs: ['V5.1.3', 'V5.1.4'],
  severity: 'low',
  part: 'validation',
  explanation: 'A string schema with no format, pattern, enum or const accepts any characters, so input validation cannot tell a name from a script or a command.',
  remediation: 'Describe what the string holds: a format (uuid, email, date-time...), an anchored pattern of the allowed characters, or an enum or const for fixed values.',
  covers: ['owasp:api4:2023-string-restricted'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!allows(schema, 'string') || has(schema, 'format') || has(schema, 'pattern') || isEnumerated(schema)) continue;
      report(info.schema.at, `${schemaLabel(api, info)} is a string with no format, pattern, enum or const${usageNote(info)}`);
    }
  },
};
