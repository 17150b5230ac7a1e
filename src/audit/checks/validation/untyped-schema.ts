// Request values with no type: a schema without `type` (and without enum, const or composition that
// would constrain it) validates strings, numbers, arrays and objects alike, so `{"age": [{}]}` passes.
// Branches of compositions and conditions are left alone: they refine a type written elsewhere.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';
import { schemaRole } from './support/roles.js';
import { isComposed, isEnumerated, valueTypes } from './support/schema-facts.js';

export const untypedSchemaCheck: AuditCheck = {
  id: 'validation.untyped-schema',
  group: 'validation',
  title: 'Request schema without type',
  owasp: 'API8',
  asvs: ['V5.1.4'],
  severity: 'low',
  part: 'validation',
  explanation: 'A request schema with no type accepts values of every JSON type, so code that expects a string or an object receives whatever the client sends.',
  remediation: 'Give every schema a request reads a type (string, integer, object...), or constrain it with enum, const or a composition of typed schemas.',
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!info.usage.request || valueTypes(schema).length > 0 || isComposed(schema) || isEnumerated(schema)) continue;
      // Swagger 2.0 non-body parameters without a type are parameter-without-schema's finding.
      if (typeof schema.in === 'string') continue;
      if (schemaRole(info.schema.at.pointer) !== 'value') continue;
      const hint = isObject(schema.properties) ? ' (it lists properties: add type: object)' : '';
      report(info.schema.at, `${schemaLabel(api, info)} has no type and accepts any JSON value${hint}`);
    }
  },
};
