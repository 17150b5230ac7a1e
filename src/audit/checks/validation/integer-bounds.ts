// Integers with no minimum or maximum (OWASP API4:2023): a page size of 10^9, a quantity of -1 or a
// loop count the size of int64 are how a correct request becomes a costly or a wrong one.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { allows, numberBound } from './support/schema-facts.js';

export const integerBoundsCheck: AuditCheck = {
  id: 'validation.integer-bounds',
  group: 'validation',
  title: 'Integer without minimum and maximum',
  owasp: 'API4',
  asvs: ['V5.1.4'],
  severity: 'medium',
  part: 'validation',
  explanation: 'An integer schema with no minimum or maximum accepts negative numbers and values far beyond what the API can serve, which drives resource exhaustion (page sizes, counts, quantities) and logic errors.',
  remediation: 'Set minimum and maximum on every integer (in OpenAPI 3.1 either minimum or exclusiveMinimum, and either maximum or exclusiveMaximum, not both).',
  covers: ['owasp:api4:2023-integer-limit', 'owasp:api4:2023-integer-limit-legacy'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!allows(schema, 'integer')) continue;
      const problems: string[] = [];
      for (const side of ['minimum', 'maximum'] as const) {
        const bound = numberBound(schema, side, api.dialect);
        const exclusive = side === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
        if (bound.both) problems.push(`both ${side} and ${exclusive} (OpenAPI 3.1 wants one)`);
        else if (!bound.present && api.dialect !== 'openapi-3.1') problems.push(`no ${side}`);
        else if (!bound.present && typeof schema[exclusive] === 'boolean') problems.push(`a boolean ${exclusive} and no ${side} (OpenAPI 3.1 wants the bound itself as ${exclusive})`);
        else if (!bound.present) problems.push(`no ${side} or ${exclusive}`);
      }
      if (problems.length > 0) report(info.schema.at, `${schemaLabel(api, info)} is an integer with ${problems.join(' and ')}${usageNote(info)}`);
    }
  },
};
