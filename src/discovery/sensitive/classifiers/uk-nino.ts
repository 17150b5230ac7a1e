// UK National Insurance numbers by HMRC's allocation rules (HMRC National Insurance Manual): two
// prefix letters, six digits, a suffix A-D. D, F, I, Q, U and V are never used in the prefix, O never
// second, and the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated. Alone the value must be in
// capitals with its suffix (`AB123456C`, `AB 12 34 56 C`); under a NINO field, any case and no suffix.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { isDigits } from '../checksums.js';
import { compileKeyRule } from '../key-hint.js';
import { NATIONAL_ID_NAMES } from './national-id-keys.js';

const NEVER_IN_PREFIX = 'DFIQUV';
const UNALLOCATED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

function isPrefixLetter(char: string, position: 0 | 1): boolean {
  if (char < 'A' || char > 'Z' || NEVER_IN_PREFIX.includes(char)) return false;
  return position === 0 || char !== 'O';
}

/** Whether `compact` (no spaces, uppercase) is a NINO; the suffix letter may be missing if `isSuffixOptional`. */
export function isNino(compact: string, isSuffixOptional: boolean): boolean {
  if (compact.length !== 9 && !(isSuffixOptional && compact.length === 8)) return false;
  const prefix = compact.slice(0, 2);
  if (!isPrefixLetter(prefix.charAt(0), 0) || !isPrefixLetter(prefix.charAt(1), 1) || UNALLOCATED_PREFIXES.has(prefix)) return false;
  if (!isDigits(compact.slice(2, 8))) return false;
  const suffix = compact.charAt(8);
  return suffix === '' || (suffix >= 'A' && suffix <= 'D');
}

/** `AB123456C` or HMRC's printed `AB 12 34 56 C`; anything else spaced is not a NINO. */
function compactNino(value: string): string | undefined {
  if (!value.includes(' ')) return value;
  const parts = value.split(' ');
  const isPrinted = parts.length >= 4 && parts.length <= 5 && parts[0]?.length === 2 && parts.slice(1, 4).every((part) => part.length === 2)
    && (parts.length === 4 || parts[4]?.length === 1);
  return isPrinted ? parts.join('') : undefined;
}

export const ukNinoClassifier: SensitiveClassifier = {
  id: 'uk-nino',
  description: 'A UK National Insurance number valid under HMRC prefix and suffix rules.',
  matchKey: compileKeyRule({
    names: [...NATIONAL_ID_NAMES, 'nino', 'nin'],
    suffixes: ['nino', 'ninumber', 'nationalinsurance', 'nationalinsurancenumber', 'nationalinsuranceno', 'insurancenumber'],
  }),
  valueGate: { minLength: 9, maxLength: 13, firstChars: FIRST_CHAR.upper },
  matchValue(value, isKeyMatched) {
    // Alone: `AB123456C` (9) or `AB 12 34 56 C` (13), in capitals.
    if (!isKeyMatched && ((value.length !== 9 && value.length !== 13) || !isPrefixLetter(value.charAt(1), 1))) return false;
    const compact = compactNino(value);
    if (compact === undefined) return false;
    return isKeyMatched ? isNino(compact.toUpperCase(), true) : isNino(compact, false);
  },
};
