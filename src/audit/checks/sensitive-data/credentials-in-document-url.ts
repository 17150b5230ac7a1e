// Credentials in the URLs a document publishes besides its written server URLs (those are
// transport.server-url-credentials'): server URLs whose variable defaults carry `user:password@`,
// OAuth 2.0 and OpenID Connect endpoints, and the contact, license, terms and external documentation
// links. RFC 3986 §3.2.1 deprecates passwords in URLs: published, they are leaked.
import type { AuditCheck } from '../../check.js';
import type { Located, NodeRef } from '../../document.js';
import { isObject, type AuditApi } from '../../model.js';

export const credentialsInDocumentUrlCheck: AuditCheck = {
  id: 'sensitive-data.credentials-in-document-url',
  group: 'sensitive-data',
  title: 'Credentials in a documented URL',
  owasp: 'API2',
  asvs: ['V2.10.4'],
  severity: 'high',
  part: 'security',
  explanation: 'A URL of the form https://user:password@host publishes the credentials to everyone who reads the document, and clients and tools that follow it send them on, where proxies and logs record them.',
  remediation: 'Remove the user information from the URL (and from server variable defaults), rotate the exposed password, and describe the authentication with a security scheme instead.',
  run(api, report) {
    const seen = new Set<string>();
    const check = (url: unknown, at: NodeRef, describe: (shown: string) => string): void => {
      if (typeof url !== 'string' || !hasUserinfo(url)) return;
      const key = `${at.file}#${at.pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
      report(at, describe(redact(url)));
    };
    for (const server of [...api.servers, ...api.operations.flatMap((operation) => operation.servers)]) {
      if (api.dialect === 'swagger-2.0' || hasUserinfo(server.url)) continue;
      check(withDefaults(server.url, api.document.get(server.at)), server.at, (shown) => `the server URL \`${server.url}\` becomes \`${shown}\` with its variable defaults: credentials before the host`);
    }
    for (const scheme of api.securitySchemes.values()) {
      check(scheme.openIdConnectUrl, scheme.at, (shown) => `the OpenID Connect URL \`${shown}\` of security scheme \`${scheme.name}\` carries user credentials`);
      for (const flow of scheme.flows) {
        for (const url of [flow.authorizationUrl, flow.tokenUrl, flow.refreshUrl]) check(url, flow.at, (shown) => `the ${flow.kind} flow URL \`${shown}\` of security scheme \`${scheme.name}\` carries user credentials`);
      }
    }
    for (const { node, what } of documentLinks(api)) check(node.value, node.at, (shown) => `${what} \`${shown}\` carries user credentials`);
  },
};

/** The links of the info object and the external documentation of the document, its tags and operations. */
function documentLinks(api: AuditApi): { node: Located; what: string }[] {
  const links: { node: Located; what: string }[] = [];
  const add = (node: Located | undefined, what: string): void => {
    if (node !== undefined && typeof node.value === 'string') links.push({ node, what });
  };
  const info = api.document.child(api.root, 'info');
  if (info !== undefined) {
    add(api.document.child(info, 'termsOfService'), 'the terms of service URL');
    add(api.document.child(info, 'contact', 'url'), 'the contact URL');
    add(api.document.child(info, 'license', 'url'), 'the license URL');
  }
  add(api.document.child(api.root, 'externalDocs', 'url'), 'the external documentation URL');
  const tags = api.root.value.tags;
  if (Array.isArray(tags)) tags.forEach((_, index) => add(api.document.child(api.root, 'tags', index, 'externalDocs', 'url'), 'a tag\'s external documentation URL'));
  for (const operation of api.operations) {
    if (!isObject(operation.value.externalDocs)) continue;
    add(api.document.child({ value: operation.value, at: operation.at }, 'externalDocs', 'url'), `the external documentation URL of ${operation.method.toUpperCase()} ${operation.path}`);
  }
  return links;
}

/** The URL with each `{variable}` replaced by its default, where the server object gives one. */
function withDefaults(url: string, server: unknown): string {
  const variables = isObject(server) && isObject(server.variables) ? server.variables : {};
  let result = '';
  let from = 0;
  for (let open = url.indexOf('{', from); open !== -1; open = url.indexOf('{', from)) {
    const close = url.indexOf('}', open);
    if (close === -1) break;
    const variable = variables[url.slice(open + 1, close)];
    const value = isObject(variable) && typeof variable.default === 'string' ? variable.default : url.slice(open, close + 1);
    result += url.slice(from, open) + value;
    from = close + 1;
  }
  return result + url.slice(from);
}

/** Whether the authority part (after `scheme://` or `//`) holds an `@`. */
function hasUserinfo(url: string): boolean {
  const authority = authorityOf(url);
  return authority !== undefined && authority.includes('@');
}

function authorityOf(url: string): string | undefined {
  const scheme = url.indexOf('://');
  const start = scheme !== -1 ? scheme + 3 : url.startsWith('//') ? 2 : -1;
  if (start === -1) return undefined;
  let end = url.length;
  for (const delimiter of ['/', '?', '#']) {
    const index = url.indexOf(delimiter, start);
    if (index !== -1 && index < end) end = index;
  }
  return url.slice(start, end);
}

/** The URL with its password hidden: reports must not repeat the secret. */
function redact(url: string): string {
  const authority = authorityOf(url);
  if (authority === undefined) return url;
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (colon === -1 || colon > at) return url;
  const start = url.indexOf(authority);
  return `${url.slice(0, start + colon + 1)}***${url.slice(start + at)}`;
}
