// Indian Aadhaar numbers: twelve digits, the first 2-9, the last a Verhoeff check digit (UIDAI),
// plain or printed `2345 6789 0123`. One random twelve-digit number in ten passes Verhoeff, and
// 4-4-4 groups are a common shape for voucher and reference codes, so an Aadhaar number counts only
// under an Aadhaar or national-id field.
import type { SensitiveClassifier } from '../classifier.js';
import { isVerhoeffValid } from '../checksums.js';
import { readDigitGroups } from '../digit-groups.js';
import { compileKeyRule } from '../key-hint.js';
import { NATIONAL_ID_NAMES } from './national-id-keys.js';

export function isAadhaarDigits(digits: string): boolean {
  const first = digits.charCodeAt(0);
  return digits.length === 12 && first >= 50 && first <= 57 && isVerhoeffValid(digits);
}

export const inAadhaarClassifier: SensitiveClassifier = {
  id: 'in-aadhaar',
  description: 'An Indian Aadhaar number with a valid Verhoeff check digit, twelve digits (or 4-4-4) under an Aadhaar or national-id field.',
  matchKey: compileKeyRule({
    names: [...NATIONAL_ID_NAMES, 'uidai'],
    suffixes: ['aadhaar', 'aadhar', 'aadhaarnumber', 'aadharnumber', 'aadhaarno', 'aadharno', 'uidnumber'],
  }),
  matchValue(value, isKeyMatched) {
    if (!isKeyMatched) return false;
    const read = readDigitGroups(value, 3);
    if (read === undefined || !isAadhaarDigits(read.digits)) return false;
    return read.groups.length === 1 || read.groups.every((length) => length === 4);
  },
};
