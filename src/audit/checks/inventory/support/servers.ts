// The server objects of a document, each once at its definition, with its URL read the way clients
// build it (variables replaced by their defaults). OpenAPI 3 root servers are read from the raw list,
// so an entry the model skips (no `url`) is still seen; Swagger 2.0's host, basePath and schemes
// stand for one server, located where the model locates it.
import type { NodeRef } from '../../../document.js';
import { isObject, type AuditApi, type JsonObject } from '../../../model.js';

export interface ServerEntry {
  readonly at: NodeRef;
  /** The server object (OpenAPI 3); undefined for Swagger 2.0 and for entries that are not objects. */
  readonly object?: JsonObject;
  /** As written; undefined when missing. */
  readonly url?: string;
  readonly level: 'root' | 'path' | 'operation';
}

export function serverEntries(api: AuditApi): ServerEntry[] {
  const entries: ServerEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: ServerEntry): void => {
    // Swagger 2.0's schemes share one node: one entry (the first scheme's URL) stands for them.
    const key = `${entry.at.file}#${entry.at.pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(entry);
  };
  if (api.dialect === 'swagger-2.0') {
    for (const server of api.servers) add({ at: server.at, url: server.url, level: server.level });
    return entries;
  }
  const list = api.document.child(api.root, 'servers');
  if (list !== undefined && Array.isArray(list.value)) {
    list.value.forEach((_, index) => {
      const written = api.document.child(list, index);
      if (written === undefined) return;
      const server = api.document.deref(written) ?? written;
      const object = isObject(server.value) ? server.value : undefined;
      add({ at: server.at, level: 'root', ...(object === undefined ? {} : { object }), ...(typeof object?.url === 'string' ? { url: object.url } : {}) });
    });
  }
  for (const operation of api.operations) {
    for (const server of operation.servers) {
      if (server.level === 'root') continue;
      const object = api.document.get(server.at);
      add({ at: server.at, url: server.url, level: server.level, ...(isObject(object) ? { object } : {}) });
    }
  }
  return entries;
}

/** The URL with each `{variable}` replaced by its default, where the server object gives one. */
export function urlWithDefaults(url: string, server: JsonObject | undefined): string {
  const variables = server !== undefined && isObject(server.variables) ? server.variables : {};
  let result = '';
  let from = 0;
  for (let open = url.indexOf('{', from); open !== -1; open = url.indexOf('{', from)) {
    const close = url.indexOf('}', open);
    if (close === -1) break;
    const variable = variables[url.slice(open + 1, close)];
    result += url.slice(from, open) + (isObject(variable) && typeof variable.default === 'string' ? variable.default : url.slice(open, close + 1));
    from = close + 1;
  }
  return result + url.slice(from);
}

export interface UrlParts {
  /** `host:port`, userinfo removed; undefined for a relative URL. */
  readonly authority?: string;
  /** Lowercase, without brackets or port. */
  readonly host?: string;
  readonly path: string;
}

/** Splits an absolute (`scheme://`, `//`) or relative URL. Variables (`{x}`) are kept as written. */
export function urlParts(url: string): UrlParts {
  const scheme = url.indexOf('://');
  const start = scheme !== -1 ? scheme + 3 : url.startsWith('//') ? 2 : -1;
  const pathEnd = firstIndexOf(url, ['?', '#'], Math.max(start, 0));
  if (start === -1) return { path: url.slice(0, pathEnd) };
  const authorityEnd = firstIndexOf(url, ['/', '?', '#'], start);
  let authority = url.slice(start, authorityEnd);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  let host: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    host = authority.slice(1, close === -1 ? authority.length : close);
  } else {
    const colon = authority.indexOf(':');
    host = colon === -1 ? authority : authority.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return { authority, host: host.toLowerCase(), path: url.slice(authorityEnd, Math.max(pathEnd, authorityEnd)) };
}

function firstIndexOf(text: string, delimiters: readonly string[], from: number): number {
  let end = text.length;
  for (const delimiter of delimiters) {
    const index = text.indexOf(delimiter, from);
    if (index !== -1 && index < end) end = index;
  }
  return end;
}

/** Whether the server is declared internal (`x-internal: true`). */
export function isInternal(entry: ServerEntry): boolean {
  return entry.object?.['x-internal'] === true;
}
