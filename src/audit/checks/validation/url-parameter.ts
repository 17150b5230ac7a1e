// Parameters that carry URLs (OWASP API7:2023, Server Side Request Forgery): `callbackUrl`, `webhook`,
// `redirect_uri`, `returnTo`, or any parameter of format uri. If the server fetches the URL, it can be
// made to call internal services and the cloud metadata endpoint; if it redirects to it, it becomes an
// open redirect. Read by name and by format.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { isUrlFormat, isUrlName } from './support/names.js';
import { parameterSchema, pathParameters } from './support/parameters.js';

export const urlParameterCheck: AuditCheck = {
  id: 'validation.url-parameter',
  group: 'validation',
  title: 'Parameter carrying a URL',
  owasp: 'API7',
  asvs: ['V5.2.6', 'V12.6.1'],
  severity: 'low',
  part: 'security',
  explanation: 'A parameter that carries a URL (a callback, webhook, redirect or resource location) is the entry point of server-side request forgery and open redirects when the server fetches it or sends clients to it.',
  remediation: 'Avoid taking URLs from clients where an identifier would do; otherwise validate them against an allow list of schemes, hosts and ports, resolve and refuse private and link-local addresses, and do not follow redirects blindly.',
  covers: ['owasp:api7:2023-concerning-url-parameter'],
  run(api, report) {
    for (const parameter of pathParameters(api)) {
      const schema = parameterSchema(api, parameter);
      const byFormat = schema !== undefined && isUrlFormat(schema.value.format);
      const items = schema === undefined ? undefined : schema.value.items;
      const itemsByFormat = isObject(items) && isUrlFormat(items.format);
      if (!isUrlName(parameter.name) && !byFormat && !itemsByFormat) continue;
      const why = isUrlName(parameter.name) ? 'its name says it holds a URL' : 'its format is a URL';
      report(parameter.at, `${parameter.usedBy}: ${parameter.in} parameter \`${parameter.name}\` carries a URL (${why}): check how the server fetches or redirects to it`);
    }
  },
};
