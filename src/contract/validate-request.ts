// Checks a request against its compiled operation: parameters in every location (deserialised per
// their OpenAPI style, then validated), unknown parameters, and the body by media type (JSON,
// form, multipart, XML, text). Returns findings; the contract stage decides what they mean.
import type { IncomingHttpHeaders } from 'node:http';
import type { ParameterSpec } from './api-model.js';
import { shapeOf } from './api-model.js';
import { isMediaTypeAllowed, parseMultipart, type MultipartLimits } from './bodies/multipart-body.js';
import { parseXmlBody, type XmlLimits } from './bodies/xml-body.js';
import { bodyKindOf, selectMedia, type CompiledMedia, type CompiledOperation } from './compile-contract.js';
import {
  parseCookies, parseQuery, readCookieParameter, readHeaderParameter, readPathParameter, readQueryParameter, type ParameterLocation, type QueryPairs,
} from './parameters/deserialize.js';
import { toFailures, type Failure } from './validation-errors.js';

export interface ParameterInput {
  readonly pathParams: Readonly<Record<string, string>>;
  /** Raw query string without '?'. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ParameterCheckOptions {
  readonly maxQueryPairs: number;
  /** Lowercase header names never reported as unknown. */
  readonly allowedHeaders: ReadonlySet<string>;
  readonly allowedCookies: ReadonlySet<string>;
  /** Query names and cookies that security schemes use (an API key in the query is not unknown). */
  readonly allowedQuery: ReadonlySet<string>;
}

export interface ParameterCheck {
  readonly failures: readonly Failure[];
  readonly unknown: Readonly<Record<'query' | 'header' | 'cookie', readonly string[]>>;
}

/** Header parameters named like these are ignored by OpenAPI (§4.8.12.1): they are described elsewhere. */
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

export function checkParameters(op: CompiledOperation, input: ParameterInput, options: ParameterCheckOptions): ParameterCheck {
  const failures: Failure[] = [];
  const parsedQuery = parseQuery(input.query, options.maxQueryPairs);
  const pairs: QueryPairs = parsedQuery.ok ? parsedQuery.pairs : new Map();
  if (!parsedQuery.ok) failures.push({ location: 'query', problem: parsedQuery.problem, kind: 'invalid', pointer: '' });
  const cookies = parseCookies(headerText(input.headers.cookie));
  const consumedQuery = new Set<string>();

  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    const compiled = op.parameters[location];
    if (!compiled.validate) continue;
    const values: Record<string, unknown> = {};
    for (const spec of compiled.specs) {
      if (location === 'header' && IGNORED_HEADER_PARAMETERS.has(spec.name)) continue;
      let value: unknown;
      if (location === 'path') {
        const raw = input.pathParams[spec.name];
        value = raw === undefined ? undefined : readPathParameter(spec, raw);
      } else if (location === 'query') {
        const read = readQueryParameter(spec, pairs);
        for (const key of read.consumed) consumedQuery.add(key);
        value = read.value;
        if (isRepeated(spec, pairs)) {
          // HTTP parameter pollution: ?limit=10&limit=99999 is checked as 10 here, while some
          // frameworks read the last value or an array upstream. One value means one value.
          failures.push({ location: `query.${spec.name}`, problem: 'must not be repeated', kind: 'invalid', pointer: `/${spec.name}` });
          continue;
        }
      } else if (location === 'header') {
        value = readHeaderParameter(spec, input.headers[spec.name]);
      } else {
        value = readCookieParameter(spec, cookies);
      }
      if (value === undefined) continue;
      const decoded = spec.mediaType === undefined ? value : decodeContent(spec, value, location, failures);
      if (decoded !== undefined) values[spec.name] = decoded;
    }
    if (!compiled.validate(values)) failures.push(...toFailures(compiled.validate.errors, location));
  }
  return {
    failures,
    unknown: {
      query: [...pairs.keys()].filter((key) => !consumedQuery.has(key) && !options.allowedQuery.has(key)),
      header: Object.keys(input.headers).filter((name) => !op.parameters.header.names.has(name) && !options.allowedHeaders.has(name)),
      cookie: [...cookies.keys()].filter((name) => !op.parameters.cookie.names.has(name) && !options.allowedCookies.has(name)),
    },
  };
}

/** A query key that carries one value (not an exploded array) but was sent more than once. */
function isRepeated(spec: ParameterSpec, pairs: QueryPairs): boolean {
  const isMultiValued = spec.shape === 'array' && spec.explode && (spec.style === 'form' || spec.style === 'spaceDelimited' || spec.style === 'pipeDelimited');
  return !isMultiValued && spec.style !== 'deepObject' && (pairs.get(spec.name)?.length ?? 0) > 1;
}

/** A parameter described by `content` (e.g. JSON in a query value) is parsed before validation. */
function decodeContent(spec: ParameterSpec, value: unknown, location: ParameterLocation, failures: Failure[]): unknown {
  if (bodyKindOf(spec.mediaType ?? '') !== 'json' || typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    failures.push({ location: `${location}.${spec.name}`, problem: 'is not valid JSON', kind: 'invalid', pointer: `/${spec.name}` });
    return undefined;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join('; ') : value;
}

// ---------------------------------------------------------------- bodies

export interface BodyInput {
  /** Lowercased media type without parameters; '' when no Content-Type was sent. */
  readonly mediaType: string;
  /** The full Content-Type header (multipart needs its boundary). */
  readonly contentType: string;
  readonly decoded: Buffer;
  json(): { ok: true; value: unknown } | { ok: false; error: string };
}

export interface BodyCheckOptions {
  /** Most fields of an application/x-www-form-urlencoded body. */
  readonly maxFormFields: number;
  readonly xml: XmlLimits;
  readonly multipart: MultipartLimits;
  /** Media ranges files may have when the document's `encoding` says nothing; [] allows any. */
  readonly allowedFileTypes: readonly string[];
  /** Report properties the schema does not declare but leaves open (the `undeclared-property` rule). */
  readonly reportUndeclared: boolean;
}

export type BodyCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unsupported-media-type'; readonly declared: readonly string[] }
  | { readonly kind: 'malformed'; readonly problem: string }
  /** Over a parser limit that is about size (multipart parts, files, field or file bytes; XML nodes or text). */
  | { readonly kind: 'too-large'; readonly problem: string }
  | { readonly kind: 'file-type'; readonly failures: readonly Failure[] }
  | { readonly kind: 'failures'; readonly failures: readonly Failure[] };

const OK: BodyCheck = Object.freeze({ kind: 'ok' });
const SIZE_FAILURES: ReadonlySet<string> = new Set(['too-many-parts', 'too-many-files', 'file-too-large', 'field-too-large']);

/** Which declared media type the request's Content-Type selects; undefined → 415. */
export function mediaFor(op: CompiledOperation, mediaType: string): CompiledMedia | undefined {
  return op.body ? selectMedia(op.body.media, mediaType) : undefined;
}

export function checkBody(op: CompiledOperation, body: BodyInput | undefined, options: BodyCheckOptions): BodyCheck | Promise<BodyCheck> {
  const declared = op.body;
  if (!body || body.decoded.length === 0) return declared?.required ? { kind: 'missing' } : OK;
  if (!declared) return OK; // a body where none is declared: the size limits still apply; nothing to validate
  const media = selectMedia(declared.media, body.mediaType);
  if (!media) return { kind: 'unsupported-media-type', declared: declared.media.map((m) => m.range) };
  switch (bodyKindOf(body.mediaType)) {
    case 'json': {
      const parsed = body.json();
      return parsed.ok ? validateValue(media, parsed.value, options) : { kind: 'malformed', problem: 'the body is not valid JSON' };
    }
    case 'xml': {
      const parsed = parseXmlBody(body.decoded.toString('utf8'), media.schema, options.xml);
      if (!parsed.ok) return { kind: parsed.reason === 'size' ? 'too-large' : 'malformed', problem: `the XML body is not acceptable: ${parsed.problem}` };
      return validateValue(media, parsed.value, options);
    }
    case 'text':
      return validateValue(media, body.decoded.toString('utf8'), options);
    case 'form': {
      const parsed = parseQuery(body.decoded.toString('utf8'), options.maxFormFields);
      if (!parsed.ok) return { kind: 'malformed', problem: `the form body is not acceptable: ${parsed.problem}` };
      return validateValue(media, formObject(media, parsed.pairs), options);
    }
    case 'multipart':
      return checkMultipart(media, body, options);
    default:
      return OK; // other media types: size limits only
  }
}

function validateValue(media: CompiledMedia, value: unknown, options: BodyCheckOptions): BodyCheck {
  const validate = media.validate;
  if (!validate || validate(value)) return OK;
  const failures = toFailures(validate.errors, 'body').filter((f) => options.reportUndeclared || f.kind !== 'undeclared');
  return failures.length === 0 ? OK : { kind: 'failures', failures };
}

/** Form fields as the schema wants them: arrays where it declares arrays, else the first value. */
function formObject(media: CompiledMedia, pairs: QueryPairs): Record<string, unknown> {
  const properties = propertySchemas(media.schema);
  const value: Record<string, unknown> = {};
  for (const [name, values] of pairs) {
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
    const encoding = media.encoding?.[name];
    const shape = shapeOf(properties[name]);
    if (encoding && (encoding.style !== undefined || encoding.explode !== undefined)) {
      // OpenAPI 3 encoding defaults: style form, explode true only for form.
      const style = encoding.style ?? 'form';
      value[name] = readQueryParameter({ name, in: 'query', style, explode: encoding.explode ?? style === 'form', shape }, pairs).value;
    } else {
      value[name] = shape === 'array' ? [...values] : values[0];
    }
  }
  return value;
}

async function checkMultipart(media: CompiledMedia, body: BodyInput, options: BodyCheckOptions): Promise<BodyCheck> {
  const parsed = await parseMultipart(body.decoded, body.contentType, options.multipart);
  if (!parsed.ok) return { kind: SIZE_FAILURES.has(parsed.reason) ? 'too-large' : 'malformed', problem: `the multipart body is not acceptable: ${parsed.problem}` };
  const properties = propertySchemas(media.schema);
  const value: Record<string, unknown> = {};
  for (const [name, values] of Object.entries<readonly string[]>(parsed.fields)) value[name] = shapeOf(properties[name]) === 'array' ? [...values] : values[0];
  const fileFailures: Failure[] = [];
  const fileCounts = new Map<string, number>();
  for (const file of parsed.files) {
    fileCounts.set(file.field, (fileCounts.get(file.field) ?? 0) + 1);
    const allowed = fileTypesFor(media, file.field, options.allowedFileTypes);
    if (allowed.length === 0) continue;
    // Both the declared type and what the bytes look like must be allowed: a renamed executable
    // sent as image/png is caught by its magic number.
    const sniffed = file.sniffedType;
    if (!isMediaTypeAllowed(file.declaredType, allowed) || (sniffed !== undefined && !isMediaTypeAllowed(sniffed, allowed))) {
      fileFailures.push({ location: `body.$.${file.field}`, problem: `file type is not allowed (allowed: ${allowed.join(', ')})`, kind: 'invalid', pointer: `/${file.field}` });
    }
  }
  if (fileFailures.length > 0) return { kind: 'file-type', failures: fileFailures.slice(0, 20) };
  // Files stand in as empty strings: their schema is `type: string, format: binary`, and the bytes
  // were already limited and type-checked above.
  for (const [field, count] of fileCounts) value[field] = shapeOf(properties[field]) === 'array' ? Array.from({ length: count }, () => '') : '';
  return validateValue(media, value, options);
}

function fileTypesFor(media: CompiledMedia, field: string, fallback: readonly string[]): readonly string[] {
  const declared = media.encoding?.[field]?.contentType;
  if (declared) return declared.split(',').map((type) => type.trim().toLowerCase()).filter((type) => type !== '');
  return fallback;
}

function propertySchemas(schema: unknown): Record<string, unknown> {
  if (schema === null || typeof schema !== 'object') return {};
  const properties = (schema as { properties?: unknown }).properties;
  return properties !== null && typeof properties === 'object' ? properties as Record<string, unknown> : {};
}

