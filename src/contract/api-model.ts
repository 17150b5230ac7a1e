// One model of an API for every module (gateway, audit, discovery, scan): operations with their
// parameters, bodies, responses and security, normalised from Swagger 2.0, OpenAPI 3.0 and 3.1 so
// nothing downstream cares which dialect the document was written in.
import type { LoadedDocument } from './load-document.js';
import type { ParameterLocation, ParameterSerialization, ParameterStyle, ValueShape } from './parameters/deserialize.js';
import type { SchemaDialect } from './schema/to-json-schema.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface ParameterSpec extends ParameterSerialization {
  readonly required: boolean;
  /** OpenAPI Schema Object (dereferenced); {} when the document gives none. */
  readonly schema: unknown;
  /** Set when the parameter is described by `content` (e.g. JSON inside a query value). */
  readonly mediaType?: string;
}

export interface EncodingSpec {
  readonly contentType?: string;
  readonly style?: ParameterStyle;
  readonly explode?: boolean;
}

export interface MediaTypeSpec {
  /** A media range as written: 'application/json', 'image/*', '*\/*'. Lowercased. */
  readonly mediaType: string;
  readonly schema?: unknown;
  readonly encoding?: Readonly<Record<string, EncodingSpec>>;
}

export interface RequestBodySpec {
  readonly required: boolean;
  readonly content: readonly MediaTypeSpec[];
}

export interface ResponseSpec {
  /** '200', '2XX' or 'default'. */
  readonly status: string;
  readonly content: readonly MediaTypeSpec[];
}

export interface SecuritySchemeSpec {
  readonly type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** apiKey: where and which name. */
  readonly in?: 'query' | 'header' | 'cookie';
  readonly name?: string;
  /** http: 'basic', 'bearer', ... */
  readonly scheme?: string;
}

/** Alternatives (OR) of requirements (AND of scheme name → scopes). [] means public. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface OperationSpec {
  /** Uppercase. */
  readonly method: string;
  /** The path key as written in the document, e.g. '/books/{id}'. */
  readonly pathTemplate: string;
  /** Base paths from the servers that apply to this operation ('' for the root). */
  readonly basePaths: readonly string[];
  readonly operationId?: string;
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody?: RequestBodySpec;
  readonly responses: readonly ResponseSpec[];
  readonly security: readonly SecurityRequirement[];
  readonly deprecated: boolean;
  /** `x-bulwark-*` extensions, the operation's over the path item's over the document's. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** JSON pointer of the operation in the document, for messages. */
  readonly pointer: string;
}

export interface ApiModel {
  readonly source: string;
  readonly dialect: SchemaDialect;
  readonly title: string;
  readonly version: string;
  readonly operations: readonly OperationSpec[];
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeSpec>>;
}

type Json = Record<string, unknown>;

export function buildApiModel(loaded: LoadedDocument): ApiModel {
  const doc = loaded.document;
  const info = objectAt(doc, 'info');
  const isSwagger = loaded.dialect === 'openapi-2.0';
  const operations: OperationSpec[] = [];
  const rootExtensions = extensionsOf(doc);
  for (const [pathTemplate, item] of Object.entries(objectAt(doc, 'paths'))) {
    if (pathTemplate.startsWith('x-') || !isObject(item)) continue;
    const pathExtensions = mergeExtensions(rootExtensions, extensionsOf(item));
    const shared = arrayAt(item, 'parameters');
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const pointer = `/paths/${escapePointer(pathTemplate)}/${method}`;
      const common = {
        method: method.toUpperCase(),
        pathTemplate,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        security: securityOf(op.security ?? doc.security),
        deprecated: op.deprecated === true,
        extensions: mergeExtensions(pathExtensions, extensionsOf(op)),
        pointer,
      };
      const parameters = mergeParameters(shared, arrayAt(op, 'parameters'));
      operations.push(isSwagger
        ? { ...common, ...swaggerOperation(doc, op, parameters) }
        : { ...common, ...openApiOperation(doc, item, op, parameters) });
    }
  }
  return {
    source: loaded.source,
    dialect: loaded.dialect,
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
    operations,
    securitySchemes: isSwagger ? swaggerSchemes(objectAt(doc, 'securityDefinitions')) : openApiSchemes(objectAt(objectAt(doc, 'components'), 'securitySchemes')),
  };
}

// ---------------------------------------------------------------- OpenAPI 3.x

function openApiOperation(doc: Json, item: Json, op: Json, parameters: Json[]) {
  const servers = arrayAt(op, 'servers').length > 0 ? arrayAt(op, 'servers') : arrayAt(item, 'servers').length > 0 ? arrayAt(item, 'servers') : arrayAt(doc, 'servers');
  const body = op.requestBody;
  return {
    basePaths: unique(servers.length === 0 ? [''] : servers.map(serverBasePath)),
    parameters: parameters.map(openApiParameter),
    ...(isObject(body) ? { requestBody: { required: body.required === true, content: contentOf(body.content) } } : {}),
    responses: Object.entries(objectAt(op, 'responses')).filter(([status]) => !status.startsWith('x-'))
      .map(([status, response]) => ({ status: statusKey(status), content: contentOf(isObject(response) ? response.content : undefined) })),
  };
}

function openApiParameter(param: Json): ParameterSpec {
  const location = param.in as ParameterLocation;
  const style = (param.style as ParameterStyle | undefined) ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
  const content = contentOf(param.content)[0];
  const schema = content ? content.schema ?? {} : param.schema ?? {};
  return {
    name: location === 'header' ? String(param.name).toLowerCase() : String(param.name),
    in: location,
    style,
    explode: typeof param.explode === 'boolean' ? param.explode : style === 'form',
    shape: content ? 'primitive' : shapeOf(schema),
    ...propertiesOf(schema),
    ...(param.allowReserved === true ? { allowReserved: true } : {}),
    required: param.required === true || location === 'path',
    schema,
    ...(content ? { mediaType: content.mediaType } : {}),
  };
}

function contentOf(content: unknown): MediaTypeSpec[] {
  if (!isObject(content)) return [];
  return Object.entries(content).filter(([, media]) => isObject(media)).map(([mediaType, media]) => {
    const m = media as Json;
    const encoding = isObject(m.encoding) ? Object.fromEntries(Object.entries(m.encoding).filter(([, e]) => isObject(e)).map(([name, e]) => [name, encodingOf(e as Json)])) : undefined;
    return { mediaType: mediaType.toLowerCase(), ...(m.schema === undefined ? {} : { schema: m.schema }), ...(encoding ? { encoding } : {}) };
  });
}

function encodingOf(e: Json): EncodingSpec {
  return {
    ...(typeof e.contentType === 'string' ? { contentType: e.contentType } : {}),
    ...(typeof e.style === 'string' ? { style: e.style as ParameterStyle } : {}),
    ...(typeof e.explode === 'boolean' ? { explode: e.explode } : {}),
  };
}

/** The path part of a server URL, with {variables} replaced by their defaults; '' for '/'. */
function serverBasePath(server: Json): string {
  let url = typeof server.url === 'string' ? server.url : '/';
  const variables = objectAt(server, 'variables');
  url = url.replace(/\{([^{}]{1,100})\}/g, (_match, name: string) => {
    const variable = variables[name];
    return isObject(variable) && (typeof variable.default === 'string' || typeof variable.default === 'number') ? String(variable.default) : '';
  });
  let path = url;
  const scheme = url.indexOf('://');
  if (scheme !== -1) {
    const slash = url.indexOf('/', scheme + 3);
    path = slash === -1 ? '' : url.slice(slash);
  } else if (url.startsWith('//')) {
    const slash = url.indexOf('/', 2);
    path = slash === -1 ? '' : url.slice(slash);
  }
  path = path.split('?')[0] ?? '';
  while (path.endsWith('/')) path = path.slice(0, -1);
  return path === '' || path.startsWith('/') ? path : `/${path}`;
}

function openApiSchemes(schemes: Json): Record<string, SecuritySchemeSpec> {
  return Object.fromEntries(Object.entries(schemes).filter(([, s]) => isObject(s)).map(([name, s]) => {
    const scheme = s as Json;
    return [name, {
      type: scheme.type as SecuritySchemeSpec['type'],
      ...(typeof scheme.in === 'string' ? { in: scheme.in as 'query' | 'header' | 'cookie' } : {}),
      ...(typeof scheme.name === 'string' ? { name: scheme.name } : {}),
      ...(typeof scheme.scheme === 'string' ? { scheme: scheme.scheme.toLowerCase() } : {}),
    }];
  }));
}

// ---------------------------------------------------------------- Swagger 2.0

const COLLECTION_FORMATS: Record<string, { style: ParameterStyle; explode: boolean }> = {
  csv: { style: 'form', explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  multi: { style: 'form', explode: true },
  // tsv has no OpenAPI 3 style; tab-separated values are read as one string and fail array schemas.
  tsv: { style: 'form', explode: false },
};

const PARAMETER_SCHEMA_KEYS = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'x-nullable'];

function swaggerOperation(doc: Json, op: Json, parameters: Json[]) {
  const consumes = stringsAt(op, 'consumes') ?? stringsAt(doc, 'consumes') ?? ['application/json'];
  const produces = stringsAt(op, 'produces') ?? stringsAt(doc, 'produces') ?? ['application/json'];
  const basePath = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : '';
  const bodyParam = parameters.find((p) => p.in === 'body');
  const formParams = parameters.filter((p) => p.in === 'formData');
  let requestBody: RequestBodySpec | undefined;
  if (bodyParam) {
    requestBody = { required: bodyParam.required === true, content: consumes.map((mediaType) => ({ mediaType: mediaType.toLowerCase(), schema: bodyParam.schema ?? {} })) };
  } else if (formParams.length > 0) {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(formParams.map((p) => [String(p.name), swaggerParameterSchema(p)])),
      required: formParams.filter((p) => p.required === true).map((p) => String(p.name)),
    };
    const formTypes = consumes.filter((c) => /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(c));
    // Array fields keep their collectionFormat (csv by default) as an OpenAPI 3 encoding.
    const encoding = Object.fromEntries(formParams.filter((p) => p.type === 'array').map((p) => {
      const format = COLLECTION_FORMATS[typeof p.collectionFormat === 'string' ? p.collectionFormat : 'csv'] ?? { style: 'form' as const, explode: false };
      return [String(p.name), { style: format.style, explode: format.explode }];
    }));
    requestBody = {
      required: formParams.some((p) => p.required === true),
      content: (formTypes.length > 0 ? formTypes : ['application/x-www-form-urlencoded']).map((mediaType) => ({
        mediaType: mediaType.toLowerCase(), schema, ...(Object.keys(encoding).length > 0 ? { encoding } : {}),
      })),
    };
  }
  return {
    basePaths: [basePath],
    parameters: parameters.filter((p) => p.in !== 'body' && p.in !== 'formData').map(swaggerParameter),
    ...(requestBody ? { requestBody } : {}),
    responses: Object.entries(objectAt(op, 'responses')).filter(([status]) => !status.startsWith('x-')).map(([status, response]) => {
      const schema = isObject(response) ? response.schema : undefined;
      return { status: statusKey(status), content: schema === undefined ? [] : produces.map((mediaType) => ({ mediaType: mediaType.toLowerCase(), schema })) };
    }),
  };
}

function swaggerParameter(param: Json): ParameterSpec {
  const location = param.in as ParameterLocation;
  const schema = swaggerParameterSchema(param);
  const format = COLLECTION_FORMATS[typeof param.collectionFormat === 'string' ? param.collectionFormat : 'csv'] ?? { style: 'form', explode: false };
  const isArray = param.type === 'array';
  return {
    name: location === 'header' ? String(param.name).toLowerCase() : String(param.name),
    in: location,
    style: location === 'query' || location === 'cookie' ? format.style : 'simple',
    explode: isArray && location === 'query' ? format.explode : false,
    shape: shapeOf(schema),
    required: param.required === true || location === 'path',
    schema,
  };
}

/** Swagger 2.0 non-body parameters carry their schema keywords inline. */
function swaggerParameterSchema(param: Json): Json {
  const schema: Json = {};
  for (const key of PARAMETER_SCHEMA_KEYS) if (param[key] !== undefined) schema[key] = param[key];
  if (schema.type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  }
  return schema;
}

function swaggerSchemes(definitions: Json): Record<string, SecuritySchemeSpec> {
  const schemes: Record<string, SecuritySchemeSpec> = {};
  for (const [name, scheme] of Object.entries(definitions)) {
    if (!isObject(scheme)) continue;
    if (scheme.type === 'basic') schemes[name] = { type: 'http', scheme: 'basic' };
    else if (scheme.type === 'oauth2') schemes[name] = { type: 'oauth2' };
    else schemes[name] = { type: 'apiKey', in: scheme.in as 'query' | 'header', name: String(scheme.name) };
  }
  return schemes;
}

// ---------------------------------------------------------------- shared

/** '200', '2XX' (ranges uppercased, as OpenAPI allows either case) or 'default'. */
function statusKey(status: string): string {
  return status.toLowerCase() === 'default' ? 'default' : status.toUpperCase();
}

/** Operation-level parameters replace path-level ones with the same name and location. */
function mergeParameters(shared: Json[], own: Json[]): Json[] {
  const key = (p: Json): string => `${String(p.in)}:${p.in === 'header' ? String(p.name).toLowerCase() : String(p.name)}`;
  const merged = new Map<string, Json>();
  for (const p of [...shared, ...own]) if (isObject(p)) merged.set(key(p), p);
  return [...merged.values()];
}

function securityOf(value: unknown): SecurityRequirement[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((requirement) => Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [name, Array.isArray(scopes) ? scopes.map(String) : []])));
}

export function shapeOf(schema: unknown): ValueShape {
  if (!isObject(schema)) return 'primitive';
  const type: unknown = Array.isArray(schema.type) ? (schema.type as unknown[]).find((t) => t !== 'null') : schema.type;
  if (type === 'array') return 'array';
  if (type === 'object' || (type === undefined && isObject(schema.properties))) return 'object';
  return 'primitive';
}

function propertiesOf(schema: unknown): { properties?: readonly string[] } {
  return isObject(schema) && isObject(schema.properties) ? { properties: Object.keys(schema.properties) } : {};
}

/** The more specific level wins per key; object-valued extensions (x-bulwark-rules) merge key by key. */
function mergeExtensions(base: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [key, value] of Object.entries(own)) {
    const inherited = merged[key];
    merged[key] = isObject(inherited) && isObject(value) ? { ...inherited, ...value } : value;
  }
  return merged;
}

function extensionsOf(value: Json): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.startsWith('x-bulwark-')));
}

function objectAt(value: unknown, key: string): Json {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : {};
}

function arrayAt(value: unknown, key: string): Json[] {
  const found = isObject(value) ? value[key] : undefined;
  return Array.isArray(found) ? found.filter(isObject) : [];
}

function stringsAt(value: Json, key: string): string[] | undefined {
  const found = value[key];
  return Array.isArray(found) && found.length > 0 ? found.map(String) : undefined;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
