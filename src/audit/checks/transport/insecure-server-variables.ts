// Server variables that can turn a server URL into a plain-text one (`{scheme}://api.example.com` with
// `enum: [http, https]`, `http{s}://...` with `s` allowed empty, `{base}/v1` defaulting to an http://
// URL): the document invites clients to pick HTTP, and tools that fill in the default may use it
// without anyone reading the URL.
import type { AuditCheck } from '../../check.js';
import { childRef, isObject, type JsonObject } from '../../model.js';
import { isPlainTextUrl, serverEntries } from './support/servers.js';

export const insecureServerVariablesCheck: AuditCheck = {
  id: 'transport.insecure-server-variables',
  group: 'transport',
  title: 'Server variable allows plain HTTP',
  owasp: 'API8',
  asvs: ['V9.1.1'],
  severity: 'medium',
  part: 'security',
  explanation: 'A server variable whose default or allowed values make the URL start with `http:` or `ws:` offers clients an unencrypted connection, and code generators and consoles that take the default use it silently.',
  remediation: 'Write the scheme into the URL (`https://{host}/v1`), or restrict the variable to `https` / `wss` in both `enum` and `default`.',
  run(api, report) {
    for (const { server, value } of serverEntries(api)) {
      const template = server.url.trimStart();
      // A URL that is plain HTTP as written is http-server's finding.
      if (isPlainTextUrl(template) || !isObject(value.variables)) continue;
      const variables = value.variables;
      const defaults = new Map<string, string>();
      for (const [name, variable] of Object.entries(variables)) {
        if (isObject(variable) && typeof variable.default === 'string') defaults.set(name, variable.default);
      }
      for (const name of schemeVariables(template)) {
        const variable = variables[name];
        if (!isObject(variable)) continue;
        const insecure = candidatesOf(variable).filter((candidate) => isPlainTextUrl(substitute(template, defaults, name, candidate)));
        if (insecure.length === 0) continue;
        const parts: string[] = [];
        if (insecure.includes(variable.default as string)) parts.push(`defaults to ${shown(String(variable.default))}`);
        const allowed = insecure.filter((candidate) => candidate !== variable.default);
        if (allowed.length > 0) parts.push(`allows ${allowed.map(shown).join(', ')}`);
        report(childRef(server.at, 'variables', name), `server \`${server.url}\`: variable \`${name}\` ${parts.join(' and ')}, making the URL plain HTTP or WebSocket`);
      }
    }
  },
};

function shown(value: string): string {
  return value === '' ? 'the empty value' : `\`${value}\``;
}

/** The variables written where the scheme is: before `://`, or at the very start of a URL without one. */
function schemeVariables(template: string): string[] {
  const schemeEnd = template.indexOf('://');
  const names: string[] = [];
  for (let open = template.indexOf('{'); open !== -1; open = template.indexOf('{', open + 1)) {
    if (schemeEnd === -1 ? open !== 0 : open > schemeEnd) break;
    const close = template.indexOf('}', open);
    if (close === -1) break;
    const name = template.slice(open + 1, close);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** A variable's default and allowed values, each once. */
function candidatesOf(variable: JsonObject): string[] {
  const values = [variable.default, ...(Array.isArray(variable.enum) ? (variable.enum as unknown[]) : [])];
  return [...new Set(values.filter((value): value is string => typeof value === 'string'))];
}

/** The URL with `name` set to `value` and every other variable to its default (left as written without one). */
function substitute(template: string, defaults: ReadonlyMap<string, string>, name: string, value: string): string {
  let result = '';
  let from = 0;
  for (let open = template.indexOf('{'); open !== -1; open = template.indexOf('{', from)) {
    const close = template.indexOf('}', open);
    if (close === -1) break;
    const variable = template.slice(open + 1, close);
    result += template.slice(from, open) + (variable === name ? value : defaults.get(variable) ?? template.slice(open, close + 1));
    from = close + 1;
  }
  return result + template.slice(from);
}
