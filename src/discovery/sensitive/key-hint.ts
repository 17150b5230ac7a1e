// Field names as evidence: normalisation (`date_of_birth` = `dateOfBirth`), name rules compiled once,
// and the names of identifiers, counters and timestamps whose digits only look like sensitive data.
import type { KeyHint } from './classifier.js';

/** Lowercases and drops everything but ASCII letters, digits and non-ASCII characters (letters of other scripts). */
export function normalizeKey(key: string): string {
  const lower = key.toLowerCase();
  let out = '';
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127) out += lower.charAt(index);
  }
  return out;
}

/** Leading words of yes/no names, read on the raw name where word boundaries are still visible. */
const QUESTION_WORDS = ['is', 'has', 'have', 'should', 'can', 'must', 'needs', 'requires', 'allow', 'allows', 'show', 'hide', 'use', 'uses'];

/** Whether `key` starts with a question word followed by a new word (`hasPassword`, `is_verified`, `Has-Email`). */
export function isQuestionKey(key: string): boolean {
  for (const word of QUESTION_WORDS) {
    if (key.length <= word.length || key.slice(0, word.length).toLowerCase() !== word) continue;
    const next = key.charCodeAt(word.length);
    // The question word ends at a capital (camelCase) or a separator; `username` and `island` go on.
    if ((next >= 65 && next <= 90) || next === 95 || next === 45 || next === 46 || next === 32) return true;
  }
  return false;
}

export function keyHint(key: string, parent = ''): KeyHint {
  return { name: normalizeKey(key), parent: normalizeKey(parent), isQuestion: isQuestionKey(key) };
}

/** Which normalised field names point to a type. */
export interface KeyRule {
  /** Whole names: `ssn`, `dob`. */
  readonly names?: readonly string[];
  /** Endings: `email` also matches `customeremail`, but not `emailverified` (a name about the value). */
  readonly suffixes?: readonly string[];
  /** Endings that contain a suffix yet name something else: `ipaddress` for `address`. */
  readonly except?: readonly string[];
  /** Generic child names that count under a matching parent: `number` under `card`, `line1` under `address`. */
  readonly children?: { readonly parentSuffixes: readonly string[]; readonly names: readonly string[] };
}

export function compileKeyRule(rule: KeyRule): (key: KeyHint) => boolean {
  const names = new Set(rule.names);
  const suffixes = rule.suffixes ?? [];
  const except = rule.except ?? [];
  const childNames = new Set(rule.children?.names);
  const parentSuffixes = rule.children?.parentSuffixes ?? [];
  const matchesName = (name: string): boolean =>
    names.has(name) || (endsWithAny(name, suffixes) && !endsWithAny(name, except));
  return (key) => {
    if (key.isQuestion) return false;
    if (matchesName(key.name)) return true;
    return childNames.has(key.name) && key.parent !== '' && endsWithAny(key.parent, parentSuffixes) && !endsWithAny(key.parent, except);
  };
}

export function endsWithAny(name: string, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (name.endsWith(suffix)) return true;
  return false;
}

/** Whole names of identifiers, counters, amounts and times (the decoys of the digit-shaped types). */
const IDENTIFIER_NAMES = new Set([
  'id', 'ids', 'uuid', 'guid', 'key', 'ts', 'seq', 'sku', 'ver', 'rev', 'count', 'total', 'amount', 'price', 'qty', 'quantity',
  'nonce', 'hash', 'checksum', 'etag', 'epoch', 'time', 'date', 'ref', 'reference', 'build', 'revision', 'port', 'size', 'offset',
  'ean', 'upc', 'isbn', 'gtin', 'ms', 'imei', 'imeisv', 'meid', 'iccid', 'msn',
]);

/** Endings of the same: `orderId`, `invoiceNumber`, `createdAt`, `appVersion`. `number` alone stays open (a card's `number`). */
const IDENTIFIER_SUFFIXES = [
  'id', 'ids', 'uuid', 'guid', 'sku', 'version', 'timestamp', 'time', 'createdat', 'updatedat', 'deletedat', 'expiresat', 'millis',
  'seconds', 'epoch', 'ordernumber', 'orderno', 'invoicenumber', 'invoiceno', 'trackingnumber', 'serialnumber', 'serialno',
  'routingnumber', 'sortcode', 'reference', 'ref', 'count', 'total', 'amount', 'price', 'cents', 'quantity', 'hash', 'checksum',
  'sequence', 'productcode', 'barcode',
];

/** Whether a field name says its value is an identifier, counter, amount or time (not personal data). */
export function isIdentifierKey(key: KeyHint): boolean {
  return IDENTIFIER_NAMES.has(key.name) || endsWithAny(key.name, IDENTIFIER_SUFFIXES);
}
