// Object ids typed as integers (OWASP API1:2023, ASVS V4.2.1): sequential numbers can be guessed and
// enumerated (`/orders/1001`, `/orders/1002`...), so any gap in object level authorization is found at
// once, and they disclose volumes (how many orders a day). Every parameter named like an id is read,
// wherever it is written, as Spectral's `$.paths..parameters` does (callbacks included).
import type { Located } from '../../document.js';
import { isObject, schemaTypes, type AuditApi, type JsonObject } from '../../model.js';
import type { AuditCheck } from '../../check.js';
import { keyOf, pathItemCatalog, resolveObject } from '../authentication/support/path-items.js';
import { isIdName } from './support/ids.js';

/** The schema of a parameter's value: `schema`, the first `content` entry's, or (Swagger 2.0) the parameter. */
function parameterSchema(api: AuditApi, parameter: Located<JsonObject>): Located<JsonObject> | undefined {
  if (parameter.value.schema !== undefined) return resolveObject(api, api.document.child(parameter, 'schema'));
  const content = parameter.value.content;
  if (isObject(content)) {
    const first = Object.keys(content)[0];
    return first === undefined ? undefined : resolveObject(api, api.document.child(parameter, 'content', first, 'schema'));
  }
  return api.dialect === 'swagger-2.0' ? parameter : undefined;
}

export const numericIdsCheck: AuditCheck = {
  id: 'authorization.numeric-ids',
  group: 'authorization',
  title: 'Guessable numeric id',
  owasp: 'API1',
  asvs: ['V4.2.1'],
  severity: 'low',
  part: 'security',
  explanation: 'Integer ids are usually sequential: an attacker enumerates them to find other users\' objects wherever object level authorization is missing, and learns how many objects exist.',
  remediation: 'Use random, unguessable ids (UUID v4, or another random string of at least 128 bits) as the public identifier, typed `string` with `format: uuid` or a pattern; keep checking authorization on every object access.',
  covers: ['owasp:api1:2023-no-numeric-ids'],
  run(api, report) {
    const seen = new Set<string>();
    const catalog = pathItemCatalog(api);
    const lists = [
      ...catalog.pathItems.map(({ item }) => api.document.child(item, 'parameters')),
      ...catalog.operations.map(({ operation }) => api.document.child(operation, 'parameters')),
    ];
    for (const list of lists) {
      if (list === undefined || !Array.isArray(list.value)) continue;
      for (let index = 0; index < list.value.length; index++) {
        const raw: unknown = list.value[index];
        // Most parameters are inline and not ids: skip them before computing any location.
        if (isObject(raw) && raw.$ref === undefined && (typeof raw.name !== 'string' || !isIdName(raw.name))) continue;
        const parameter = resolveObject(api, api.document.child(list, index));
        if (parameter === undefined || typeof parameter.value.name !== 'string' || !isIdName(parameter.value.name)) continue;
        const schema = parameterSchema(api, parameter);
        if (schema === undefined || !schemaTypes(schema.value).includes('integer') || seen.has(keyOf(schema.at))) continue;
        seen.add(keyOf(schema.at));
        const location = typeof parameter.value.in === 'string' ? `${parameter.value.in} ` : '';
        report(schema.at, `the ${location}parameter \`${parameter.value.name}\` is an integer id, which can be guessed and enumerated`);
      }
    }
  },
};
