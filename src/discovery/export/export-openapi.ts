// The inventory as an OpenAPI 3.1 document that validates and that the gateway's contract stage can
// enforce at once: paths from the learned templates, parameters with their learned types, bodies and
// responses with their learned schemas, security schemes from the authentication seen, and the
// traffic facts under x-bulwark-discovery. Nothing sensitive goes in: no examples, no enums of
// sensitive fields (the schemas are built without them), masked samples only in the extension.
import type { OperationView, ParameterView } from '../inventory/operation-view.js';
import { securityOf, type SecurityScheme } from './security-schemes.js';
import { isTransportHeader } from '../inventory/transport-headers.js';

export interface ExportOptions {
  readonly title?: string;
  readonly version?: string;
  /** `https://api.example.com` per host; by default `https://<host>` for each host seen. */
  readonly servers?: readonly string[];
  /** Include x-bulwark-discovery (calls, first / last seen, statuses, sensitive fields). Default true. */
  readonly withTrafficFacts?: boolean;
}


export function exportOpenApi(operations: readonly OperationView[], options: ExportOptions = {}): Record<string, unknown> {
  const schemes = new Map<string, SecurityScheme>();
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  const sorted = [...operations].sort((left, right) => left.template.localeCompare(right.template) || left.method.localeCompare(right.method));
  for (const view of sorted) {
    const item = (paths[view.template] ??= {});
    item[view.method.toLowerCase()] = operationObject(view, uniqueId(view, operationIds), schemes, options.withTrafficFacts ?? true);
  }
  const hosts = [...new Set(operations.map((view) => view.host).filter((host) => host !== ''))].sort();
  const servers = options.servers ?? hosts.map((host) => `https://${host}`);
  const document: Record<string, unknown> = {
    openapi: '3.1.0',
    info: { title: options.title ?? 'Discovered API', version: options.version ?? new Date().toISOString().slice(0, 10), description: 'Learned from traffic by Bulwark discovery.' },
    ...(servers.length > 0 ? { servers: servers.map((url) => ({ url })) } : {}),
    paths,
  };
  if (schemes.size > 0) document.components = { securitySchemes: Object.fromEntries([...schemes].sort(([left], [right]) => left.localeCompare(right))) };
  return document;
}

function operationObject(view: OperationView, operationId: string, schemes: Map<string, SecurityScheme>, withFacts: boolean): Record<string, unknown> {
  const operation: Record<string, unknown> = { operationId };
  const credentials = new Set(view.auth.map((auth) => `${auth.in} ${auth.name}`));
  const parameters = view.parameters.filter((parameter) => isApiParameter(parameter) && !credentials.has(`${parameter.in} ${parameter.name}`)).map(parameterObject);
  if (parameters.length > 0) operation.parameters = parameters;
  const bodies = view.requestBodies.filter((body) => body.contentType !== '');
  if (bodies.length > 0) {
    const withBody = bodies.reduce((sum, body) => sum + body.calls, 0);
    operation.requestBody = { required: withBody >= view.calls, content: Object.fromEntries(bodies.map((body) => [body.contentType, body.schema ? { schema: body.schema } : {}])) };
  }
  operation.responses = responsesObject(view);
  const security = securityOf(view, schemes);
  if (security !== undefined) operation.security = security;
  if (withFacts) operation['x-bulwark-discovery'] = trafficFacts(view);
  return operation;
}

/** Path parameters, and the others an API defines (not transport headers; credentials are security). */
function isApiParameter(parameter: ParameterView): boolean {
  return parameter.in !== 'header' || !isTransportHeader(parameter.name);
}

function parameterObject(parameter: ParameterView): Record<string, unknown> {
  return { name: parameter.name, in: parameter.in, required: parameter.in === 'path' || parameter.required, schema: parameter.schema };
}

function responsesObject(view: OperationView): Record<string, unknown> {
  const responses: Record<string, Record<string, unknown>> = {};
  for (const response of [...view.responses].sort((left, right) => left.status.localeCompare(right.status))) {
    const entry = (responses[response.status] ??= { description: describeStatus(response.status) });
    if (response.contentType === '') continue;
    const content = (entry.content ??= {}) as Record<string, unknown>;
    content[response.contentType] = response.schema ? { schema: response.schema } : {};
  }
  if (Object.keys(responses).length === 0) responses.default = { description: 'Not observed.' };
  return responses;
}

function describeStatus(status: string): string {
  const code = Number(status);
  if (code >= 200 && code < 300) return 'Success (observed).';
  if (code >= 300 && code < 400) return 'Redirection (observed).';
  if (code >= 400 && code < 500) return 'Client error (observed).';
  return 'Server error (observed).';
}

function trafficFacts(view: OperationView): Record<string, unknown> {
  return {
    calls: view.calls, firstSeen: view.firstSeen, lastSeen: view.lastSeen, statuses: view.statuses, consumers: view.consumers,
    ...(view.sensitive.length > 0 ? { sensitive: view.sensitive.map(({ direction, in: where, name, types }) => ({ direction, in: where, name, types })) } : {}),
  };
}

/** `GET /users/{userId}/repos` → `getUsersByUserIdRepos`, made unique. */
function uniqueId(view: OperationView, used: Set<string>): string {
  const words = view.template.split('/').filter((segment) => segment !== '').map((segment) => {
    const parameter = /^\{([^{}]+)\}$/.exec(segment);
    return parameter ? `By${capitalise(identifier(parameter[1]!))}` : capitalise(identifier(segment));
  });
  const base = `${view.method.toLowerCase()}${words.join('') || 'Root'}`;
  let id = base;
  for (let suffix = 2; used.has(id); suffix++) id = `${base}${suffix}`;
  used.add(id);
  return id;
}

function identifier(text: string): string {
  return text.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase());
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

