// Bodies with no example anywhere: neither on the media type nor in the schema tree (a bounded look
// through properties, items and compositions). Reviewers, mock servers and security testing tools
// need a valid sample to exercise the operation; without one they guess or skip it.
import type { AuditCheck } from '../../check.js';
import type { Located } from '../../document.js';
import { isObject, type AuditApi, type JsonObject, type MediaInfo } from '../../model.js';

/** Subschemas looked at per body before giving up: enough for real examples, bounded for huge schemas. */
const MAX_SCHEMAS = 64;
const EXAMPLE_KEYS = ['example', 'examples', 'x-example', 'x-examples'] as const;

export const missingExampleCheck: AuditCheck = {
  id: 'hygiene.missing-example',
  group: 'hygiene',
  title: 'Body without an example',
  owasp: 'API9',
  asvs: [],
  severity: 'info',
  part: 'validation',
  explanation: 'A request or response body with no example anywhere leaves reviewers, mock servers and API security testing tools to guess a valid payload, so the operation is less tested than the rest.',
  remediation: 'Add an `example` (or `examples`) to the media type, or examples to the schema and its properties.',
  run(api, report) {
    const seen = new Set<string>();
    const cache = new Map<string, boolean>();
    const check = (media: MediaInfo, what: () => string): void => {
      if (media.schema === undefined || media.hasExample) return;
      const key = `${media.at.file}#${media.at.pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (!hasExampleInSchema(api, media.schema, cache)) report(media.at, `${what()} (${media.mediaType}) has no example`);
    };
    for (const operation of api.operations) {
      const label = (): string => `${operation.method.toUpperCase()} ${operation.path}`;
      for (const media of operation.requestBody?.content ?? []) check(media, () => `${label()}: the request body`);
      for (const response of operation.responses) {
        for (const media of response.content) check(media, () => `${label()}: the ${response.status} response body`);
      }
    }
  },
};

/** Whether an example is written in the schema or the first subschemas under it (references followed). */
function hasExampleInSchema(api: AuditApi, start: Located<JsonObject>, cache: Map<string, boolean>): boolean {
  const startKey = `${start.at.file}#${start.at.pointer}`;
  const known = cache.get(startKey);
  if (known !== undefined) return known;
  const queue: Located[] = [start];
  const visited = new Set<string>();
  let found = false;
  for (let index = 0; index < queue.length && visited.size < MAX_SCHEMAS && !found; index++) {
    const target = api.document.deref(queue[index] as Located);
    if (target === undefined || !isObject(target.value)) continue;
    const schema = target as Located<JsonObject>;
    const key = `${schema.at.file}#${schema.at.pointer}`;
    if (visited.has(key)) continue;
    visited.add(key);
    const value = schema.value;
    if (hasExampleKey(value)) found = true;
    if (isObject(value.properties)) for (const name of Object.keys(value.properties)) found ||= pushChild(api, queue, schema, 'properties', name);
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = value[keyword];
      if (Array.isArray(list)) list.forEach((_, position) => { found ||= pushChild(api, queue, schema, keyword, position); });
    }
    if (isObject(value.items)) found ||= pushChild(api, queue, schema, 'items');
  }
  cache.set(startKey, found);
  return found;
}

/** Queues a subschema; true when it carries an example itself (read without locating it). */
function pushChild(api: AuditApi, queue: Located[], parent: Located<JsonObject>, ...segments: (string | number)[]): boolean {
  let value: unknown = parent.value;
  for (const segment of segments) value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  if (!isObject(value)) return false;
  if (typeof value.$ref !== 'string' && hasExampleKey(value)) return true;
  const child = api.document.child(parent, ...segments);
  if (child !== undefined) queue.push(child);
  return false;
}

function hasExampleKey(value: JsonObject): boolean {
  return EXAMPLE_KEYS.some((name) => value[name] !== undefined);
}
