// Responses declaring both Access-Control-Allow-Credentials `true` and a wildcard origin. Browsers
// reject that pair, so an implementation that works has replaced `*` by echoing the request's Origin:
// any website can then make credentialed requests with the user's cookies and read the answers.
import type { AuditCheck } from '../../check.js';
import { findHeader, responseCatalog } from '../errors-limits/support/response-sites.js';
import { ALLOW_CREDENTIALS, ALLOW_ORIGIN, headerTexts } from './support/header-values.js';

export const credentialsWithWildcardCheck: AuditCheck = {
  id: 'cors.credentials-with-wildcard',
  group: 'cors',
  title: 'CORS credentials with a wildcard origin',
  owasp: 'API8',
  asvs: ['V14.5.3'],
  severity: 'high',
  part: 'security',
  explanation: 'Browsers refuse `Access-Control-Allow-Credentials: true` with `Access-Control-Allow-Origin: *`; servers made to work anyway reflect whatever Origin they receive, which lets any website send requests with the user\'s cookies and read the responses.',
  remediation: 'Allow credentials only for origins on an explicit allow list, answer with the matched origin (never the raw request header) and add `Vary: Origin`; otherwise drop Access-Control-Allow-Credentials.',
  run(api, report) {
    const seen = new Set<string>();
    for (const map of responseCatalog(api).headerMaps) {
      // components/headers is a catalogue of headers, not one response: its members are met where used.
      if (map.response === undefined) continue;
      const origin = findHeader(map.headers, ALLOW_ORIGIN);
      const credentials = findHeader(map.headers, ALLOW_CREDENTIALS);
      if (origin === undefined || credentials === undefined) continue;
      if (!headerTexts(api, origin).includes('*') || !headerTexts(api, credentials).some((text) => text.toLowerCase() === 'true')) continue;
      const at = map.response.at;
      if (seen.has(`${at.file}#${at.pointer}`)) continue;
      seen.add(`${at.file}#${at.pointer}`);
      report(at, `${map.label}: Access-Control-Allow-Credentials \`true\` together with Access-Control-Allow-Origin \`*\``);
    }
  },
};
