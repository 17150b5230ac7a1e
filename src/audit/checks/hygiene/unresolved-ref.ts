// References that cannot be followed: a missing file or node, an unreadable file, or a loop of pure
// references. Whatever the reference should have described (a schema, a parameter, a response) is
// undefined for every tool that reads the document: validation, gateways and code generators skip it
// or fail. Every reference is tried, not only those the model walked.
import type { AuditCheck } from '../../check.js';
import { tryAllRefs } from './support/references.js';

export const unresolvedRefCheck: AuditCheck = {
  id: 'hygiene.unresolved-ref',
  group: 'hygiene',
  title: 'Reference cannot be resolved',
  owasp: 'API9',
  asvs: [],
  severity: 'high',
  part: 'validation',
  explanation: 'A `$ref` that points to a missing file or node, or only to itself, leaves part of the contract undefined: validators and gateways built from the document skip the checks it should have described, and the document no longer describes the API that runs.',
  remediation: 'Fix the reference (path, file name, JSON pointer with `~1` for `/` and `~0` for `~`), add the missing definition, or break the reference cycle.',
  run(api, report) {
    tryAllRefs(api);
    for (const broken of api.document.brokenRefs) {
      if (broken.reason === 'remote') continue;
      report(broken.at, `\`$ref: ${broken.ref}\` cannot be followed: ${describe(broken.reason)} (${broken.detail})`);
    }
  },
};

function describe(reason: string): string {
  switch (reason) {
    case 'missing-file': return 'the file is missing';
    case 'unreadable-file': return 'the file cannot be read';
    case 'cycle': return 'the references form a loop';
    default: return 'nothing is defined there';
  }
}
