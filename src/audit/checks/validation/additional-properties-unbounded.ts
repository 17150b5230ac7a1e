// Maps with no size limit (OWASP API4:2023): an object whose additionalProperties is a schema is a
// dictionary, and without maxProperties a client decides how many entries the API parses and stores.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { mayBeObject, openingOf } from './support/schema-facts.js';

export const additionalPropertiesUnboundedCheck: AuditCheck = {
  id: 'validation.additional-properties-unbounded',
  group: 'validation',
  title: 'additionalProperties without maxProperties',
  owasp: 'API4',
  asvs: [],
  severity: 'low',
  part: 'validation',
  explanation: 'An object whose additionalProperties is a schema accepts any number of extra entries when maxProperties is not set, so one request can carry an unbounded map.',
  remediation: 'Set maxProperties on objects that use additionalProperties as a map, or set additionalProperties: false if no extra properties are meant.',
  covers: ['owasp:api3:2023-constrained-additionalProperties'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (openingOf(schema, 'additionalProperties') !== 'schema' || !mayBeObject(schema) || typeof schema.maxProperties === 'number') continue;
      report(info.schema.at, `${schemaLabel(api, info)} takes additional properties by schema with no maxProperties${usageNote(info)}`);
    }
  },
};
