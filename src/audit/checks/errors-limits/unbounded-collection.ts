// GET operations that return a collection (a top-level array, or a page object wrapping one) with no
// way to bound its size: no page-size parameter, no pagination, or a page size without a maximum.
// One request can then make the API read, serialise and send the whole table (OWASP API4:2023).
import type { AuditCheck } from '../../check.js';
import type { Located } from '../../document.js';
import { isObject, schemaTypes, type AuditApi, type JsonObject, type OperationInfo, type ParameterInfo } from '../../model.js';

/** Names of page-size parameters, normalised (lowercase, no `_ - . [ ] $`): `page[size]`, `$top`, `per_page`. */
const LIMIT_NAMES = new Set([
  'limit', 'pagesize', 'perpage', 'size', 'maxresults', 'max', 'top', 'count', 'first', 'last', 'take', 'pagelimit', 'maxitems',
  'maxpagesize', 'batchsize', 'resultsperpage', 'rows', 'maxrecords', 'fetchsize', 'num', 'itemsperpage', 'maxcount', 'numresults', 'pagecount',
]);
/** Names of pagination parameters that leave the page size to the server (cursor, page number, offset). */
const PAGE_NAMES = new Set([
  'page', 'pagenumber', 'pageindex', 'pagetoken', 'pagecursor', 'pagekey', 'cursor', 'after', 'before', 'offset', 'skip', 'startindex',
  'nexttoken', 'nextpagetoken', 'continuationtoken', 'continuation', 'startingafter', 'endingbefore', 'marker',
]);
/** Property names a page object gives its items. */
const ITEM_PROPERTIES = new Set([
  'items', 'data', 'results', 'records', 'content', 'entries', 'elements', 'values', 'list', 'hits', 'nodes', 'edges', 'rows', 'objects', 'resources', 'collection', 'members',
]);
/** Sibling properties that mark an object as a page of a collection. */
const PAGE_PROPERTIES = new Set([
  'next', 'nextpage', 'nextcursor', 'nextpagetoken', 'nextlink', 'cursor', 'page', 'pagesize', 'total', 'totalcount', 'totalitems', 'totalelements',
  'totalpages', 'count', 'hasmore', 'hasnext', 'links', 'offset', 'limit', 'pagination', 'pageinfo',
]);

export const unboundedCollectionCheck: AuditCheck = {
  id: 'errors-limits.unbounded-collection',
  group: 'errors-limits',
  title: 'Collection without a size limit',
  owasp: 'API4',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A list operation whose result size the client cannot bound, or can set without a maximum, lets one request make the API read and serialise an entire collection, exhausting memory, database time and bandwidth.',
  remediation: 'Paginate the operation: a page-size parameter (`limit`, `page[size]`) with a `maximum` the server enforces, plus a cursor or page parameter; or document `maxItems` on the returned array.',
  run(api, report) {
    const seenParameters = new Set<string>();
    for (const operation of api.operations) {
      if (operation.method !== 'get') continue;
      const shape = collectionShape(api, operation);
      if (shape === undefined) continue;
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      const limits = operation.parameters.filter((parameter) => isLimitParameter(parameter));
      if (limits.length === 0) {
        if (!operation.parameters.some((parameter) => isQueryOrHeader(parameter) && PAGE_NAMES.has(normalise(parameter.name)))) {
          report(operation.at, `${label}: returns ${shape} and takes no page-size or pagination parameter`);
        }
        continue;
      }
      if (limits.some((parameter) => hasMaximum(parameter.schema?.value))) continue;
      const [first] = limits;
      if (first === undefined || seenParameters.has(`${first.at.file}#${first.at.pointer}`)) continue;
      seenParameters.add(`${first.at.file}#${first.at.pointer}`);
      report(first.at, `${label}: the page-size parameter \`${first.name}\` has no maximum, so a client can ask for ${shape === 'an array' ? 'the whole collection' : 'every item in one page'}`);
    }
  },
};

function normalise(name: string): string {
  let result = '';
  for (const char of name.toLowerCase()) if (!'_-.[]$'.includes(char)) result += char;
  return result;
}

function isQueryOrHeader(parameter: ParameterInfo): boolean {
  return parameter.in === 'query' || parameter.in === 'header';
}

function isLimitParameter(parameter: ParameterInfo): boolean {
  if (!isQueryOrHeader(parameter) || !LIMIT_NAMES.has(normalise(parameter.name))) return false;
  // `count=true` (include the total) is a flag, not a size.
  const types = parameter.schema === undefined ? [] : schemaTypes(parameter.schema.value);
  return !types.includes('boolean');
}

function hasMaximum(schema: JsonObject | undefined): boolean {
  if (schema === undefined) return false;
  if (typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number') return true;
  return (Array.isArray(schema.enum) && schema.enum.length > 0) || schema.const !== undefined;
}

/** `an array` or `a page (\`items\`)` when a 2XX response of the operation is an unbounded collection. */
function collectionShape(api: AuditApi, operation: OperationInfo): string | undefined {
  // `GET /documents/{id}` returning `{title, content: [...]}` is one resource with a list inside, not a
  // page: there, only an object that looks like a page (or holds nothing but the list) counts.
  const names = operation.path.endsWith('}') ? new Set<string>() : ITEM_PROPERTIES;
  for (const response of operation.responses) {
    if (!response.status.startsWith('2') || response.status === '204') continue;
    for (const media of response.content) {
      if (media.schema === undefined) continue;
      if (isUnboundedArray(media.schema.value)) return 'an array';
      const items = pageItems(api, media.schema, names);
      if (items !== undefined) return `a page (\`${items}\`)`;
    }
  }
  return undefined;
}

function isUnboundedArray(schema: JsonObject): boolean {
  const types = schemaTypes(schema);
  const isArray = types.includes('array') || (types.length === 0 && schema.items !== undefined);
  return isArray && typeof schema.maxItems !== 'number';
}

/** The array property of a page object (its own properties and its allOf members'), if any. */
function pageItems(api: AuditApi, schema: Located<JsonObject>, itemNames: ReadonlySet<string>): string | undefined {
  const properties = new Map<string, JsonObject>();
  const parts: Located[] = [schema];
  const allOf = api.document.child(schema, 'allOf');
  if (allOf !== undefined && Array.isArray(allOf.value)) allOf.value.forEach((_, index) => parts.push(api.document.child(allOf, index) as Located));
  for (const part of parts) {
    const resolved = api.document.deref(part);
    const map = resolved === undefined ? undefined : api.document.child(resolved, 'properties');
    if (map === undefined || !isObject(map.value)) continue;
    for (const name of Object.keys(map.value)) {
      const property = api.document.deref(api.document.child(map, name) as Located);
      if (property !== undefined && isObject(property.value)) properties.set(name, property.value);
    }
  }
  const names = [...properties.keys()];
  const isPage = names.length === 1 || names.some((name) => PAGE_PROPERTIES.has(normalise(name)));
  for (const [name, property] of properties) {
    if (isUnboundedArray(property) && (isPage || itemNames.has(normalise(name)))) return name;
  }
  return undefined;
}
