// Response `headers` maps without Access-Control-Allow-Origin: the document does not say which web
// origins may read the API from a browser, so nobody can review the CORS policy the gateway applies.
// Every `headers` map of the API description is read, as Spectral's `$..headers` does; the multipart
// encoding headers of request bodies are not (a request part has no CORS policy).
import type { AuditCheck } from '../../check.js';
import { headerNames, responseCatalog } from '../errors-limits/support/response-sites.js';
import { ALLOW_ORIGIN } from './support/header-values.js';

export const originHeaderCheck: AuditCheck = {
  id: 'cors.origin-header',
  group: 'cors',
  title: 'No Access-Control-Allow-Origin header',
  owasp: 'API8',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Access-Control-Allow-Origin decides which websites can read the API\'s responses from a visitor\'s browser; when responses do not declare it, the CORS policy is undocumented and cannot be reviewed or tested.',
  remediation: 'Declare Access-Control-Allow-Origin on the responses (a shared component header), with the allowed origins as its enum or description; APIs not meant for browsers can declare that they send none and say so.',
  covers: ['owasp:api8:2023-define-cors-origin'],
  run(api, report) {
    for (const map of responseCatalog(api).headerMaps) {
      if (headerNames(map.value).has(ALLOW_ORIGIN)) continue;
      report(map.at, map.response === undefined
        ? `${map.label}: no reusable Access-Control-Allow-Origin header is defined`
        : `${map.label}: declares headers but not Access-Control-Allow-Origin`);
    }
  },
};
