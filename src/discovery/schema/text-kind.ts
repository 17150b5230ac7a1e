// What a text value (a query, path, header or cookie parameter) reads as: boolean, integer, number or string.

export type TextKind = 'boolean' | 'integer' | 'number' | 'string';

/** What one text value is. Integers past 2^53 are strings: as numbers they would lose digits (ids). */
export function classifyText(text: string): TextKind {
  if (text === 'true' || text === 'false') return 'boolean';
  const shape = text.length > 400 ? 'string' : numberShape(text);
  if (shape === 'string') return 'string';
  const value = Number(text);
  if (!Number.isFinite(value)) return 'string';
  return shape === 'number' || Number.isSafeInteger(value) ? shape : 'string';
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * JSON's number grammar (RFC 8259 §6) in one left-to-right pass: no leading zeros, no "+", no bare
 * "." — so "007" and "+1" stay strings. 'integer' without fraction or exponent, else 'number'.
 */
function numberShape(text: string): TextKind {
  let index = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const intStart = index;
  while (isDigit(text.charCodeAt(index))) index++;
  const intLength = index - intStart;
  if (intLength === 0 || (intLength > 1 && text.charCodeAt(intStart) === 48)) return 'string';
  if (index === text.length) return 'integer';
  if (text.charCodeAt(index) === 46) { // '.'
    const fractionStart = ++index;
    while (isDigit(text.charCodeAt(index))) index++;
    if (index === fractionStart) return 'string';
  }
  if (text.charCodeAt(index) === 101 || text.charCodeAt(index) === 69) { // 'e' | 'E'
    index++;
    if (text.charCodeAt(index) === 43 || text.charCodeAt(index) === 45) index++; // '+' | '-'
    const exponentStart = index;
    while (isDigit(text.charCodeAt(index))) index++;
    if (index === exponentStart) return 'string';
  }
  return index === text.length ? 'number' : 'string';
}
