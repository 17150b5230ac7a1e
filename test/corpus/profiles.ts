// Where each attack class is realistic and which encodings make sense for it: the matrix the generator
// expands seeds over. A placement or encoding missing here is missing on purpose (a Shellshock payload
// only works where bash imports it from an environment variable: headers).
import type { AttackClass } from '../../src/detect/index.js';
import type { Encoding, Placement } from './case.js';

export interface ClassProfile {
  /** Every plain payload goes to each of these. */
  readonly primary: readonly Placement[];
  /** ...and to one of these, round-robin. Encoded payloads go to one of primary + others. */
  readonly others: readonly Placement[];
  /** Non-plain encodings of value payloads. */
  readonly encodings: readonly Encoding[];
  /** Parameter / field names the payload is sent under, round-robin (realistic targets). */
  readonly fields: readonly string[];
  /** Full-width only the host of a URL payload (IDNA folds it back; a full-width scheme would not parse). */
  readonly fullWidthHostOnly?: boolean;
}

const HEADERS: readonly Placement[] = ['header-user-agent', 'header-referer', 'header-x-forwarded-for', 'header-custom'];
const BODIES: readonly Placement[] = ['form', 'multipart-field', 'xml-text', 'xml-attribute', 'graphql-argument', 'graphql-variables'];
const ALL_VALUE_ENCODINGS: readonly Encoding[] = ['url', 'double-url', 'base64', 'unicode-escape', 'html-entity', 'full-width'];

export const CLASS_PROFILES: Readonly<Record<AttackClass, ClassProfile>> = {
  sqli: { primary: ['query', 'json'], others: ['path', 'cookie', ...HEADERS, ...BODIES, 'multipart-filename'], encodings: ALL_VALUE_ENCODINGS, fields: ['id', 'search', 'sort', 'category', 'username'] },
  xss: { primary: ['query', 'json'], others: ['path', 'cookie', 'header-user-agent', 'header-referer', 'header-custom', ...BODIES, 'multipart-filename'], encodings: ALL_VALUE_ENCODINGS, fields: ['q', 'comment', 'name', 'bio', 'message'] },
  cmdi: { primary: ['query', 'json'], others: ['path', 'cookie', 'header-user-agent', 'header-custom', ...BODIES, 'multipart-filename'], encodings: ['url', 'double-url', 'base64'], fields: ['host', 'ip', 'filename', 'domain', 'target'] },
  lfi: { primary: ['query', 'json'], others: ['path', 'cookie', 'header-custom', ...BODIES, 'multipart-filename'], encodings: ['url', 'double-url', 'base64', 'unicode-escape', 'full-width'], fields: ['file', 'page', 'template', 'path', 'doc'] },
  rfi: { primary: ['query', 'json'], others: ['cookie', 'header-custom', ...BODIES], encodings: ['url', 'double-url', 'base64'], fields: ['page', 'include', 'template', 'module', 'lang'] },
  ssrf: { primary: ['query', 'json'], others: ['path', 'header-referer', 'header-custom', ...BODIES], encodings: ['url', 'double-url', 'base64', 'full-width'], fields: ['url', 'webhook_url', 'callback', 'image_url', 'feed'], fullWidthHostOnly: true },
  xxe: { primary: ['xml-document', 'query', 'json'], others: ['form', 'multipart-file', 'multipart-field', 'graphql-variables'], encodings: ['url', 'base64'], fields: ['xml', 'data', 'document', 'payload'] },
  nosqli: { primary: ['query', 'json'], others: ['cookie', 'header-custom', 'form', 'multipart-field', 'xml-text', 'graphql-argument', 'graphql-variables'], encodings: ['url', 'base64'], fields: ['username', 'filter', 'query', 'password'] },
  ssti: { primary: ['query', 'json'], others: ['path', 'cookie', 'header-user-agent', 'header-custom', ...BODIES, 'multipart-filename'], encodings: ALL_VALUE_ENCODINGS, fields: ['name', 'template', 'greeting', 'subject'] },
  ldapi: { primary: ['query', 'json'], others: ['cookie', 'header-custom', ...BODIES], encodings: ['url', 'double-url'], fields: ['user', 'uid', 'cn', 'search'] },
  crlf: { primary: ['query', 'json'], others: ['path', 'cookie', 'form', 'multipart-field', 'xml-text', 'graphql-argument', 'graphql-variables'], encodings: ['url', 'double-url', 'unicode-escape'], fields: ['redirect', 'lang', 'next', 'return_to'] },
  ssi: { primary: ['query', 'json'], others: ['path', 'cookie', 'header-user-agent', 'header-referer', 'header-custom', ...BODIES, 'multipart-filename'], encodings: ['url', 'double-url'], fields: ['comment', 'name', 'message', 'title'] },
  mail: { primary: ['query', 'json'], others: ['form', 'multipart-field', 'xml-text', 'graphql-argument', 'graphql-variables'], encodings: ['url', 'double-url'], fields: ['email', 'to', 'subject', 'from'] },
  'prototype-pollution': { primary: ['query', 'json'], others: ['form', 'multipart-field', 'graphql-variables'], encodings: ['url'], fields: ['path', 'key', 'field'] },
  jndi: { primary: ['query', 'json'], others: ['path', 'cookie', ...HEADERS, ...BODIES, 'multipart-filename'], encodings: ['url', 'double-url', 'base64', 'unicode-escape'], fields: ['username', 'search', 'q', 'device'] },
  shellshock: { primary: ['header-user-agent', 'header-custom'], others: ['header-referer', 'header-x-forwarded-for', 'cookie-header'], encodings: [], fields: ['x'] },
  protocol: { primary: [], others: [], encodings: [], fields: ['x'] },
};

/** Key payloads (operator and prototype keys) go into names: query and form parameter names, JSON keys. */
export const KEY_PRIMARY: readonly Placement[] = ['query-name', 'json-key'];
export const KEY_OTHERS: readonly Placement[] = ['form-name', 'graphql-variables'];
export const KEY_ENCODING_PLACEMENTS: Readonly<Partial<Record<Encoding, readonly Placement[]>>> = {
  // Percent-encoded brackets and `$` in a parameter name: qs and PHP decode them before parsing.
  url: ['query-name', 'form-name'],
  // `"\u0024ne"` as a JSON key: JSON.parse turns it into `$ne` (the JSON escape, decoded by the parser).
  'unicode-escape': ['json-key', 'graphql-variables'],
};

/** Where an encoded value payload can realistically arrive still encoded for the application. */
export const ENCODING_PLACEMENTS: Readonly<Record<Exclude<Encoding, 'plain'>, readonly Placement[]>> = {
  url: ['path', 'query', 'form', 'cookie', 'json', 'header-custom', 'header-referer', 'multipart-field', 'xml-text', 'graphql-variables'],
  'double-url': ['path', 'query', 'form', 'cookie', 'json', 'header-custom'],
  base64: ['query', 'json', 'form', 'cookie', 'header-custom', 'multipart-field', 'graphql-variables', 'xml-text'],
  'unicode-escape': ['json', 'graphql-variables', 'query', 'form'],
  'html-entity': ['json', 'form', 'query', 'multipart-field', 'xml-text', 'graphql-variables'],
  'full-width': ['query', 'json', 'form', 'path', 'multipart-field', 'graphql-variables'],
};
