// References to remote documents: the audit never fetches them (reading a document must not send
// requests), and every tool that does trusts a third party for part of the contract; the remote
// definition can change, or be replaced by whoever controls that host, without the API changing.
import type { AuditCheck } from '../../check.js';
import { tryAllRefs } from './support/references.js';

export const remoteRefCheck: AuditCheck = {
  id: 'hygiene.remote-ref',
  group: 'hygiene',
  title: 'Reference to a remote document',
  owasp: 'API8',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'A `$ref` to a URL makes the contract depend on a document someone else serves: it can change or disappear without notice, code generators and gateways fetch it at build time, and this audit cannot check what it defines.',
  remediation: 'Vendor the referenced definitions into the repository (a local file next to the document) and reference them by relative path.',
  run(api, report) {
    tryAllRefs(api);
    for (const broken of api.document.brokenRefs) {
      if (broken.reason === 'remote') report(broken.at, `\`$ref: ${broken.ref}\` points to a remote document, which was not fetched or checked`);
    }
  },
};
