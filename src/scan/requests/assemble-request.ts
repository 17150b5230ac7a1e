// Turns structured request parts (parameter values, a body value) into the ScanRequest the client
// sends. buildRequest and the mutate helpers share it, so a varied request is serialised exactly
// like the valid one it came from.
import type { OperationSpec, ParameterSpec } from '../../contract/index.js';
import type { ScanRequest } from '../check.js';
import { contentTypeHeader, serializeBody, type MediaChoice } from './serialize-body.js';
import { serializeCookieParameter, serializeHeaderParameter, serializePathParameter, serializeQueryParameter } from './serialize-parameter.js';

export interface ParameterValue {
  readonly spec: ParameterSpec;
  readonly value: unknown;
  /** Sent as this text instead of the styled value (an attack payload); encoded unless told not to. */
  readonly raw?: { readonly text: string; readonly shouldEncode: boolean };
}

export interface RequestParts {
  readonly operation: OperationSpec;
  readonly basePath: string;
  readonly parameters: readonly ParameterValue[];
  readonly body?: { readonly media: MediaChoice; readonly value: unknown };
}

export interface Problem {
  /** `path.id`, `query.limit`, `body/items/0/name`... */
  readonly where: string;
  readonly problem: string;
}

export function assembleRequest(parts: RequestParts, problems: Problem[] = []): ScanRequest {
  const { operation } = parts;
  const byLocation = (location: ParameterSpec['in']): ParameterValue[] => parts.parameters.filter((p) => p.spec.in === location);
  const pathValues = new Map(byLocation('path').map((p) => [p.spec.name, p.raw ? rawText(p.raw) : serializePathParameter(p.spec, p.value)]));
  const path = `${parts.basePath.replace(/\/+$/, '')}${fillTemplate(operation.pathTemplate, pathValues)}`;
  const query = byLocation('query').flatMap((p) => (p.raw ? [`${encodeURIComponent(p.spec.name)}=${rawText(p.raw)}`] : serializeQueryParameter(p.spec, p.value)));
  const headers: Record<string, string> = {};
  for (const p of byLocation('header')) headers[p.spec.name] = p.raw ? p.raw.text : serializeHeaderParameter(p.spec, p.value);
  const cookies = byLocation('cookie').map((p) => (p.raw ? `${p.spec.name}=${p.raw.text}` : serializeCookieParameter(p.spec, p.value)));
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  let body: string | undefined;
  if (parts.body) {
    body = serializeBody(parts.body.media, parts.body.value, (problem) => problems.push({ where: 'body', problem }));
    headers['content-type'] = contentTypeHeader(parts.body.media);
  }
  return {
    method: operation.method,
    path: query.length > 0 ? `${path}?${query.join('&')}` : path,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body === undefined ? {} : { body }),
  };
}

function rawText(raw: NonNullable<ParameterValue['raw']>): string {
  return raw.shouldEncode ? encodeURIComponent(raw.text) : raw.text;
}

/**
 * `/pets/{id}` with each `{name}` replaced (a name without a value stays as written). The template's
 * own text is percent-encoded where a request target cannot carry it as is: a space, a non-ASCII
 * character, and '#' / '?', which would end the path.
 */
function fillTemplate(template: string, values: ReadonlyMap<string, string>): string {
  let path = '';
  let index = 0;
  for (const match of template.matchAll(/\{([^{}]+)\}/g)) {
    path += encodeStatic(template.slice(index, match.index)) + (values.get(match[1]!) ?? encodeStatic(match[0]));
    index = match.index + match[0].length;
  }
  path += encodeStatic(template.slice(index));
  return path.startsWith('/') ? path : `/${path}`;
}

function encodeStatic(text: string): string {
  return encodeURI(text).replaceAll('#', '%23').replaceAll('?', '%3F');
}
