// Servers whose host is a free variable (OWASP API9:2023): `https://{host}/v1` or `https://api.{domain}`
// with no enum lets any host pass as the API's, so "try it" consoles and generated clients send
// requests and credentials wherever they are pointed, and the document no longer inventories where
// the API runs. A variable below a fixed domain (`https://{tenant}.example.com`) stays on that domain.
import type { AuditCheck } from '../../check.js';
import { isObject, type JsonObject } from '../../model.js';
import { serverEntries, urlParts, urlWithDefaults } from './support/servers.js';

export const serverHostVariableCheck: AuditCheck = {
  id: 'inventory.server-host-variable',
  group: 'inventory',
  title: 'Server host is an unrestricted variable',
  owasp: 'API9',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A server URL whose host (or registrable domain) is a variable without an enum accepts any host: the document no longer says where the API runs, and consoles and generated clients will send requests and credentials to whatever host is filled in.',
  remediation: 'List the allowed values in the variable\'s `enum`, or write the domain out and keep variables to subdomains (`https://{tenant}.api.example.com`).',
  run(api, report) {
    if (api.dialect === 'swagger-2.0') return;
    for (const server of serverEntries(api)) {
      if (server.url === undefined) continue;
      const free = freeHostVariables(server.url, server.object);
      if (free.length > 0) report(server.at, `the host of server \`${server.url}\` is set by ${free.map((name) => `\`{${name}}\``).join(', ')} with no enum: any host is allowed`);
    }
  },
};

/** The variables without an enum that decide the host beyond a fixed domain of two or more labels. */
function freeHostVariables(url: string, server: JsonObject | undefined): string[] {
  const variables = server !== undefined && isObject(server.variables) ? server.variables : {};
  const hasEnum = (name: string): boolean => {
    const variable = variables[name];
    return isObject(variable) && Array.isArray(variable.enum) && variable.enum.length > 0;
  };
  const parts = urlParts(url);
  if (parts.authority === undefined) {
    // `{baseUrl}/v1`: the variable is the host when its default is an absolute URL.
    if (!url.startsWith('{')) return [];
    const name = url.slice(1, url.indexOf('}'));
    const resolved = urlWithDefaults(url, server);
    const absolute = resolved.includes('://') || resolved.startsWith('//');
    return absolute && !hasEnum(name) ? [name] : [];
  }
  const host = parts.authority.split(':')[0] ?? '';
  const names = variableNames(host);
  if (names.length === 0) return [];
  const fixedTail = host.slice(host.lastIndexOf('}') + 1);
  if (fixedTail.split('.').filter((label) => label !== '').length >= 2) return [];
  return names.filter((name) => !hasEnum(name));
}

function variableNames(text: string): string[] {
  const names: string[] = [];
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    const close = text.indexOf('}', open);
    if (close === -1) break;
    names.push(text.slice(open + 1, close));
  }
  return names;
}
