// The servers the transport checks read, once per definition, with their raw objects (the model keeps
// the URL only), and Swagger 2.0's `schemes` lists, the document's and the operations' (the model
// builds servers from the document's only).
import type { NodeRef } from '../../../document.js';
import { childRef, isObject, type AuditApi, type JsonObject, type ServerInfo } from '../../../model.js';

export interface ServerEntry {
  readonly server: ServerInfo;
  /** The server object as written (for Swagger 2.0, the document root). */
  readonly value: JsonObject;
}

export interface SchemeEntry {
  readonly value: unknown;
  readonly at: NodeRef;
  /** `the document` or `GET /users`. */
  readonly owner: string;
}

/** Every OpenAPI 3 server object in force somewhere: the document's, the paths' and the operations'. */
export function serverEntries(api: AuditApi): ServerEntry[] {
  if (api.dialect === 'swagger-2.0') return [];
  const entries: ServerEntry[] = [];
  const seen = new Set<string>();
  const add = (server: ServerInfo): void => {
    const key = `${server.at.file}#${server.at.pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    const value = api.document.get(server.at);
    entries.push({ server, value: isObject(value) ? value : {} });
  };
  for (const server of api.servers) add(server);
  for (const operation of api.operations) for (const server of operation.servers) add(server);
  return entries;
}

/** Every entry of Swagger 2.0 `schemes` lists: the document's and the operations' own. */
export function schemeEntries(api: AuditApi): SchemeEntry[] {
  if (api.dialect !== 'swagger-2.0') return [];
  const entries: SchemeEntry[] = [];
  const seen = new Set<string>();
  const add = (list: unknown, at: NodeRef, owner: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((value: unknown, index) => {
      const item = childRef(at, 'schemes', index);
      if (seen.has(`${item.file}#${item.pointer}`)) return;
      seen.add(`${item.file}#${item.pointer}`);
      entries.push({ value, at: item, owner });
    });
  };
  add(api.root.value.schemes, api.root.at, 'the document');
  for (const operation of api.operations) add(operation.value.schemes, operation.at, `${operation.method.toUpperCase()} ${operation.path}`);
  return entries;
}

/** Whether a URL starts with a plain-text scheme (`http:`, `ws:`), in any case. */
export function isPlainTextUrl(url: string): boolean {
  const lower = url.trimStart().toLowerCase();
  return lower.startsWith('http:') || lower.startsWith('ws:');
}

/** Whether a URL starts with an encrypted scheme (`https:`, `wss:`). */
export function isEncryptedUrl(url: string): boolean {
  const lower = url.trimStart().toLowerCase();
  return lower.startsWith('https:') || lower.startsWith('wss:');
}

/** Whether a Swagger 2.0 scheme is one of the encrypted ones, as the specification spells them. */
export function isEncryptedScheme(value: unknown): boolean {
  return value === 'https' || value === 'wss';
}

/** The host of an absolute URL, lowercased, without port or credentials (`''` when there is none). */
export function hostOf(url: string): string {
  const start = url.indexOf('//');
  if (start === -1) return '';
  let end = url.length;
  for (const stop of ['/', '?', '#']) {
    const index = url.indexOf(stop, start + 2);
    if (index !== -1 && index < end) end = index;
  }
  const authority = url.slice(start + 2, end);
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** Loopback hosts: a server there is a developer's machine, not a deployment. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '[::1]' || host === '0.0.0.0';
}
