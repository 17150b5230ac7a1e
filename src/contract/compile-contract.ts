// Compiles an ApiModel once, at load or reload, into what the request path needs: a router to
// operations and, per operation, Ajv validators for each parameter location, each request media
// type and each response. Identical schema objects (shared $ref targets) compile once.
import type { ValidateFunction } from 'ajv';
import type { Operation } from '../core/types.js';
import type { ApiModel, MediaTypeSpec, OperationSpec, ParameterSpec } from './api-model.js';
import { isObject } from './api-model.js';
import { createOperationRouter, type RouteMatch } from './operation-router.js';
import type { ParameterLocation } from './parameters/deserialize.js';
import { compileSchema, createAjv } from './schema/create-ajv.js';
import { toJsonSchema, type Direction } from './schema/to-json-schema.js';

export type BodyKind = 'json' | 'form' | 'multipart' | 'xml' | 'text' | 'other';

export interface CompiledMedia {
  /** The media range as declared. */
  readonly range: string;
  /** The OpenAPI schema as written (dereferenced): XML conversion and multipart encodings read it. */
  readonly schema: unknown;
  readonly encoding?: MediaTypeSpec['encoding'];
  /**
   * The document's schema, with open objects marked so undeclared properties are reported too
   * (keyword `bulwarkUndeclared`); undefined when the media type has none. For form and multipart
   * bodies it coerces strings, since their values arrive as text.
   */
  readonly validate?: ValidateFunction;
}

export interface CompiledParameters {
  readonly specs: readonly ParameterSpec[];
  /** Validates `{ [name]: value }` for the location (coercing strings); undefined when none are declared. */
  readonly validate?: ValidateFunction;
  /** Declared names (headers lowercased). */
  readonly names: ReadonlySet<string>;
}

export interface CompiledOperation {
  readonly spec: OperationSpec;
  /** The shared-vocabulary operation (method + path template) that events and other stages see. */
  readonly operation: Operation;
  readonly parameters: Readonly<Record<ParameterLocation, CompiledParameters>>;
  readonly body?: { readonly required: boolean; readonly media: readonly CompiledMedia[] };
  /** By status key as written ('200', '2XX', 'default'). */
  readonly responses: ReadonlyMap<string, readonly CompiledMedia[]>;
  /** The document's security schemes, by name, for the requirements in spec.security. */
  readonly schemes: ApiModel['securitySchemes'];
}

export type ContractMatch = RouteMatch<CompiledOperation>;

export interface CompiledContract {
  readonly model: ApiModel;
  readonly operations: readonly CompiledOperation[];
  /** `path` is the path as the document sees it: after the route's stripPrefix, with the server base path included. */
  match(method: string, path: string): ContractMatch;
}

export interface ContractCompileOptions {
  /** Replaces the base paths the document's servers (3.x) or basePath (2.0) give. */
  readonly basePaths?: readonly string[];
}

const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

/**
 * Throws an Error naming the operation and the problem when a request schema cannot be compiled.
 * Response schemas compile on first use; their errors name the operation and status then.
 */
export function compileContract(model: ApiModel, options: ContractCompileOptions = {}): CompiledContract {
  const compiler = createSchemaCompiler(model);
  const operations = model.operations.map((spec) => {
    try {
      return compileOperation(spec, model, compiler);
    } catch (error) {
      throw new Error(`${model.source}: ${spec.pointer} (${spec.method} ${spec.pathTemplate}): ${(error as Error).message}`, { cause: error });
    }
  });
  const entries = operations.flatMap((compiled) => (options.basePaths ?? compiled.spec.basePaths).map((base) => ({
    method: compiled.spec.method,
    path: joinBase(base, compiled.spec.pathTemplate),
    value: compiled,
  })));
  let router: ReturnType<typeof createOperationRouter<CompiledOperation>>;
  try {
    router = createOperationRouter(entries);
  } catch (error) {
    throw new Error(`${model.source}: operations collide: ${(error as Error).message}`, { cause: error });
  }
  return { model, operations, match: (method, path) => router.match(method, path) };
}

function joinBase(base: string, template: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return `${trimmed}${template.startsWith('/') ? template : `/${template}`}`;
}

interface SchemaCompiler {
  /** A body schema (JSON, XML, text: no coercion; form and multipart: coercing), objects closed. */
  body(schema: unknown, direction: Direction, isCoercing: boolean): ValidateFunction;
  /** One validator per distinct parameter set: operations sharing $ref'd parameters share it. */
  parameters(specs: readonly ParameterSpec[]): ValidateFunction;
}

/** Memoises by schema object: a component referenced by a hundred operations compiles once per variant. */
function createSchemaCompiler(model: ApiModel): SchemaCompiler {
  const ajvs = { body: createAjv('body'), parameters: createAjv('parameters') };
  const caches = new Map<string, WeakMap<object, ValidateFunction>>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (schema: unknown): string => {
    if (!isObject(schema)) return JSON.stringify(schema) ?? 'undefined';
    let id = ids.get(schema);
    if (id === undefined) ids.set(schema, id = nextId++);
    return String(id);
  };
  const parameterSets = new Map<string, ValidateFunction>();

  return {
    body(schema, direction, isCoercing) {
      const purpose = isCoercing ? 'parameters' : 'body';
      const cacheKey = `${purpose}:${direction}`;
      let cache = caches.get(cacheKey);
      if (!cache) caches.set(cacheKey, cache = new WeakMap());
      const cached = isObject(schema) ? cache.get(schema) : undefined;
      if (cached) return cached;
      const validate = compileSchema(ajvs[purpose], toJsonSchema(schema, { dialect: model.dialect, direction, closeObjects: true }));
      if (isObject(schema)) cache.set(schema, validate);
      return validate;
    },
    parameters(specs) {
      const key = specs.map((p) => `${p.name}\u0000${p.required}\u0000${idOf(p.schema)}`).join('\u0001');
      let validate = parameterSets.get(key);
      if (!validate) {
        const schema = {
          type: 'object',
          properties: Object.fromEntries(specs.map((p) => [p.name, p.schema])),
          required: specs.filter((p) => p.required).map((p) => p.name),
        };
        validate = compileSchema(ajvs.parameters, toJsonSchema(schema, { dialect: model.dialect, direction: 'request' }));
        parameterSets.set(key, validate);
      }
      return validate;
    },
  };
}

function compileOperation(spec: OperationSpec, model: ApiModel, compiler: SchemaCompiler): CompiledOperation {
  const parameters = Object.fromEntries(LOCATIONS.map((location) => [location, compileParameters(spec.parameters.filter((p) => p.in === location), compiler)])) as Record<ParameterLocation, CompiledParameters>;
  const body = spec.requestBody
    ? { required: spec.requestBody.required, media: spec.requestBody.content.map((media) => compileMedia(media, 'request', compiler)) }
    : undefined;
  const responses = new Map(spec.responses.map((response) => [
    response.status,
    response.content.map((media) => compileMedia(media, 'response', compiler, `${model.source}: ${spec.pointer}/responses/${response.status} (${spec.method} ${spec.pathTemplate})`)),
  ]));
  return {
    spec,
    operation: {
      method: spec.method,
      pathTemplate: spec.pathTemplate,
      ...(spec.operationId === undefined ? {} : { operationId: spec.operationId }),
      source: model.source,
    },
    parameters,
    ...(body ? { body } : {}),
    responses,
    schemes: model.securitySchemes,
  };
}

function compileParameters(specs: readonly ParameterSpec[], compiler: SchemaCompiler): CompiledParameters {
  const names = new Set(specs.map((p) => p.name));
  if (specs.length === 0) return { specs, names };
  return { specs, names, validate: compiler.parameters(specs) };
}

/** `where` names the operation and status for a lazy compile error (the response side). */
function compileMedia(media: MediaTypeSpec, direction: Direction, compiler: SchemaCompiler, where = ''): CompiledMedia {
  const base = { range: media.mediaType, schema: media.schema, ...(media.encoding ? { encoding: media.encoding } : {}) };
  const kind = bodyKindOf(media.mediaType.split(';')[0]!.trim());
  if (media.schema === undefined || (kind === 'other' && !media.mediaType.includes('*'))) return base;
  const isCoercing = kind === 'form' || kind === 'multipart';
  if (direction === 'request') return { ...base, validate: compiler.body(media.schema, direction, isCoercing) };
  // Response validators compile on first use: a document's responses often outnumber its requests
  // several times, and compiling them all would double start-up and reload time for schemas that
  // many deployments never check (contract-response is monitor-only by default, and often off).
  let validate: ValidateFunction | undefined;
  let failure: Error | undefined;
  return {
    ...base,
    get validate() {
      if (failure) throw failure; // compile once, fail once: not again on every answer
      try {
        return (validate ??= compiler.body(media.schema, direction, isCoercing));
      } catch (error) {
        failure = new Error(`${where} ${media.mediaType}: ${(error as Error).message}`, { cause: error });
        throw failure;
      }
    },
  };
}

/** How a body of this media type is parsed; the type sent decides, not the declared range. */
export function bodyKindOf(mediaType: string): BodyKind {
  if (mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (mediaType === 'multipart/form-data') return 'multipart';
  if (mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml')) return 'xml';
  if (mediaType === 'text/plain') return 'text';
  return 'other';
}

/**
 * The declared media type that covers what was sent: exact beats `type/*` beats `*\/*` (RFC 9110
 * §12.5.1 precedence). `sent` is lowercased without parameters.
 */
export function selectMedia<T extends { readonly range: string }>(declared: readonly T[], sent: string): T | undefined {
  let wildcard: T | undefined;
  let any: T | undefined;
  const slash = sent.indexOf('/');
  const type = slash === -1 ? sent : sent.slice(0, slash);
  for (const media of declared) {
    const range = media.range.split(';')[0]!.trim();
    if (range === sent) return media;
    if (range === `${type}/*`) wildcard ??= media;
    else if (range === '*/*') any ??= media;
  }
  return wildcard ?? any;
}
