// ROBUSTNESS: successful answers the document does not describe: a status it does not declare, a
// Content-Type it does not list, or a body that breaks the response schema (checked with the
// gateway's own compiled contract). Clients generated from the document break on them, and a
// schema drift often hides a code path nobody reviewed. Undeclared and write-only properties are
// data exposure (API3), left to that check; this one reports what is invalid.
import { checkResponseHead, checkResponseValue, compileContract, isCheckableResponse, type CompiledOperation } from '../../../contract/index.js';
import type { ReportedFinding, ScanCheck } from '../../check.js';
import { jsonOf, successes, type Success } from '../probe.js';

/** Failures named in a message; the evidence has the whole body. */
const MAX_NAMED = 3;

function problemOf(compiled: CompiledOperation, success: Success): string | undefined {
  const response = success.exchange.response;
  if (response === undefined) return undefined;
  const mediaType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const head = checkResponseHead(compiled, response.status, mediaType, response.body !== '');
  if (head.kind === 'status-undeclared') return `The status ${String(response.status)} is not declared for this operation.`;
  if (head.kind === 'content-type-undeclared') return `The Content-Type \`${mediaType || '(none)'}\` is not one of the declared ${head.declared.join(', ')}.`;
  if (!isCheckableResponse(head.media, mediaType) || response.isTruncated) return undefined;
  const value = jsonOf(success.exchange);
  if (value === undefined) return `The ${mediaType} body is not valid JSON.`;
  const failures = checkResponseValue(head.media, value, false).filter((failure) => failure.kind === 'invalid');
  if (failures.length === 0) return undefined;
  const named = failures.slice(0, MAX_NAMED).map((failure) => `${failure.location} ${failure.problem}`).join('; ');
  return `The body breaks the documented response schema: ${named}${failures.length > MAX_NAMED ? ` (and ${String(failures.length - MAX_NAMED)} more)` : ''}.`;
}

/** A response schema Ajv cannot compile is the document's problem, not a finding: that operation is skipped. */
function describe(compiled: CompiledOperation, success: Success): string | undefined {
  try {
    return problemOf(compiled, success);
  } catch {
    return undefined;
  }
}

export const responseConformance: ScanCheck = {
  id: 'robustness.response-conformance',
  category: 'ROBUSTNESS',
  title: 'Answer does not conform to the documented response',
  severity: 'low',
  remediation: 'Make the implementation and the document agree: fix the serialisation (types, required properties, status codes) or the document, and test answers against the document in CI; the gateway\'s response contract stage can enforce it in production.',
  run(context) {
    const contract = compileContract(context.api);
    const compiledOf = new Map(contract.operations.map((compiled) => [compiled.spec, compiled]));
    const done = new Set<string>();
    for (const success of successes(context)) {
      const key = `${success.operation.method} ${success.operation.pathTemplate}`;
      const compiled = compiledOf.get(success.operation);
      if (compiled === undefined || done.has(key)) continue;
      const message = describe(compiled, success);
      if (message === undefined) continue;
      done.add(key);
      const finding: ReportedFinding = { operation: success.operation, message, evidence: [success.exchange], confidence: 'confirmed' };
      context.report(finding);
    }
    return Promise.resolve();
  },
};
