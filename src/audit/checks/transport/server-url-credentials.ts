// Server URLs that carry credentials: a user and password before the host (`https://user:pass@host`)
// or a secret in the query (`?api_key=...`). Published with the document, they are leaked; used, they
// end up in logs, browser history and proxies.
import type { AuditCheck } from '../../check.js';
import { childRef } from '../../model.js';
import { serverEntries } from './support/servers.js';

/** Query parameter names that hold secrets, lowercased. */
const SECRET_QUERY_NAMES = new Set([
  'apikey', 'api_key', 'api-key', 'key', 'token', 'access_token', 'accesstoken', 'auth', 'secret', 'client_secret', 'password', 'passwd', 'pwd',
  'sig', 'signature', 'session', 'sessionid',
]);

export const serverUrlCredentialsCheck: AuditCheck = {
  id: 'transport.server-url-credentials',
  group: 'transport',
  title: 'Credentials in a server URL',
  owasp: 'API2',
  asvs: ['V2.10.4'],
  severity: 'high',
  part: 'security',
  explanation: 'Credentials written into a server URL are published with the document, and URLs are stored in logs, browser history and proxy caches: the secret must be considered leaked.',
  remediation: 'Remove the credentials from the URL, revoke and rotate them, and declare the authentication as a security scheme (a header or OAuth 2.0), never in the URL.',
  run(api, report) {
    for (const { server } of serverEntries(api)) {
      const problem = urlCredentials(server.url);
      if (problem !== undefined) report(server.at, `server \`${redacted(server.url)}\` ${problem}`);
    }
    const host = api.root.value.host;
    if (api.dialect === 'swagger-2.0' && typeof host === 'string' && host.includes('@')) {
      report(childRef(api.root.at, 'host'), 'host names a user before `@`: credentials in the server address');
    }
  },
};

/** Where the authority (`user:pass@host:port`) of `url` is, or undefined for a URL without one. */
function authorityOf(url: string): { start: number; end: number } | undefined {
  const slashes = url.indexOf('//');
  if (slashes === -1) return undefined;
  const start = slashes + 2;
  let end = url.length;
  for (const stop of ['/', '?', '#']) {
    const index = url.indexOf(stop, start);
    if (index !== -1 && index < end) end = index;
  }
  return { start, end };
}

/** What is wrong with `url`, or undefined. */
function urlCredentials(url: string): string | undefined {
  const authority = authorityOf(url);
  if (authority !== undefined && url.slice(authority.start, authority.end).includes('@')) return 'carries credentials before the host';
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  const hash = url.indexOf('#', query);
  for (const pair of url.slice(query + 1, hash === -1 ? undefined : hash).split('&')) {
    const equals = pair.indexOf('=');
    const name = (equals === -1 ? pair : pair.slice(0, equals)).toLowerCase();
    if (SECRET_QUERY_NAMES.has(name) && equals !== -1 && equals < pair.length - 1) return `carries a secret in the query parameter \`${name}\``;
  }
  return undefined;
}

/** The URL with its user information and query masked: a finding must not repeat the secret. */
function redacted(url: string): string {
  const authority = authorityOf(url);
  let text = url;
  if (authority !== undefined) {
    const at = url.lastIndexOf('@', authority.end - 1);
    if (at >= authority.start) text = `${url.slice(0, authority.start)}***${url.slice(at)}`;
  }
  const query = text.indexOf('?');
  return query === -1 ? text : `${text.slice(0, query)}?***`;
}
