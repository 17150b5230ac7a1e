// One view of an API description for the checks, whatever its version: Swagger 2.0, OpenAPI 3.0 and
// 3.1 become the same operations, parameters, bodies, responses, security schemes and servers, each
// with the location (file and JSON pointer) of what it was read from. Checks read this view and
// report locations; they never parse the document themselves. References are followed here (see
// document.ts), so a check sees the parameter or schema a `$ref` names, located at its definition.
import type { AuditDocument} from './document.js';
import { refOf, type Located, type NodeRef } from './document.js';
import { pointerOf } from './pointer.js';

export type Dialect = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonObject = Record<string, unknown>;

export interface ServerInfo {
  /** As written; for Swagger 2.0, built from `schemes`, `host` and `basePath`. */
  readonly url: string;
  readonly description?: string;
  readonly at: NodeRef;
  readonly level: 'root' | 'path' | 'operation';
}

export interface OAuthFlowInfo {
  /** OpenAPI 3 names; Swagger 2.0's `application` and `accessCode` become clientCredentials and authorizationCode. */
  readonly kind: 'implicit' | 'password' | 'clientCredentials' | 'authorizationCode';
  readonly authorizationUrl?: string;
  readonly tokenUrl?: string;
  readonly refreshUrl?: string;
  readonly scopes: readonly string[];
  readonly at: NodeRef;
}

export interface SecuritySchemeInfo {
  readonly name: string;
  /** Swagger 2.0's `basic` is `http` with scheme `basic`. */
  readonly type: 'http' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'mutualTLS' | 'unknown';
  /** For http: the scheme, lowercased (`basic`, `bearer`, `digest`...). */
  readonly scheme?: string;
  readonly bearerFormat?: string;
  /** For apiKey. */
  readonly in?: string;
  readonly parameterName?: string;
  readonly flows: readonly OAuthFlowInfo[];
  readonly openIdConnectUrl?: string;
  readonly value: JsonObject;
  readonly at: NodeRef;
}

/** One alternative of a security requirement list: every scheme named must be satisfied. `[]` allows anonymous calls. */
export type SecurityAlternative = readonly { readonly scheme: string; readonly scopes: readonly string[] }[];

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'formData';

export interface ParameterInfo {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  /** The parameter object (reference followed). */
  readonly value: JsonObject;
  readonly at: NodeRef;
  /**
   * The schema of the parameter's value: `schema` (OpenAPI 3, Swagger body), the first media type's
   * schema (OpenAPI 3 `content`), or the parameter object itself (Swagger 2.0 non-body parameters
   * carry type, format and limits inline).
   */
  readonly schema?: Located<JsonObject>;
}

export interface MediaInfo {
  readonly mediaType: string;
  readonly schema?: Located<JsonObject>;
  /** The media type object (OpenAPI 3) or the body / response holding the schema (Swagger 2.0). */
  readonly at: NodeRef;
  /** An `example`, `examples` or `x-example(s)` is given here or on the schema. */
  readonly hasExample: boolean;
}

export interface RequestBodyInfo {
  readonly required: boolean;
  readonly content: readonly MediaInfo[];
  readonly at: NodeRef;
}

export interface HeaderInfo {
  readonly name: string;
  readonly schema?: Located<JsonObject>;
  readonly at: NodeRef;
}

export interface ResponseInfo {
  /** `200`, `4XX`, `default`... as written. */
  readonly status: string;
  readonly value: JsonObject;
  readonly at: NodeRef;
  readonly headers: readonly HeaderInfo[];
  readonly content: readonly MediaInfo[];
}

export interface OperationInfo {
  /** Lowercase. */
  readonly method: HttpMethod;
  readonly path: string;
  readonly value: JsonObject;
  readonly at: NodeRef;
  readonly pathItemAt: NodeRef;
  readonly operationId?: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  /** Path-level parameters merged with the operation's (the operation's win, by name and location). */
  readonly parameters: readonly ParameterInfo[];
  readonly requestBody?: RequestBodyInfo;
  readonly responses: readonly ResponseInfo[];
  /** The `responses` object; undefined when the operation has none. */
  readonly responsesAt?: NodeRef;
  /** The requirement in force: the operation's own `security`, else the document's. [] when neither exists. */
  readonly security: readonly SecurityAlternative[];
  /** Where that requirement is written; undefined when neither exists. */
  readonly securityAt?: NodeRef;
  /** The servers in force for this operation (its own, its path's, else the document's). */
  readonly servers: readonly ServerInfo[];
}

export interface SchemaUsage {
  /** Reached from a parameter or request body. */
  readonly request: boolean;
  /** Reached from a response body or header. */
  readonly response: boolean;
}

export interface SchemaInfo {
  readonly schema: Located<JsonObject>;
  /** Where the schema was reached from; a shared schema has the union. Components never used have neither. */
  readonly usage: SchemaUsage;
  /** The property name the schema was first reached under (`password` for `properties/password`), if any. */
  readonly propertyName?: string;
}

export interface AuditApi {
  readonly dialect: Dialect;
  readonly document: AuditDocument;
  readonly root: Located<JsonObject>;
  readonly servers: readonly ServerInfo[];
  readonly operations: readonly OperationInfo[];
  readonly securitySchemes: ReadonlyMap<string, SecuritySchemeInfo>;
  /** The document-level `security`, if written. */
  readonly globalSecurity?: { readonly alternatives: readonly SecurityAlternative[]; readonly at: NodeRef };
  /** Every schema object of the document, once per definition, in the order met. */
  readonly schemas: readonly SchemaInfo[];
}

/** Why a file is not an API description the audit can read. */
export class NotAnApiDocumentError extends Error {}

export function buildAuditApi(document: AuditDocument): AuditApi {
  const rootValue = document.root.value;
  if (!isObject(rootValue)) throw new NotAnApiDocumentError('the document is not an object');
  const root: Located<JsonObject> = { value: rootValue, at: document.rootRef };
  const dialect = dialectOf(rootValue);
  const builder = new ModelBuilder(document, root, dialect);
  return builder.build();
}

function dialectOf(root: JsonObject): Dialect {
  if (typeof root.swagger === 'string' && root.swagger.startsWith('2.')) return 'swagger-2.0';
  if (typeof root.openapi === 'string' && root.openapi.startsWith('3.1')) return 'openapi-3.1';
  if (typeof root.openapi === 'string' && root.openapi.startsWith('3.')) return 'openapi-3.0';
  throw new NotAnApiDocumentError('neither `openapi: 3.x` nor `swagger: "2.0"` is declared');
}

class ModelBuilder {
  private readonly schemaInfos = new Map<string, { schema: Located<JsonObject>; request: boolean; response: boolean; propertyName?: string }>();

  constructor(private readonly document: AuditDocument, private readonly root: Located<JsonObject>, private readonly dialect: Dialect) {}

  build(): AuditApi {
    const servers = this.rootServers();
    const securitySchemes = this.securitySchemes();
    const globalSecurity = this.requirements(this.document.child(this.root, 'security'));
    const operations = this.operations(servers, globalSecurity);
    this.componentSchemas();
    const schemas = [...this.schemaInfos.values()].map(({ schema, request, response, propertyName }) => ({
      schema, usage: { request, response }, ...(propertyName === undefined ? {} : { propertyName }),
    }));
    return { dialect: this.dialect, document: this.document, root: this.root, servers, operations, securitySchemes, ...(globalSecurity ? { globalSecurity } : {}), schemas };
  }

  private get isSwagger(): boolean {
    return this.dialect === 'swagger-2.0';
  }

  private resolved(located: Located | undefined): Located<JsonObject> | undefined {
    if (located === undefined) return undefined;
    const target = this.document.deref(located);
    return target !== undefined && isObject(target.value) ? (target as Located<JsonObject>) : undefined;
  }

  private rootServers(): ServerInfo[] {
    if (!this.isSwagger) return this.serversAt(this.document.child(this.root, 'servers'), 'root');
    const host = this.root.value.host;
    const basePath = typeof this.root.value.basePath === 'string' ? this.root.value.basePath : '';
    const schemesNode = this.document.child(this.root, 'schemes');
    const schemes = Array.isArray(schemesNode?.value) ? schemesNode.value.filter((scheme): scheme is string => typeof scheme === 'string') : [];
    const at = schemesNode?.at ?? this.document.child(this.root, 'host')?.at ?? this.root.at;
    if (typeof host !== 'string') return basePath === '' && schemes.length === 0 ? [] : [{ url: basePath || '/', at, level: 'root' }];
    return (schemes.length > 0 ? schemes : ['']).map((scheme) => ({ url: `${scheme === '' ? '//' : `${scheme}://`}${host}${basePath}`, at, level: 'root' as const }));
  }

  private serversAt(node: Located | undefined, level: ServerInfo['level']): ServerInfo[] {
    if (node === undefined || !Array.isArray(node.value)) return [];
    const servers: ServerInfo[] = [];
    node.value.forEach((_, index) => {
      const server = this.resolved(this.document.child(node, index));
      if (server === undefined || typeof server.value.url !== 'string') return;
      const description = typeof server.value.description === 'string' ? server.value.description : undefined;
      servers.push({ url: server.value.url, ...(description === undefined ? {} : { description }), at: server.at, level });
    });
    return servers;
  }

  private securitySchemes(): Map<string, SecuritySchemeInfo> {
    const container = this.isSwagger ? this.document.child(this.root, 'securityDefinitions') : this.document.child(this.root, 'components', 'securitySchemes');
    const schemes = new Map<string, SecuritySchemeInfo>();
    if (container === undefined || !isObject(container.value)) return schemes;
    for (const name of Object.keys(container.value)) {
      const scheme = this.resolved(this.document.child(container, name));
      if (scheme !== undefined) schemes.set(name, this.scheme(name, scheme));
    }
    return schemes;
  }

  private scheme(name: string, located: Located<JsonObject>): SecuritySchemeInfo {
    const value = located.value;
    const text = (key: string): string | undefined => (typeof value[key] === 'string' ? (value[key]) : undefined);
    const rawType = text('type');
    const type: SecuritySchemeInfo['type'] = rawType === 'basic' ? 'http'
      : rawType === 'http' || rawType === 'apiKey' || rawType === 'oauth2' || rawType === 'openIdConnect' || rawType === 'mutualTLS' ? rawType : 'unknown';
    const scheme = rawType === 'basic' ? 'basic' : text('scheme')?.toLowerCase();
    const flows: OAuthFlowInfo[] = [];
    if (type === 'oauth2') {
      if (this.isSwagger) {
        const kind = ({ implicit: 'implicit', password: 'password', application: 'clientCredentials', accessCode: 'authorizationCode' } as const)[text('flow') as 'implicit'];
        if (kind !== undefined) flows.push(this.flow(kind, located));
      } else {
        const flowsNode = this.document.child(located, 'flows');
        if (flowsNode !== undefined && isObject(flowsNode.value)) {
          for (const kind of ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as const) {
            const flow = this.resolved(this.document.child(flowsNode, kind));
            if (flow !== undefined) flows.push(this.flow(kind, flow));
          }
        }
      }
    }
    const optional = {
      ...(scheme === undefined ? {} : { scheme }),
      ...(text('bearerFormat') === undefined ? {} : { bearerFormat: text('bearerFormat') as string }),
      ...(text('in') === undefined ? {} : { in: text('in') as string }),
      ...(text('name') === undefined ? {} : { parameterName: text('name') as string }),
      ...(text('openIdConnectUrl') === undefined ? {} : { openIdConnectUrl: text('openIdConnectUrl') as string }),
    };
    return { name, type, flows, value, at: located.at, ...optional };
  }

  private flow(kind: OAuthFlowInfo['kind'], located: Located<JsonObject>): OAuthFlowInfo {
    const value = located.value;
    const url = (key: string): Record<string, string> => (typeof value[key] === 'string' ? { [key]: value[key] } : {});
    const scopes = isObject(value.scopes) ? Object.keys(value.scopes) : [];
    return { kind, scopes, at: located.at, ...url('authorizationUrl'), ...url('tokenUrl'), ...url('refreshUrl') };
  }

  private requirements(node: Located | undefined): { alternatives: SecurityAlternative[]; at: NodeRef } | undefined {
    if (node === undefined || !Array.isArray(node.value)) return undefined;
    const alternatives = node.value.filter(isObject).map((requirement) =>
      Object.entries(requirement).map(([scheme, scopes]) => ({ scheme, scopes: Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [] })));
    return { alternatives, at: node.at };
  }

  private operations(rootServers: readonly ServerInfo[], globalSecurity: { alternatives: SecurityAlternative[]; at: NodeRef } | undefined): OperationInfo[] {
    const paths = this.document.child(this.root, 'paths');
    const operations: OperationInfo[] = [];
    if (paths === undefined || !isObject(paths.value)) return operations;
    for (const path of Object.keys(paths.value)) {
      if (path.startsWith('x-')) continue;
      const pathItem = this.resolved(this.document.child(paths, path));
      if (pathItem === undefined) continue;
      const pathServers = this.serversAt(this.document.child(pathItem, 'servers'), 'path');
      const pathParameters = this.parameters(this.document.child(pathItem, 'parameters'));
      for (const method of HTTP_METHODS) {
        const operation = this.document.child(pathItem, method);
        if (operation === undefined || !isObject(operation.value)) continue;
        operations.push(this.operation(method, path, operation as Located<JsonObject>, pathItem, pathParameters, pathServers.length > 0 ? pathServers : rootServers, globalSecurity));
      }
    }
    return operations;
  }

  private operation(
    method: HttpMethod, path: string, located: Located<JsonObject>, pathItem: Located<JsonObject>, pathParameters: readonly ParameterInfo[],
    inheritedServers: readonly ServerInfo[], globalSecurity: { alternatives: SecurityAlternative[]; at: NodeRef } | undefined,
  ): OperationInfo {
    const value = located.value;
    const own = this.parameters(this.document.child(located, 'parameters'));
    const ownKeys = new Set(own.map((parameter) => `${parameter.in}:${parameter.name}`));
    const parameters = [...pathParameters.filter((parameter) => !ownKeys.has(`${parameter.in}:${parameter.name}`)), ...own];
    for (const parameter of parameters) this.visitSchema(parameter.schema, { request: true, response: false });
    const requestBody = this.isSwagger ? this.swaggerBody(parameters, value) : this.openApiBody(this.document.child(located, 'requestBody'));
    for (const media of requestBody?.content ?? []) this.visitSchema(media.schema, { request: true, response: false });
    const responsesNode = this.document.child(located, 'responses');
    const responses = this.responses(responsesNode, value);
    for (const response of responses) {
      for (const media of response.content) this.visitSchema(media.schema, { request: false, response: true });
      for (const header of response.headers) this.visitSchema(header.schema, { request: false, response: true });
    }
    const ownSecurity = this.requirements(this.document.child(located, 'security'));
    const security = ownSecurity ?? globalSecurity;
    const ownServers = this.serversAt(this.document.child(located, 'servers'), 'operation');
    const text = (key: string): string => (typeof value[key] === 'string' ? (value[key]) : '');
    return {
      method, path, value, at: located.at, pathItemAt: pathItem.at,
      ...(typeof value.operationId === 'string' ? { operationId: value.operationId } : {}),
      summary: text('summary'), description: text('description'),
      tags: Array.isArray(value.tags) ? value.tags.filter((tag): tag is string => typeof tag === 'string') : [],
      deprecated: value.deprecated === true,
      parameters,
      ...(requestBody === undefined ? {} : { requestBody }),
      responses,
      ...(responsesNode === undefined ? {} : { responsesAt: responsesNode.at }),
      security: security?.alternatives ?? [],
      ...(security === undefined ? {} : { securityAt: security.at }),
      servers: ownServers.length > 0 ? ownServers : inheritedServers,
    };
  }

  private parameters(node: Located | undefined): ParameterInfo[] {
    if (node === undefined || !Array.isArray(node.value)) return [];
    const parameters: ParameterInfo[] = [];
    node.value.forEach((_, index) => {
      const parameter = this.resolved(this.document.child(node, index));
      if (parameter === undefined || typeof parameter.value.name !== 'string' || typeof parameter.value.in !== 'string') return;
      const location = parameter.value.in as ParameterLocation;
      parameters.push({
        name: parameter.value.name, in: location, required: parameter.value.required === true, value: parameter.value, at: parameter.at,
        ...optionalSchema(this.parameterSchema(parameter, location)),
      });
    });
    return parameters;
  }

  private parameterSchema(parameter: Located<JsonObject>, location: ParameterLocation): Located<JsonObject> | undefined {
    if (this.isSwagger && location !== 'body') return parameter;
    const schema = this.resolved(this.document.child(parameter, 'schema'));
    if (schema !== undefined) return schema;
    const content = this.document.child(parameter, 'content');
    if (content === undefined || !isObject(content.value)) return undefined;
    const first = Object.keys(content.value)[0];
    return first === undefined ? undefined : this.resolved(this.document.child(content, first, 'schema'));
  }

  private swaggerBody(parameters: readonly ParameterInfo[], operation: JsonObject): RequestBodyInfo | undefined {
    const body = parameters.find((parameter) => parameter.in === 'body');
    const consumes = mediaTypes(operation.consumes) ?? mediaTypes(this.root.value.consumes) ?? ['application/json'];
    if (body !== undefined) {
      const hasExample = hasExampleIn(body.value) || (body.schema !== undefined && hasExampleIn(body.schema.value));
      return { required: body.required, at: body.at, content: consumes.map((mediaType) => ({ mediaType, at: body.at, hasExample, ...optionalSchema(body.schema) })) };
    }
    const form = parameters.filter((parameter) => parameter.in === 'formData');
    const first = form[0];
    if (first === undefined) return undefined;
    // Form fields are parameters in Swagger 2.0: the body has no schema of its own; checks read the fields.
    return { required: form.some((parameter) => parameter.required), at: first.at, content: consumes.map((mediaType) => ({ mediaType, at: first.at, hasExample: false })) };
  }

  private openApiBody(node: Located | undefined): RequestBodyInfo | undefined {
    const body = this.resolved(node);
    if (body === undefined) return undefined;
    return { required: body.value.required === true, at: body.at, content: this.content(this.document.child(body, 'content')) };
  }

  private content(node: Located | undefined): MediaInfo[] {
    if (node === undefined || !isObject(node.value)) return [];
    const media: MediaInfo[] = [];
    for (const mediaType of Object.keys(node.value)) {
      const entry = this.resolved(this.document.child(node, mediaType));
      if (entry === undefined) continue;
      const schema = this.resolved(this.document.child(entry, 'schema'));
      const hasExample = hasExampleIn(entry.value) || (schema !== undefined && hasExampleIn(schema.value));
      media.push({ mediaType, at: entry.at, hasExample, ...optionalSchema(schema) });
    }
    return media;
  }

  private responses(node: Located | undefined, operation: JsonObject): ResponseInfo[] {
    if (node === undefined || !isObject(node.value)) return [];
    const produces = mediaTypes(operation.produces) ?? mediaTypes(this.root.value.produces) ?? ['application/json'];
    const responses: ResponseInfo[] = [];
    for (const status of Object.keys(node.value)) {
      if (status.startsWith('x-')) continue;
      const response = this.resolved(this.document.child(node, status));
      if (response === undefined) continue;
      const headers = this.headers(this.document.child(response, 'headers'));
      let content: MediaInfo[];
      if (this.isSwagger) {
        const schema = this.resolved(this.document.child(response, 'schema'));
        const hasExample = isObject(response.value.examples) || (schema !== undefined && hasExampleIn(schema.value));
        content = schema === undefined ? [] : produces.map((mediaType) => ({ mediaType, at: response.at, hasExample, schema }));
      } else {
        content = this.content(this.document.child(response, 'content'));
      }
      responses.push({ status, value: response.value, at: response.at, headers, content });
    }
    return responses;
  }

  private headers(node: Located | undefined): HeaderInfo[] {
    if (node === undefined || !isObject(node.value)) return [];
    const headers: HeaderInfo[] = [];
    for (const name of Object.keys(node.value)) {
      const header = this.resolved(this.document.child(node, name));
      if (header === undefined) continue;
      const schema = this.isSwagger ? header : this.resolved(this.document.child(header, 'schema'));
      headers.push({ name, at: header.at, ...optionalSchema(schema) });
    }
    return headers;
  }

  private componentSchemas(): void {
    const container = this.isSwagger ? this.document.child(this.root, 'definitions') : this.document.child(this.root, 'components', 'schemas');
    if (container === undefined || !isObject(container.value)) return;
    for (const name of Object.keys(container.value)) {
      this.visitSchema(this.resolved(this.document.child(container, name)), { request: false, response: false });
    }
  }

  /**
   * Records `start` and every subschema under it, following references; a schema met again through
   * another route is walked again only if that route adds a usage (so the walk ends: usages only grow).
   */
  private visitSchema(start: Located<JsonObject> | undefined, usage: SchemaUsage, propertyName?: string): void {
    if (start === undefined) return;
    const stack: { schema: Located<JsonObject>; propertyName: string | undefined }[] = [{ schema: start, propertyName }];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const { schema } = next;
      const key = `${schema.at.file}#${schema.at.pointer}`;
      const known = this.schemaInfos.get(key);
      if (known !== undefined && (known.request || !usage.request) && (known.response || !usage.response)) continue;
      if (known === undefined) {
        this.schemaInfos.set(key, { schema, request: usage.request, response: usage.response, ...(next.propertyName === undefined ? {} : { propertyName: next.propertyName }) });
      } else {
        known.request ||= usage.request;
        known.response ||= usage.response;
      }
      for (const child of this.subschemas(schema)) stack.push(child);
    }
  }

  private subschemas(schema: Located<JsonObject>): { schema: Located<JsonObject>; propertyName: string | undefined }[] {
    const children: { schema: Located<JsonObject>; propertyName: string | undefined }[] = [];
    const add = (located: Located | undefined, propertyName?: string): void => {
      const target = this.resolved(located);
      if (target !== undefined) children.push({ schema: target, propertyName });
    };
    const value = schema.value;
    for (const key of ['properties', 'patternProperties', 'dependentSchemas', 'definitions', '$defs'] as const) {
      const map = value[key];
      if (!isObject(map)) continue;
      for (const name of Object.keys(map)) add(this.document.child(schema, key, name), key === 'properties' ? name : undefined);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const) {
      const list = value[key];
      if (Array.isArray(list)) list.forEach((_, index) => add(this.document.child(schema, key, index)));
    }
    for (const key of ['items', 'additionalProperties', 'unevaluatedProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'additionalItems'] as const) {
      const child = value[key];
      if (Array.isArray(child)) child.forEach((_, index) => add(this.document.child(schema, key, index)));
      else if (isObject(child)) add(this.document.child(schema, key));
    }
    return children;
  }
}

function optionalSchema(schema: Located<JsonObject> | undefined): { schema?: Located<JsonObject> } {
  return schema === undefined ? {} : { schema };
}

function mediaTypes(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const types = value.filter((type): type is string => typeof type === 'string');
  return types.length > 0 ? types : undefined;
}

function hasExampleIn(value: JsonObject): boolean {
  return value.example !== undefined || value.examples !== undefined || value['x-example'] !== undefined || value['x-examples'] !== undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The types a schema allows: `type` as a string or a list (3.1), plus `null` for 3.0's `nullable`. [] when unconstrained. */
export function schemaTypes(schema: JsonObject): string[] {
  const type = schema.type;
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  return types;
}

/** Whether the node is a reference object (`$ref` plus, at most, 3.1's summary and description). */
export function isReference(value: unknown): boolean {
  return refOf(value) !== undefined;
}

/** The pointer of a child of a node. */
export function childRef(at: NodeRef, ...segments: readonly (string | number)[]): NodeRef {
  return { file: at.file, pointer: pointerOf(at.pointer, ...segments) };
}
