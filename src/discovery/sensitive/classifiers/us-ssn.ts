// US Social Security numbers, by the Social Security Administration's rules: area 001-899 except
// 666, group 01-99, serial 0001-9999 (SSA, "Social Security Number Randomization", 2011). Alone
// only the printed form `123-45-6789` (or with spaces) counts; nine plain digits count under an SSN
// field. Numbers the SSA voided after they were printed in advertising are excluded.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { readDigitGroups } from '../digit-groups.js';
import { compileKeyRule } from '../key-hint.js';
import { NATIONAL_ID_NAMES } from './national-id-keys.js';

/** Printed in wallet inserts and ads, then voided by the SSA (078-05-1120 is the Woolworth card). */
const VOIDED = new Set(['078051120', '219099999']);

export function isSsnDigits(digits: string): boolean {
  if (digits.length !== 9 || VOIDED.has(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  // 900-999 are ITINs and other non-SSN numbers; 666 is never assigned.
  return area > 0 && area !== 666 && area < 900 && group > 0 && serial > 0;
}

export const usSsnClassifier: SensitiveClassifier = {
  id: 'us-ssn',
  description: 'A US Social Security number valid under SSA rules: AAA-GG-SSSS alone, nine digits under an SSN field.',
  matchKey: compileKeyRule({
    names: [...NATIONAL_ID_NAMES, 'ssn', 'ssnumber'],
    suffixes: ['ssn', 'socialsecurity', 'socialsecuritynumber', 'socialsecurityno', 'socialsecuritynum'],
  }),
  valueGate: { minLength: 11, maxLength: 11, firstChars: FIRST_CHAR.digit },
  isShapeAmbiguous: true,
  matchValue(value, isKeyMatched) {
    const read = readDigitGroups(value, 3);
    if (read === undefined || !isSsnDigits(read.digits)) return false;
    const isPrinted = read.groups.length === 3 && read.groups[0] === 3 && read.groups[1] === 2;
    return isPrinted || (isKeyMatched && read.groups.length === 1);
  },
};
