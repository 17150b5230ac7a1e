// Integers with no format (OWASP API4:2023): without int32 or int64 the parsers on either side pick
// their own size, and a value one accepts can overflow, wrap or lose precision in the other.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { allows } from './support/schema-facts.js';

export const integerFormatCheck: AuditCheck = {
  id: 'validation.integer-format',
  group: 'validation',
  title: 'Integer without format',
  owasp: 'API4',
  asvs: [],
  severity: 'low',
  part: 'validation',
  explanation: 'An integer schema with no format leaves its size to each implementation, so values can overflow or lose precision between the client, the API and its storage (JavaScript loses precision beyond 2^53).',
  remediation: 'Set format: int32 or format: int64 on every integer, and bound it with minimum and maximum.',
  covers: ['owasp:api4:2023-integer-format'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!allows(schema, 'integer') || schema.format !== undefined) continue;
      report(info.schema.at, `${schemaLabel(api, info)} is an integer with no format (int32 or int64)${usageNote(info)}`);
    }
  },
};
