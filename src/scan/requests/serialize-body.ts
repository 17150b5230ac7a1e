// Serialises a request body value for its media type: JSON (and +json), form-urlencoded (arrays by
// their `encoding` style), multipart/form-data (binary fields as file parts) and text/plain.
import type { ParameterSpec } from '../../contract/index.js';
import { serializeQueryParameter } from './serialize-parameter.js';
import { flattenAllOf, isRecord, typesOf } from './schema-facts.js';

export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'raw';

export interface MediaChoice {
  /** What the Content-Type header says (concrete, with the document's parameters). */
  readonly contentType: string;
  readonly kind: BodyKind;
  readonly schema?: unknown;
  readonly encoding?: Readonly<Record<string, { readonly contentType?: string; readonly style?: ParameterSpec['style']; readonly explode?: boolean }>>;
}

/** The same classification the gateway's bodyKindOf makes; XML is left out (no serialiser yet). */
export function bodyKindOf(mediaType: string): BodyKind | 'xml' {
  if (mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (mediaType === 'multipart/form-data') return 'multipart';
  if (mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml')) return 'xml';
  if (mediaType === 'text/plain') return 'text';
  return 'raw';
}

export function serializeBody(media: MediaChoice, value: unknown, onProblem: (problem: string) => void): string {
  switch (media.kind) {
    case 'json': return JSON.stringify(value);
    case 'form': return formBody(media, value, onProblem);
    case 'multipart': return multipartBody(media, value, onProblem);
    default:
      if (typeof value === 'object' && value !== null) onProblem(`a ${media.contentType} body cannot carry a structured value`);
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

const BOUNDARY = 'bulwark-scan-boundary-7MA4YWxkTrZu0gW';

/** The Content-Type header to send: multipart needs its boundary. */
export function contentTypeHeader(media: MediaChoice): string {
  return media.kind === 'multipart' ? `multipart/form-data; boundary=${BOUNDARY}` : media.contentType;
}

function fieldsOf(value: unknown, onProblem: (problem: string) => void): [string, unknown][] {
  if (!isRecord(value)) {
    onProblem('a form body needs an object value');
    return [];
  }
  return Object.entries(value);
}

function formBody(media: MediaChoice, value: unknown, onProblem: (problem: string) => void): string {
  const pieces: string[] = [];
  for (const [name, field] of fieldsOf(value, onProblem)) {
    const encoding = media.encoding?.[name];
    if (isRecord(field)) onProblem(`form field ${name} holds an object, which a form cannot carry`);
    if (encoding && (encoding.style !== undefined || encoding.explode !== undefined)) {
      // As the gateway reads it: OpenAPI 3 encoding defaults (style form, explode only for form).
      const style = encoding.style ?? 'form';
      const spec = { name, in: 'query', style, explode: encoding.explode ?? style === 'form', shape: Array.isArray(field) ? 'array' : 'primitive', required: true, schema: {} } as const;
      pieces.push(...serializeQueryParameter(spec, field));
    } else {
      const items = Array.isArray(field) ? field : [field];
      for (const item of items) pieces.push(`${encodeURIComponent(name)}=${encodeURIComponent(text(item))}`);
    }
  }
  return pieces.join('&');
}

function multipartBody(media: MediaChoice, value: unknown, onProblem: (problem: string) => void): string {
  const properties = isRecord(media.schema) && isRecord(flattenAllOf(media.schema).properties) ? flattenAllOf(media.schema).properties as Record<string, unknown> : {};
  const parts: string[] = [];
  for (const [name, field] of fieldsOf(value, onProblem)) {
    const schema = properties[name];
    const itemSchema = isRecord(schema) && typesOf(schema).includes('array') ? schema.items : schema;
    const isFile = isFileSchema(itemSchema);
    const fileType = media.encoding?.[name]?.contentType?.split(',')[0]?.trim() ?? 'application/octet-stream';
    if (isRecord(field)) onProblem(`multipart field ${name} holds an object, which is sent as JSON text`);
    for (const item of Array.isArray(field) ? field : [field]) {
      const disposition = `form-data; name="${quoted(name)}"${isFile ? `; filename="${quoted(name)}.bin"` : ''}`;
      const type = isFile ? `\r\nContent-Type: ${fileType.includes('*') ? 'application/octet-stream' : fileType}` : '';
      parts.push(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n${text(item)}\r\n`);
    }
  }
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

/** OpenAPI 3.0 `format: binary`, 3.1 `contentMediaType` / `contentEncoding`: the field is a file. */
function isFileSchema(schema: unknown): boolean {
  return isRecord(schema) && (schema.format === 'binary' || schema.contentMediaType !== undefined || schema.contentEncoding !== undefined);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** RFC 7578 §4.2: quotes and line breaks in a field name are percent-encoded. */
function quoted(name: string): string {
  return name.replaceAll('"', '%22').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
