// Request body fields that carry URLs (OWASP API7:2023): webhook registrations, avatar imports and
// link previews take `callbackUrl`, `imageUrl` or a `format: uri` field in the body, the same SSRF
// entry point as a URL parameter. Read-only properties are not input and are left out.
import type { AuditCheck } from '../../check.js';
import { isObject, type JsonObject } from '../../model.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';
import { isUrlFormat, isUrlName } from './support/names.js';
import { valueTypes } from './support/schema-facts.js';

/** A value a URL can be: a string, a list of strings, or not typed. */
function mayHoldUrl(schema: JsonObject): boolean {
  const types = valueTypes(schema);
  return types.length === 0 || types.includes('string') || types.includes('array');
}

export const urlPropertyCheck: AuditCheck = {
  id: 'validation.url-property',
  group: 'validation',
  title: 'Request property carrying a URL',
  owasp: 'API7',
  asvs: ['V5.2.6', 'V12.6.1'],
  severity: 'low',
  part: 'security',
  explanation: 'A request property that carries a URL (a webhook, callback, redirect or resource to import) is the entry point of server-side request forgery when the server fetches it, and of open redirects when it sends clients to it.',
  remediation: 'Validate such URLs against an allow list of schemes, hosts and ports, resolve and refuse private and link-local addresses, fetch them from an isolated egress without following redirects blindly, or take an identifier instead of a URL.',
  run(api, report) {
    const { document } = api;
    for (const info of everySchema(api)) {
      const properties = info.schema.value.properties;
      if (!info.usage.request || !isObject(properties)) continue;
      for (const name of Object.keys(properties)) {
        const entry = document.child(info.schema, 'properties', name);
        const property = entry === undefined ? undefined : document.deref(entry);
        if (entry === undefined || property === undefined || !isObject(property.value)) continue;
        const schema = property.value;
        if (schema.readOnly === true || !mayHoldUrl(schema)) continue;
        const byName = isUrlName(name);
        const byFormat = isUrlFormat(schema.format) || (isObject(schema.items) && isUrlFormat(schema.items.format));
        if (!byName && !byFormat) continue;
        const why = byName ? 'its name says it holds a URL' : 'its format is a URL';
        report(entry.at, `${schemaLabel(api, info)}: property \`${name}\` carries a URL (${why}): check how the server fetches or redirects to it`);
      }
    }
  },
};
