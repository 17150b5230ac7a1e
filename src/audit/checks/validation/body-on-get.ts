// Request bodies on GET, HEAD and DELETE: RFC 9110 (9.3.1, 9.3.2, 9.3.5) gives them no meaning, so
// proxies, caches and frameworks may drop, keep or misread them; a body one hop ignores and the next
// reads is how request smuggling and cache poisoning start, and validation at the edge may never see it.
import type { AuditCheck } from '../../check.js';
import { childRef } from '../../model.js';
import { operationLabel } from './support/labels.js';

const BODYLESS_METHODS = new Set(['get', 'head', 'delete']);

export const bodyOnGetCheck: AuditCheck = {
  id: 'validation.body-on-get',
  group: 'validation',
  title: 'Request body on GET, HEAD or DELETE',
  owasp: 'API8',
  asvs: [],
  severity: 'low',
  part: 'validation',
  explanation: 'HTTP gives a request body no meaning on GET, HEAD and DELETE (RFC 9110), so intermediaries and frameworks handle it inconsistently: it may be dropped, left unvalidated, or read differently by two hops.',
  remediation: 'Move the data to query or path parameters, or use POST (for a search with a large filter, a POST to a search resource).',
  run(api, report) {
    for (const operation of api.operations) {
      if (!BODYLESS_METHODS.has(operation.method) || operation.requestBody === undefined) continue;
      const label = operationLabel(operation);
      if (api.dialect === 'swagger-2.0') {
        // The body is a parameter that may be shared by the path's methods: the operation is at fault.
        report(operation.at, `${label} declares a request body`);
      } else {
        report(childRef(operation.at, 'requestBody'), `${label} declares a request body`);
      }
    }
  },
};
