// The OpenAPI 3.1 form of the unbounded map (OWASP API4:2023): a schema-valued unevaluatedProperties
// with no maxProperties lets a client decide how many entries the API parses and stores.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { mayBeObject, openingOf } from './support/schema-facts.js';

export const unevaluatedPropertiesUnboundedCheck: AuditCheck = {
  id: 'validation.unevaluated-properties-unbounded',
  group: 'validation',
  title: 'unevaluatedProperties without maxProperties',
  owasp: 'API4',
  asvs: [],
  severity: 'low',
  part: 'validation',
  explanation: 'An object whose unevaluatedProperties is a schema accepts any number of extra entries when maxProperties is not set, so one request can carry an unbounded map.',
  remediation: 'Set maxProperties on objects that take unevaluated properties by schema, or set unevaluatedProperties: false if no extra properties are meant.',
  covers: ['owasp:api3:2023-constrained-unevaluatedProperties'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (openingOf(schema, 'unevaluatedProperties') !== 'schema' || !mayBeObject(schema) || typeof schema.maxProperties === 'number') continue;
      report(info.schema.at, `${schemaLabel(api, info)} takes unevaluated properties by schema with no maxProperties${usageNote(info)}`);
    }
  },
};
