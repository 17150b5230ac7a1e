// Objects that invite unlisted properties (OWASP API3:2023, mass assignment): with
// `additionalProperties: true` or a schema, a request can carry `isAdmin` or `price` next to the
// fields the API meant to accept, and a framework that binds the body to a model may write them.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { openingSite } from './support/opening.js';
import { mayBeObject, openingOf } from './support/schema-facts.js';

export const additionalPropertiesOpenCheck: AuditCheck = {
  id: 'validation.additional-properties-open',
  group: 'validation',
  title: 'additionalProperties allowed',
  owasp: 'API3',
  asvs: ['V5.1.2'],
  severity: 'low',
  part: 'validation',
  explanation: 'An object schema whose additionalProperties is true or a schema accepts properties the API did not list, which opens the door to mass assignment of fields such as roles, owners or prices.',
  remediation: 'Set additionalProperties: false and list every accepted property; where a map is really intended, keep its value schema tight and bound its size with maxProperties.',
  covers: ['owasp:api3:2023-no-additionalProperties'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      const opening = openingOf(schema, 'additionalProperties');
      if (opening === undefined || !mayBeObject(schema)) continue;
      const how = opening === 'true' ? 'allows any additional property (additionalProperties: true)' : 'accepts properties of any name beyond those listed (additionalProperties is a schema)';
      const site = openingSite(api, info, 'additionalProperties');
      const where = site.referencedFrom === undefined ? '' : ` (this schema, referenced from \`${site.referencedFrom}\`)`;
      report(site.at, `${schemaLabel(api, info)} ${how}${where}${usageNote(info)}`);
    }
  },
};
