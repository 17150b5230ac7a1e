// Arrays with no maximum size (OWASP API4:2023): a list of ten thousand items where ten are expected
// multiplies the work of every item's validation, storage and processing.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { allows } from './support/schema-facts.js';

export const arrayMaxItemsCheck: AuditCheck = {
  id: 'validation.array-max-items',
  group: 'validation',
  title: 'Array without maxItems',
  owasp: 'API4',
  asvs: ['V5.1.4'],
  severity: 'medium',
  part: 'validation',
  explanation: 'An array schema with no maxItems accepts any number of items, so one request can make the API process, store or return an unbounded list.',
  remediation: 'Set maxItems on every array to the largest number of items the operation needs, and bound the items themselves too.',
  covers: ['owasp:api4:2023-array-limit'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!allows(schema, 'array') || typeof schema.maxItems === 'number') continue;
      const what = schema.maxItems === undefined ? 'no maxItems' : 'a maxItems that is not a number';
      report(info.schema.at, `${schemaLabel(api, info)} is an array with ${what}${usageNote(info)}`);
    }
  },
};
