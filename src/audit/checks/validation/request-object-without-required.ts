// Request objects that require nothing: every listed property is optional, so `{}` is a valid create
// request and the implementation must cope with each field missing. PATCH bodies are partial by
// design and are not reported (a schema also used by another method is).
import type { AuditCheck } from '../../check.js';
import { isObject, type OperationInfo } from '../../model.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';
import { schemaRole } from './support/roles.js';
import { valueTypes } from './support/schema-facts.js';

export const requestObjectWithoutRequiredCheck: AuditCheck = {
  id: 'validation.request-object-without-required',
  group: 'validation',
  title: 'Request object without required properties',
  owasp: 'API8',
  asvs: ['V5.1.4'],
  severity: 'info',
  part: 'validation',
  explanation: 'A request object that lists properties but requires none accepts an empty or partial object, leaving every missing field to be handled (or mishandled) by the implementation.',
  remediation: 'List the properties a request must carry in `required`; keep partial updates in PATCH bodies of their own.',
  run(api, report) {
    const patchOnly = patchOnlyBodySchemas(api.operations);
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      if (!info.usage.request || !isObject(schema.properties)) continue;
      const count = Object.keys(schema.properties).length;
      const types = valueTypes(schema);
      if (count === 0 || (types.length > 0 && !types.includes('object'))) continue;
      if (Array.isArray(schema.required) && schema.required.length > 0) continue;
      if (schemaRole(info.schema.at.pointer) !== 'value' || patchOnly.has(`${info.schema.at.file}#${info.schema.at.pointer}`)) continue;
      report(info.schema.at, `${schemaLabel(api, info)} lists ${count} ${count === 1 ? 'property' : 'properties'} and requires none`);
    }
  },
};

/** The body schemas only PATCH operations use. */
function patchOnlyBodySchemas(operations: readonly OperationInfo[]): Set<string> {
  const patch = new Set<string>();
  const other = new Set<string>();
  for (const operation of operations) {
    for (const media of operation.requestBody?.content ?? []) {
      if (media.schema === undefined) continue;
      (operation.method === 'patch' ? patch : other).add(`${media.schema.at.file}#${media.schema.at.pointer}`);
    }
  }
  for (const key of other) patch.delete(key);
  return patch;
}
