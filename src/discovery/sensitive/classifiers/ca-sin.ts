// Canadian Social Insurance Numbers: nine digits passing the Luhn check (ISO/IEC 7812-1 Annex B, as
// Employment and Social Development Canada specifies), any first digit but 8 (business numbers); 0 is
// never assigned, but fictitious SINs for training and tests use it and are found on purpose. One
// random nine-digit number in ten passes Luhn, and the printed `046 454 286` shape is also how Spanish
// phone numbers are written, so a SIN counts only under a SIN or national-id field (plain or printed).
import type { SensitiveClassifier } from '../classifier.js';
import { isLuhnValid } from '../checksums.js';
import { readDigitGroups } from '../digit-groups.js';
import { compileKeyRule } from '../key-hint.js';
import { NATIONAL_ID_NAMES } from './national-id-keys.js';

export function isSinDigits(digits: string): boolean {
  return digits.length === 9 && digits.charAt(0) !== '8' && isLuhnValid(digits);
}

export const caSinClassifier: SensitiveClassifier = {
  id: 'ca-sin',
  description: 'A Canadian Social Insurance Number: Luhn-valid, nine digits (or 3-3-3) under a SIN or national-id field.',
  matchKey: compileKeyRule({
    names: [...NATIONAL_ID_NAMES, 'sin', 'nas'],
    suffixes: ['sinnumber', 'socialinsurancenumber', 'socialinsuranceno', 'socialinsurance'],
  }),
  matchValue(value, isKeyMatched) {
    if (!isKeyMatched) return false;
    const read = readDigitGroups(value, 3);
    if (read === undefined || !isSinDigits(read.digits)) return false;
    return read.groups.length === 1 || read.groups.every((length) => length === 3);
  },
};
