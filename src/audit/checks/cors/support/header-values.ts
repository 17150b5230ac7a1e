// The values a document says a response header takes: the header's own `example`, `examples` and
// `x-example`, and its schema's `const`, `enum`, `default`, `example` and `examples` (Swagger 2.0
// headers carry these inline). A CORS header's policy is only visible there.
import type { Located } from '../../../document.js';
import { isObject, type AuditApi, type HeaderInfo, type JsonObject } from '../../../model.js';
import { responseCatalog, type HeadersMap } from '../../errors-limits/support/response-sites.js';

export const ALLOW_ORIGIN = 'access-control-allow-origin';
export const ALLOW_CREDENTIALS = 'access-control-allow-credentials';

export function headerValues(api: AuditApi, header: HeaderInfo): unknown[] {
  const values: unknown[] = [];
  const own = api.document.get(header.at);
  if (isObject(own)) collectExamples(api, { value: own, at: header.at }, values);
  const { schema } = header;
  if (schema !== undefined && (schema.at.file !== header.at.file || schema.at.pointer !== header.at.pointer)) {
    collectConstraints(schema.value, values);
    collectExamples(api, schema, values);
  } else if (isObject(own)) {
    // Swagger 2.0: the header is its own schema.
    collectConstraints(own, values);
  }
  return values;
}

/** Header values as trimmed strings (booleans and numbers as written): what is compared. */
export function headerTexts(api: AuditApi, header: HeaderInfo): string[] {
  return headerValues(api, header)
    .filter((value): value is string | boolean | number => typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
    .map((value) => String(value).trim());
}

/** Each header named `name` (case-insensitively) in the document's response headers, once per definition, with the first map holding it. */
export function headersNamed(api: AuditApi, name: string): { header: HeaderInfo; map: HeadersMap }[] {
  const found: { header: HeaderInfo; map: HeadersMap }[] = [];
  const seen = new Set<string>();
  for (const map of responseCatalog(api).headerMaps) {
    for (const header of map.headers) {
      const key = `${header.at.file}#${header.at.pointer}`;
      if (header.name.toLowerCase() !== name || seen.has(key)) continue;
      seen.add(key);
      found.push({ header, map });
    }
  }
  return found;
}

function collectExamples(api: AuditApi, node: Located<JsonObject>, values: unknown[]): void {
  const { value } = node;
  if (value.example !== undefined) values.push(value.example);
  if (value['x-example'] !== undefined) values.push(value['x-example']);
  const examples = api.document.child(node, 'examples');
  if (examples === undefined) return;
  if (Array.isArray(examples.value)) {
    values.push(...(examples.value as unknown[]));
  } else if (isObject(examples.value)) {
    // OpenAPI 3 example objects, possibly referenced; their `value` is the example.
    for (const name of Object.keys(examples.value)) {
      const example = api.document.deref(api.document.child(examples, name) as Located);
      if (example !== undefined && isObject(example.value) && example.value.value !== undefined) values.push(example.value.value);
    }
  }
}

function collectConstraints(value: JsonObject, values: unknown[]): void {
  if (value.const !== undefined) values.push(value.const);
  if (value.default !== undefined) values.push(value.default);
  if (Array.isArray(value.enum)) values.push(...(value.enum as unknown[]));
}
