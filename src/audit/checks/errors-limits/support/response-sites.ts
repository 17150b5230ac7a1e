// Every responses object and every response `headers` map of the document, once per definition: the
// model's operations, and what the model does not read: callbacks (nested), 3.1 webhooks,
// components/callbacks and components/pathItems, reusable responses (components/responses, Swagger's
// `responses`) and reusable headers (components/headers). Spectral's OWASP rules match
// `$.paths..responses`, `$..responses[429]` and `$..headers` wherever they are, so the checks covering
// them must see these too. Computed once per model: several checks of three groups ask for it.
import type { Located, NodeRef } from '../../../document.js';
import { childRef, HTTP_METHODS, isObject, type AuditApi, type HeaderInfo, type HttpMethod, type JsonObject, type MediaInfo, type OperationInfo, type ResponseInfo } from '../../../model.js';

/** One responses object: an operation's, a callback operation's or a webhook operation's. */
export interface ResponsesSite {
  /** `GET /users`, `callback onEvent POST {$request.body#/url} of GET /users`, `webhook newPet POST`. */
  readonly label: string;
  readonly kind: 'operation' | 'callback' | 'webhook' | 'component';
  /** Reached from `paths` (an operation or one of its callbacks): where `$.paths..responses` looks. */
  readonly underPaths: boolean;
  readonly method: HttpMethod;
  /** The model's operation, for kind `operation`. */
  readonly operation?: OperationInfo;
  readonly operationAt: NodeRef;
  /** The `responses` object; undefined when the operation has none. */
  readonly responsesAt?: NodeRef;
  /** The `responses` value as written (status keys include references that cannot be followed). */
  readonly responsesValue: unknown;
  readonly responses: readonly ResponseInfo[];
}

/** A `headers` map: a response's, or components/headers. */
export interface HeadersMap {
  /** `GET /users 200 response`, `response NotFound`, `components/headers`. */
  readonly label: string;
  readonly at: NodeRef;
  readonly value: unknown;
  readonly headers: readonly HeaderInfo[];
  /** The response holding the map; undefined for components/headers. */
  readonly response?: ResponseInfo;
}

export interface ResponseCatalog {
  readonly sites: readonly ResponsesSite[];
  /** Reusable responses by name (components/responses, Swagger's root `responses`); `status` is the name. */
  readonly reusable: readonly { readonly name: string; readonly response: ResponseInfo }[];
  readonly headerMaps: readonly HeadersMap[];
}

/** Callbacks nest (a callback operation may declare callbacks); deeper ones are not read. */
const MAX_CALLBACK_DEPTH = 8;

const cache = new WeakMap<AuditApi, ResponseCatalog>();

export function responseCatalog(api: AuditApi): ResponseCatalog {
  let catalog = cache.get(api);
  if (catalog === undefined) {
    catalog = new CatalogBuilder(api).build();
    cache.set(api, catalog);
  }
  return catalog;
}

export function keyOf(at: NodeRef): string {
  return `${at.file}#${at.pointer}`;
}

/** The header of `headers` named `name`, compared case-insensitively (HTTP field names are). */
export function findHeader(headers: readonly HeaderInfo[], name: string): HeaderInfo | undefined {
  const wanted = name.toLowerCase();
  return headers.find((header) => header.name.toLowerCase() === wanted);
}

/** The member names of a `headers` value as written, lowercased ([] when it is not an object). */
export function headerNames(value: unknown): Set<string> {
  return new Set(isObject(value) ? Object.keys(value).map((name) => name.toLowerCase()) : []);
}

/** The status keys of a `responses` value as written (extensions left out). */
export function statusKeys(value: unknown): string[] {
  return isObject(value) ? Object.keys(value).filter((key) => !key.startsWith('x-')) : [];
}

/**
 * Each response of `sites` that `accept` keeps, once per definition (a response shared through `$ref`
 * is one), with the label of the first site that reaches it and how many sites do.
 */
export function uniqueResponses(
  sites: readonly ResponsesSite[], accept: (response: ResponseInfo, site: ResponsesSite) => boolean,
): { readonly response: ResponseInfo; readonly site: ResponsesSite; readonly uses: number }[] {
  const byKey = new Map<string, { response: ResponseInfo; site: ResponsesSite; uses: number }>();
  for (const site of sites) {
    for (const response of site.responses) {
      if (!accept(response, site)) continue;
      const key = keyOf(response.at);
      const known = byKey.get(key);
      if (known === undefined) byKey.set(key, { response, site, uses: 1 });
      else known.uses++;
    }
  }
  return [...byKey.values()];
}

/** `GET /users 404 response` (`, shared by 3 operations`). */
export function responseLabel(site: ResponsesSite, response: ResponseInfo, uses: number): string {
  return `${site.label} ${response.status} response${uses > 1 ? ` (shared by ${uses} operations)` : ''}`;
}

interface PendingOperation {
  readonly node: Located<JsonObject>;
  readonly method: HttpMethod;
  readonly label: string;
  readonly kind: ResponsesSite['kind'];
  readonly underPaths: boolean;
  readonly depth: number;
}

class CatalogBuilder {
  private readonly isSwagger: boolean;
  private readonly sites: ResponsesSite[] = [];
  private readonly seenOperations = new Set<string>();
  private readonly pending: PendingOperation[] = [];

  constructor(private readonly api: AuditApi) {
    this.isSwagger = api.dialect === 'swagger-2.0';
  }

  build(): ResponseCatalog {
    const { document, root } = this.api;
    for (const operation of this.api.operations) {
      if (this.seenOperations.has(keyOf(operation.at))) continue;
      this.seenOperations.add(keyOf(operation.at));
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      this.sites.push({
        label, kind: 'operation', underPaths: true, method: operation.method, operation, operationAt: operation.at,
        ...(operation.responsesAt === undefined ? {} : { responsesAt: operation.responsesAt }),
        responsesValue: operation.value.responses, responses: operation.responses,
      });
      this.queueCallbacks({ value: operation.value, at: operation.at }, label, true, 0);
      this.drain();
    }
    if (!this.isSwagger) {
      const webhooks = document.child(root, 'webhooks');
      for (const [name, pathItem] of this.members(webhooks)) this.queuePathItem(pathItem, (method) => `webhook ${name} ${method.toUpperCase()}`, 'webhook', false, 0);
      this.drain();
      const components = document.child(root, 'components');
      if (components !== undefined) {
        for (const [name, callback] of this.members(document.child(components, 'callbacks'))) {
          for (const [expression, pathItem] of this.members(callback)) {
            this.queuePathItem(pathItem, (method) => `components/callbacks/${name} ${method.toUpperCase()} ${expression}`, 'component', false, 0);
          }
        }
        for (const [name, pathItem] of this.members(document.child(components, 'pathItems'))) {
          this.queuePathItem(pathItem, (method) => `components/pathItems/${name} ${method.toUpperCase()}`, 'component', false, 0);
        }
        this.drain();
      }
    }
    const reusable = this.reusableResponses();
    return { sites: this.sites, reusable, headerMaps: this.headerMaps(reusable) };
  }

  /**
   * The members of a map, references followed; none when it is not a map. Extensions (`x-...`) are left
   * out, except in maps of headers, where `x-request-id` is a header name.
   */
  private members(node: Located | undefined, keepExtensions = false): [string, Located<JsonObject>][] {
    const members: [string, Located<JsonObject>][] = [];
    if (node === undefined || !isObject(node.value)) return members;
    for (const name of Object.keys(node.value)) {
      if (!keepExtensions && name.startsWith('x-')) continue;
      const member = this.resolved(this.api.document.child(node, name));
      if (member !== undefined) members.push([name, member]);
    }
    return members;
  }

  private resolved(node: Located | undefined): Located<JsonObject> | undefined {
    if (node === undefined) return undefined;
    const target = this.api.document.deref(node);
    return target !== undefined && isObject(target.value) ? (target as Located<JsonObject>) : undefined;
  }

  private queueCallbacks(operation: Located<JsonObject>, ownerLabel: string, underPaths: boolean, depth: number): void {
    if (depth >= MAX_CALLBACK_DEPTH) return;
    for (const [name, callback] of this.members(this.api.document.child(operation, 'callbacks'))) {
      for (const [expression, pathItem] of this.members(callback)) {
        this.queuePathItem(pathItem, (method) => `callback ${name} ${method.toUpperCase()} ${expression} of ${ownerLabel}`, 'callback', underPaths, depth + 1);
      }
    }
  }

  private queuePathItem(pathItem: Located<JsonObject>, label: (method: HttpMethod) => string, kind: ResponsesSite['kind'], underPaths: boolean, depth: number): void {
    for (const method of HTTP_METHODS) {
      const node = this.resolved(this.api.document.child(pathItem, method));
      if (node !== undefined) this.pending.push({ node, method, label: label(method), kind, underPaths, depth });
    }
  }

  /** Reads the queued operations in order; their callbacks queue more, up to MAX_CALLBACK_DEPTH. */
  private drain(): void {
    for (let index = 0; index < this.pending.length; index++) {
      const next = this.pending[index];
      if (next === undefined) continue;
      const key = keyOf(next.node.at);
      if (this.seenOperations.has(key)) continue;
      this.seenOperations.add(key);
      const responsesNode = this.api.document.child(next.node, 'responses');
      this.sites.push({
        label: next.label, kind: next.kind, underPaths: next.underPaths, method: next.method, operationAt: next.node.at,
        ...(responsesNode === undefined ? {} : { responsesAt: responsesNode.at }),
        responsesValue: responsesNode?.value, responses: this.members(responsesNode).map(([status, response]) => this.response(status, response)),
      });
      this.queueCallbacks(next.node, next.label, next.underPaths, next.depth);
    }
    this.pending.length = 0;
  }

  private response(status: string, located: Located<JsonObject>): ResponseInfo {
    const { document, root } = this.api;
    const headers = this.headers(document.child(located, 'headers'));
    let content: MediaInfo[] = [];
    if (this.isSwagger) {
      const schema = this.resolved(document.child(located, 'schema'));
      const produces = Array.isArray(root.value.produces) ? root.value.produces.filter((type): type is string => typeof type === 'string') : [];
      if (schema !== undefined) content = (produces.length > 0 ? produces : ['application/json']).map((mediaType) => ({ mediaType, at: located.at, hasExample: false, schema }));
    } else {
      for (const [mediaType, media] of this.members(document.child(located, 'content'))) {
        const schema = this.resolved(document.child(media, 'schema'));
        content.push({ mediaType, at: media.at, hasExample: false, ...(schema === undefined ? {} : { schema }) });
      }
    }
    return { status, value: located.value, at: located.at, headers, content };
  }

  private headers(node: Located | undefined): HeaderInfo[] {
    return this.members(node, true).map(([name, header]) => {
      const schema = this.isSwagger ? header : this.resolved(this.api.document.child(header, 'schema'));
      return { name, at: header.at, ...(schema === undefined ? {} : { schema }) };
    });
  }

  private reusableResponses(): { name: string; response: ResponseInfo }[] {
    const { document, root } = this.api;
    const container = this.isSwagger ? document.child(root, 'responses') : document.child(root, 'components', 'responses');
    return this.members(container).map(([name, response]) => ({ name, response: this.response(name, response) }));
  }

  private headerMaps(reusable: readonly { name: string; response: ResponseInfo }[]): HeadersMap[] {
    const maps: HeadersMap[] = [];
    const seen = new Set<string>();
    const add = (label: string, response: ResponseInfo): void => {
      if (!isObject(response.value) || !Object.prototype.hasOwnProperty.call(response.value, 'headers')) return;
      const at = childRef(response.at, 'headers');
      if (seen.has(keyOf(at))) return;
      seen.add(keyOf(at));
      maps.push({ label, at, value: response.value.headers, headers: response.headers, response });
    };
    for (const site of this.sites) {
      for (const response of site.responses) add(`${site.label} ${response.status} response`, response);
    }
    for (const { name, response } of reusable) add(`response ${name}`, response);
    if (!this.isSwagger) {
      const components = this.api.document.child(this.api.root, 'components', 'headers');
      if (components !== undefined) {
        maps.push({ label: 'components/headers', at: components.at, value: components.value, headers: this.headers(components) });
      }
    }
    return maps;
  }
}
