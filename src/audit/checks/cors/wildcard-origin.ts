// Access-Control-Allow-Origin declared as `*`: any website a user visits can read these responses
// from the user's browser. Fine for public open data; a leak for anything behind a network boundary
// or returning user data (ASVS V14.5.3).
import type { AuditCheck } from '../../check.js';
import { ALLOW_ORIGIN, headersNamed, headerTexts } from './support/header-values.js';

export const wildcardOriginCheck: AuditCheck = {
  id: 'cors.wildcard-origin',
  group: 'cors',
  title: 'CORS allows any origin',
  owasp: 'API8',
  asvs: ['V14.5.3'],
  severity: 'medium',
  part: 'security',
  explanation: 'With `Access-Control-Allow-Origin: *`, scripts on any website can read the API\'s responses in a visitor\'s browser; for an API reachable only from inside a network, or authenticated by the network position or a client certificate, that exposes its data to the whole web.',
  remediation: 'Answer with the requesting origin only when it is on an allow list of trusted origins (and add `Vary: Origin`); keep `*` for public, unauthenticated data only.',
  run(api, report) {
    for (const { header, map } of headersNamed(api, ALLOW_ORIGIN)) {
      if (headerTexts(api, header).includes('*')) report(header.at, `${map.label}: Access-Control-Allow-Origin allows any origin (\`*\`)`);
    }
  },
};
