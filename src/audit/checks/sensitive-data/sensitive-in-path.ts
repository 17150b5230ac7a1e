// Personal data as path segments: like query strings (OWASP ASVS V8.3.1), paths are logged and cached
// everywhere along the way, and a path names the resource in every metric and trace too.
import type { AuditCheck } from '../../check.js';
import { personalDataIn } from './support/url-parameters.js';

export const sensitiveInPathCheck: AuditCheck = {
  id: 'sensitive-data.sensitive-in-path',
  group: 'sensitive-data',
  title: 'Personal data in the URL path',
  owasp: 'API8',
  asvs: ['V8.3.1'],
  severity: 'medium',
  part: 'security',
  explanation: 'Path segments are written to access logs, traces, metrics and caches and show up in browser history, so a path like /users/{email} spreads personal data to every system that handles the URL.',
  remediation: 'Address the resource by an opaque identifier (/users/{userId}) and send the personal value in the request body when it is needed for a lookup.',
  run(api, report) {
    for (const finding of personalDataIn(api, 'path')) report(finding.at, finding.message);
  },
};
