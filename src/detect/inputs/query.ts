// Query parameters (RFC 3986 §3.4, WHATWG urlencoded): split on `&` only, each `name=value` kept raw and
// percent-encoded for the normalisers. Names are fields of their own: `user[$ne]` and `__proto__[x]`
// are attacks on the parsers behind (qs, PHP), which the NoSQL and prototype-pollution detectors read.
import { addField, locationName, type FieldSink } from './field-sink.js';
import type { FieldKind, FieldSource } from '../field.js';
import { extractGraphqlQueryParameter } from './graphql.js';

/** Module-level aliases: see json-text.ts (imported bindings cost two getters each under a CommonJS transform). */
const add = addField;
const nameInLocation = locationName;

export function extractQuery(sink: FieldSink, query: string, path: string): void {
  extractPairs(sink, query, 'query', 'query', 'query.', path);
}

/**
 * Walks `a=1&b&c=3`: a pair without `=` is a name only; an empty name with a value keeps the value
 * (some parsers accept it). Shared with form bodies, which have the same syntax. `path` is the request
 * path for GET GraphQL (`?query={...}`), undefined for bodies.
 */
export function extractPairs(sink: FieldSink, text: string, kind: FieldKind, source: FieldSource, prefix: string, path: string | undefined): void {
  let start = 0;
  while (start <= text.length && !sink.isFull) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const equals = text.indexOf('=', start);
      const hasValue = equals !== -1 && equals < end;
      const name = text.slice(start, hasValue ? equals : end);
      const location = prefix + nameInLocation(name);
      add(sink, kind, source, location + '#name', name, true, name);
      if (hasValue) {
        const value = text.slice(equals + 1, end);
        if (path === undefined || name !== 'query' || !extractGraphqlQueryParameter(sink, value, path)) {
          add(sink, kind, source, location, name, false, value);
        }
      }
    }
    start = end + 1;
  }
}
