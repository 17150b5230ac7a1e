// Checks an upstream response against its operation: is the status declared, is the Content-Type
// one of the declared media types, and does the body match the schema (with undeclared and
// write-only properties reported separately, so they can be stripped: excessive data exposure).
import { bodyKindOf, selectMedia, type CompiledMedia, type CompiledOperation } from './compile-contract.js';
import { toFailures, type Failure } from './validation-errors.js';

/** The media types declared for a status: exact code, then '2XX', then 'default'; undefined when none applies. */
export function responseMediaFor(op: CompiledOperation, status: number): readonly CompiledMedia[] | undefined {
  const code = String(status);
  return op.responses.get(code) ?? op.responses.get(`${code[0] ?? ''}XX`) ?? op.responses.get('default');
}

export type ResponseMediaCheck =
  | { readonly kind: 'ok'; readonly media: CompiledMedia | undefined }
  | { readonly kind: 'status-undeclared' }
  | { readonly kind: 'content-type-undeclared'; readonly declared: readonly string[] };

/** `mediaType` is lowercased without parameters; '' when the response has no Content-Type. */
export function checkResponseHead(op: CompiledOperation, status: number, mediaType: string, hasBody: boolean): ResponseMediaCheck {
  const declared = responseMediaFor(op, status);
  if (!declared) return { kind: 'status-undeclared' };
  if (declared.length === 0 || !hasBody) return { kind: 'ok', media: undefined };
  const media = selectMedia(declared, mediaType);
  return media ? { kind: 'ok', media } : { kind: 'content-type-undeclared', declared: declared.map((m) => m.range) };
}

/** Whether this body would be validated at all (worth buffering). */
export function isCheckableResponse(media: CompiledMedia | undefined, mediaType: string): media is CompiledMedia {
  return media?.validate !== undefined && bodyKindOf(mediaType) === 'json';
}

/** Failures of a parsed JSON response body; undeclared ones only when asked. */
export function checkResponseValue(media: CompiledMedia, value: unknown, reportUndeclared: boolean): Failure[] {
  const validate = media.validate;
  if (!validate || validate(value)) return [];
  // In a response, a property the schema forbids is data the client should not see: undeclared.
  return toFailures(validate.errors, 'body')
    .map((f) => (f.kind === 'mass-assignment' ? { ...f, kind: 'undeclared' as const } : f))
    .filter((f) => reportUndeclared || f.kind !== 'undeclared');
}
