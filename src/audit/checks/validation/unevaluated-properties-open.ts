// The OpenAPI 3.1 form of the open object (OWASP API3:2023, mass assignment): `unevaluatedProperties`
// set to true or a schema lets a request carry properties no subschema listed.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { openingSite } from './support/opening.js';
import { mayBeObject, openingOf } from './support/schema-facts.js';

export const unevaluatedPropertiesOpenCheck: AuditCheck = {
  id: 'validation.unevaluated-properties-open',
  group: 'validation',
  title: 'unevaluatedProperties allowed',
  owasp: 'API3',
  asvs: ['V5.1.2'],
  severity: 'low',
  part: 'validation',
  explanation: 'An object schema whose unevaluatedProperties is true or a schema accepts properties that none of its subschemas describe, which opens the door to mass assignment.',
  remediation: 'Set unevaluatedProperties: false on composed objects (allOf, oneOf...) and list every accepted property; where a map is intended, bound it with maxProperties.',
  covers: ['owasp:api3:2023-no-unevaluatedProperties'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      const opening = openingOf(schema, 'unevaluatedProperties');
      if (opening === undefined || !mayBeObject(schema)) continue;
      const how = opening === 'true' ? 'allows any unevaluated property (unevaluatedProperties: true)' : 'accepts unevaluated properties of any name (unevaluatedProperties is a schema)';
      const site = openingSite(api, info, 'unevaluatedProperties');
      const where = site.referencedFrom === undefined ? '' : ` (this schema, referenced from \`${site.referencedFrom}\`)`;
      report(site.at, `${schemaLabel(api, info)} ${how}${where}${usageNote(info)}`);
    }
  },
};
