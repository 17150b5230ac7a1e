// Serialises parameter values by their OpenAPI style and explode (3.1.0 §4.8.12.4, RFC 6570), the
// inverse of src/contract/parameters/deserialize.ts, so the gateway reads back the value we meant.
import type { ParameterSpec } from '../../contract/index.js';
import { isRecord } from './schema-facts.js';

/** A value in the form the styles work on: text, a list of texts, or pairs of texts. */
type Flat = { kind: 'text'; text: string } | { kind: 'list'; items: string[] } | { kind: 'pairs'; pairs: [string, string][] };

function flatten(spec: ParameterSpec, value: unknown): Flat {
  // A `content` parameter carries its value serialised by its media type, as one text.
  if (spec.mediaType !== undefined) return { kind: 'text', text: typeof value === 'string' && !spec.mediaType.includes('json') ? value : JSON.stringify(value) };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(scalarText) };
  if (isRecord(value)) return { kind: 'pairs', pairs: Object.entries(value).map(([k, v]) => [k, scalarText(v)]) };
  return { kind: 'text', text: scalarText(value) };
}

/** Nested containers have no style of their own: JSON is the least surprising text for them. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

const encode = encodeURIComponent;

/** The path segment text for a path parameter, percent-encoded. */
export function serializePathParameter(spec: ParameterSpec, value: unknown): string {
  const flat = flatten(spec, value);
  const list = (items: string[], separator: string): string => items.map(encode).join(separator);
  const pairs = (entries: [string, string][], isExploded: boolean, separator: string): string => (isExploded
    ? entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join(separator)
    : entries.flatMap(([k, v]) => [encode(k), encode(v)]).join(','));
  if (spec.style === 'label') {
    const separator = spec.explode ? '.' : ',';
    return `.${flat.kind === 'text' ? encode(flat.text) : flat.kind === 'list' ? list(flat.items, separator) : pairs(flat.pairs, spec.explode, separator)}`;
  }
  if (spec.style === 'matrix') {
    const name = encode(spec.name);
    if (flat.kind === 'text') return `;${name}=${encode(flat.text)}`;
    if (flat.kind === 'list') return spec.explode ? flat.items.map((item) => `;${name}=${encode(item)}`).join('') : `;${name}=${list(flat.items, ',')}`;
    return spec.explode ? `;${pairs(flat.pairs, true, ';')}` : `;${name}=${pairs(flat.pairs, false, ',')}`;
  }
  if (flat.kind === 'text') return encode(flat.text);
  return flat.kind === 'list' ? list(flat.items, ',') : pairs(flat.pairs, spec.explode, ',');
}

/** `key=value` pieces of the query string (form encoding, '+' sent as %2B), in order. */
export function serializeQueryParameter(spec: ParameterSpec, value: unknown): string[] {
  const flat = flatten(spec, value);
  const name = encode(spec.name);
  if (spec.style === 'deepObject') return deepObjectPairs(spec.name, value);
  if (flat.kind === 'text') return [`${name}=${encode(flat.text)}`];
  if (flat.kind === 'pairs') {
    return spec.explode
      ? flat.pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`)
      : [`${name}=${flat.pairs.flatMap(([k, v]) => [encode(k), encode(v)]).join(',')}`];
  }
  if (spec.explode) return flat.items.length === 0 ? [`${name}=`] : flat.items.map((item) => `${name}=${encode(item)}`);
  const separator = spec.style === 'spaceDelimited' ? '%20' : spec.style === 'pipeDelimited' ? '|' : ',';
  return [`${name}=${flat.items.map(encode).join(separator)}`];
}

/** `name[a][b]=v`, lists as `name[a][]=v` repeated (the bracket syntax deserialize.ts reads). */
function deepObjectPairs(name: string, value: unknown, prefix = name): string[] {
  if (Array.isArray(value)) return value.map((item) => `${encodeBracketed(prefix)}[]=${encode(scalarText(item))}`);
  if (!isRecord(value)) return [`${encodeBracketed(prefix)}=${encode(scalarText(value))}`];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = `${prefix}[${key}]`;
    return isRecord(child) || Array.isArray(child) ? deepObjectPairs(name, child, path) : [`${encodeBracketed(path)}=${encode(scalarText(child))}`];
  });
}

/** Brackets stay readable; everything else in the key is percent-encoded. */
function encodeBracketed(key: string): string {
  return encode(key).replaceAll('%5B', '[').replaceAll('%5D', ']');
}

/** A header value: lists and pairs comma-separated (simple style, the only one headers have). */
export function serializeHeaderParameter(spec: ParameterSpec, value: unknown): string {
  const flat = flatten(spec, value);
  if (flat.kind === 'text') return flat.text;
  if (flat.kind === 'list') return flat.items.join(',');
  return spec.explode ? flat.pairs.map(([k, v]) => `${k}=${v}`).join(',') : flat.pairs.flat().join(',');
}

/** `name=value` for the Cookie header; lists and pairs comma-separated (form style, as the gateway reads cookies). */
export function serializeCookieParameter(spec: ParameterSpec, value: unknown): string {
  const flat = flatten(spec, value);
  const text = flat.kind === 'text' ? flat.text : flat.kind === 'list' ? flat.items.join(',') : flat.pairs.flat().join(',');
  return `${spec.name}=${text}`;
}
