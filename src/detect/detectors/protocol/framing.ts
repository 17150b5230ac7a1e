// Message framing as RFC 9112 §6 defines it, and the ways request smuggling bends it: a Transfer-Encoding
// that one hop reads as chunked and the next does not (TE.TE), Transfer-Encoding beside Content-Length
// (CL.TE / TE.CL), and Content-Length values that are repeated, conflicting or not a number.

/** Codings a client may apply before the final `chunked` (RFC 9110 §8.4.1, RFC 9112 §7). */
const CODINGS_BEFORE_CHUNKED = new Set(['gzip', 'x-gzip', 'deflate', 'compress', 'x-compress', 'br', 'zstd']);

/**
 * Whether the Transfer-Encoding headers of a request frame it the one way every hop agrees on: a single
 * header whose last coding is `chunked` (RFC 9112 §6.3: otherwise the length cannot be determined and
 * the server must answer 400). `chunked, identity`, `identity`, `xchunked`, `chunked;` and two headers
 * are what desynchronisation attacks send.
 */
export function isUnambiguousTransferEncoding(values: readonly string[]): boolean {
  if (values.length !== 1) return false;
  const codings = (values[0] as string).toLowerCase().split(',');
  for (let index = 0; index < codings.length; index++) {
    const coding = trimOptionalWhitespace(codings[index] as string);
    const isLast = index === codings.length - 1;
    if (isLast ? coding !== 'chunked' : !CODINGS_BEFORE_CHUNKED.has(coding)) return false;
  }
  return true;
}

export type ContentLengthVerdict = 'valid' | 'invalid' | 'conflicting' | 'repeated';

/**
 * RFC 9112 §6.3 and RFC 9110 §8.6: Content-Length is 1*DIGIT; a list or several headers are
 * tolerable only when every member is the same number, and a recipient may also reject them.
 */
export function judgeContentLength(values: readonly string[]): ContentLengthVerdict {
  // The common case, one plain number, without the splitting and normalising below.
  if (values.length === 1 && isDigits(values[0] as string) && (values[0] as string).charCodeAt(0) !== 48) return 'valid';
  let first: string | undefined;
  let members = 0;
  let isConflicting = false;
  for (const value of values) {
    for (const member of value.split(',')) {
      const number = trimOptionalWhitespace(member);
      if (!isDigits(number)) return 'invalid';
      // Leading zeros are the same number to one parser and not to another: compare as numbers.
      const normalized = number.replace(/^0+(?=\d)/, '');
      members++;
      if (first === undefined) first = normalized;
      else if (normalized !== first) isConflicting = true;
    }
  }
  if (isConflicting) return 'conflicting';
  return members > 1 ? 'repeated' : 'valid';
}

/** RFC 9110 §5.6.3: OWS is spaces and tabs only; String#trim would also eat NBSP, VT and FF, which hide an attack. */
export function trimOptionalWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
