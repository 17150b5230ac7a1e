// Dutch citizen service numbers (burgerservicenummer): nine digits (eight with the leading zero
// dropped) passing the "elfproef" (11-test) of the BSN specification. One random nine-digit number in
// eleven passes, so a BSN counts only under a field named for it or for a national identifier.
import type { SensitiveClassifier } from '../classifier.js';
import { isDigits, isElevenProofValid } from '../checksums.js';
import { compileKeyRule } from '../key-hint.js';
import { NATIONAL_ID_NAMES } from './national-id-keys.js';

export function isBsn(value: string): boolean {
  if (!isDigits(value, 8, 9)) return false;
  const digits = value.length === 8 ? `0${value}` : value;
  return digits !== '000000000' && isElevenProofValid(digits);
}

export const nlBsnClassifier: SensitiveClassifier = {
  id: 'nl-bsn',
  description: 'A Dutch BSN passing the 11-test, under a BSN or national-id field.',
  matchKey: compileKeyRule({
    names: [...NATIONAL_ID_NAMES, 'bsn', 'sofinr'],
    suffixes: ['bsn', 'bsnnummer', 'burgerservicenummer', 'sofinummer'],
  }),
  matchValue: (value, isKeyMatched) => isKeyMatched && isBsn(value),
};
