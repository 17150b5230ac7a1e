// Request numbers with no minimum or maximum: amounts, prices and ratios need a range as much as
// integers do (a negative transfer amount is the classic business-logic bug). Not a Spectral rule, so
// only the schemas requests use are read.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';
import { allows, isEnumerated, numberBound } from './support/schema-facts.js';

export const numberBoundsCheck: AuditCheck = {
  id: 'validation.number-bounds',
  group: 'validation',
  title: 'Request number without minimum and maximum',
  owasp: 'API4',
  asvs: ['V5.1.4'],
  severity: 'low',
  part: 'validation',
  explanation: 'A number in a request with no minimum or maximum accepts negative, huge and extreme values (1e308), which break amounts, quantities and ratios in the business logic.',
  remediation: 'Set minimum and maximum (or the exclusive variants) on every number a request carries.',
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!info.usage.request || !allows(schema, 'number') || isEnumerated(schema)) continue;
      const missing = (['minimum', 'maximum'] as const).filter((side) => !numberBound(schema, side, api.dialect).present);
      if (missing.length > 0) report(info.schema.at, `${schemaLabel(api, info)} is a number with no ${missing.join(' and no ')}`);
    }
  },
};
