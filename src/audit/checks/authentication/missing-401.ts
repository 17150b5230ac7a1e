// Operations that do not document their 401 response and its body (OWASP API8:2023, listed with
// authentication because a 401 is the answer to failed authentication): clients cannot tell an
// expired token from other failures, and without a schema contract tests cannot catch a 401 that
// leaks a stack trace. Callbacks under `paths` are included, as Spectral's `$.paths..responses` reads them.
import type { AuditApi } from '../../model.js';
import type { AuditCheck, Reporter } from '../../check.js';
import { isObject, isReference } from '../../model.js';
import { keyOf, pathItemCatalog, resolveObject, type RawOperation } from './support/path-items.js';

export const missing401Check: AuditCheck = {
  id: 'authentication.missing-401',
  group: 'authentication',
  title: 'No 401 response',
  owasp: 'API8',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Without a documented 401 response and its body, clients cannot handle failed authentication reliably, and contract tests cannot check that the error returned leaks nothing (stack traces, internal details).',
  remediation: 'Add a `401` response with a schema for the error body (RFC 9457 problem details, say) to every operation, through a shared `components/responses` entry.',
  covers: ['owasp:api8:2023-define-error-responses-401'],
  run(api, report) {
    const shared = new Set<string>();
    for (const operation of pathItemCatalog(api).operations) {
      if (operation.underPaths) check401(api, operation, shared, report);
    }
  },
};

function check401(api: AuditApi, operation: RawOperation, shared: Set<string>, report: Reporter): void {
  // The catalog holds each operation once, so its responses object is met once too.
  const responses = resolveObject(api, api.document.child(operation.operation, 'responses'));
  // An operation with no responses at all is the errors-limits group's finding.
  if (responses === undefined) return;
  const written = api.document.child(responses, '401');
  if (written === undefined || written.value === undefined || written.value === null || written.value === false) {
    report(responses.at, `${operation.label}: no 401 response`);
    return;
  }
  const response = resolveObject(api, written);
  const at = response?.at ?? written.at;
  // A 401 reached through a reference may be shared by many operations: judged once, at its definition.
  if (isReference(written.value)) {
    if (shared.has(keyOf(at))) return;
    shared.add(keyOf(at));
  }
  if (response === undefined) {
    report(at, `${operation.label}: the 401 response is not a response object (or its reference cannot be followed), so it describes no error body`);
    return;
  }
  if (api.dialect === 'swagger-2.0') {
    if (!isObject(response.value.schema)) report(at, `${operation.label}: the 401 response has no schema for its error body`);
    return;
  }
  const content = response.value.content;
  if (!isObject(content) || Object.keys(content).length === 0) report(at, `${operation.label}: the 401 response has no content describing its error body`);
}
