// Integer identifiers in bodies (OWASP API1:2023): `id: 41` in a response invites a request for 42.
// Guessable identifiers do not break authorization by themselves, but they turn any missing object
// check into an enumeration of every record. Path parameters are the authorization group's; this reads
// the properties of request and response schemas.
import type { AuditCheck } from '../../check.js';
import { isObject, type JsonObject } from '../../model.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';
import { isIdName } from './support/names.js';
import { valueTypes } from './support/schema-facts.js';

/** An integer, or a number with an integer format. */
function isIntegerValued(schema: JsonObject): boolean {
  const types = valueTypes(schema);
  return types.includes('integer') || (types.includes('number') && (schema.format === 'int32' || schema.format === 'int64'));
}

export const numericSequentialIdPropertyCheck: AuditCheck = {
  id: 'validation.numeric-sequential-id-property',
  group: 'validation',
  title: 'Integer identifier property',
  owasp: 'API1',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Integer identifiers are usually sequential, so a client who sees one can guess the others; any operation that fails to check ownership then exposes every object by enumeration.',
  remediation: 'Expose random, unguessable identifiers (UUIDs or similar) instead of database sequence numbers, and check on every access that the caller may use the object named.',
  run(api, report) {
    const { document } = api;
    for (const info of everySchema(api)) {
      const properties = info.schema.value.properties;
      if ((!info.usage.request && !info.usage.response) || !isObject(properties)) continue;
      for (const name of Object.keys(properties)) {
        if (!isIdName(name)) continue;
        const entry = document.child(info.schema, 'properties', name);
        const property = entry === undefined ? undefined : document.deref(entry);
        if (entry === undefined || property === undefined || !isObject(property.value) || !isIntegerValued(property.value)) continue;
        report(entry.at, `${schemaLabel(api, info)}: property \`${name}\` is an integer identifier, which is easy to guess`);
      }
    }
  },
};
