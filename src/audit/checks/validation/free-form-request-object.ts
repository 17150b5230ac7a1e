// Request objects that accept anything (OWASP API3:2023): `type: object` with no properties and no
// closing keyword validates every JSON object, so the implementation alone decides which fields it
// binds, which is how mass assignment of `role` or `ownerId` happens.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';
import { schemaRole } from './support/roles.js';
import { isComposed, isEnumerated, valueTypes } from './support/schema-facts.js';

function isEmptyMap(value: unknown): boolean {
  return !isObject(value) || Object.keys(value).length === 0;
}

export const freeFormRequestObjectCheck: AuditCheck = {
  id: 'validation.free-form-request-object',
  group: 'validation',
  title: 'Free-form object in a request',
  owasp: 'API3',
  asvs: ['V5.1.2', 'V13.2.2'],
  severity: 'medium',
  part: 'validation',
  explanation: 'A request object with no properties that is not closed by additionalProperties: false accepts any field, so validation cannot stop a client from setting properties it must not control (mass assignment).',
  remediation: 'List the accepted properties with their types and set additionalProperties: false (unevaluatedProperties: false for composed schemas in OpenAPI 3.1); for a real map, give additionalProperties a tight value schema and maxProperties.',
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!info.usage.request || !valueTypes(schema).includes('object')) continue;
      if (!isEmptyMap(schema.properties) || !isEmptyMap(schema.patternProperties) || isComposed(schema) || isEnumerated(schema)) continue;
      if (schema.unevaluatedProperties === false || schema.additionalProperties === false) continue;
      // A typed map (`additionalProperties: {type: string}`) is constrained; the additionalProperties checks judge it.
      if (isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0) continue;
      // In `allOf`, the other branches may carry the properties.
      if (schemaRole(info.schema.at.pointer) === 'branch') continue;
      report(info.schema.at, `${schemaLabel(api, info)} is an object with no properties that accepts any field`);
    }
  },
};
