// API keys sent in the URL (OWASP API2:2023, ASVS V13.1.3): URLs are written to access logs, proxy
// logs, browser history and Referer headers, so a key in the query or the path leaks to everyone who
// reads those.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';

export const apiKeyInUrlCheck: AuditCheck = {
  id: 'authentication.api-key-in-url',
  group: 'authentication',
  title: 'API key in the URL',
  owasp: 'API2',
  asvs: ['V13.1.3'],
  severity: 'high',
  part: 'security',
  explanation: 'An API key in the query string or the path is recorded wherever URLs are: server and proxy logs, browser history, Referer headers and monitoring tools.',
  remediation: 'Send the key in a request header (`in: header`, e.g. `X-API-Key` or `Authorization`), never in the URL; rotate keys that were sent in URLs.',
  covers: ['owasp:api2:2023-no-api-keys-in-url'],
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      if (scheme.type !== 'apiKey' || scheme.in === undefined) continue;
      const location = scheme.in.toLowerCase();
      if (location !== 'query' && location !== 'path') continue;
      const parameter = scheme.parameterName === undefined ? '' : ` as \`${scheme.parameterName}\``;
      report(scheme.at, `security scheme \`${scheme.name}\` sends its API key in the ${location === 'query' ? 'query string' : 'path'}${parameter}`);
    }
  },
};
