// Access-Control-Allow-Origin declared as `null`: the `null` origin is what sandboxed iframes,
// `data:` and `file:` documents and some redirects send, so any attacker page can obtain it; it does
// not mean "no origin" (W3C Fetch, section 3.2.5; ASVS V14.5.3).
import type { AuditCheck } from '../../check.js';
import { ALLOW_ORIGIN, headersNamed, headerTexts } from './support/header-values.js';

export const nullOriginCheck: AuditCheck = {
  id: 'cors.null-origin',
  group: 'cors',
  title: 'CORS allows the null origin',
  owasp: 'API8',
  asvs: ['V14.5.3'],
  severity: 'medium',
  part: 'security',
  explanation: '`Access-Control-Allow-Origin: null` does not disable CORS: browsers send `Origin: null` from sandboxed iframes and local files, so any attacker page can make its requests carry that origin and read the responses.',
  remediation: 'To refuse cross-origin reads, send no Access-Control-Allow-Origin at all; to allow some, list the trusted origins explicitly. Never allow `null`.',
  run(api, report) {
    for (const { header, map } of headersNamed(api, ALLOW_ORIGIN)) {
      if (headerTexts(api, header).some((text) => text.toLowerCase() === 'null')) report(header.at, `${map.label}: Access-Control-Allow-Origin allows the \`null\` origin`);
    }
  },
};
