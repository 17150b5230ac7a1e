// International Bank Account Numbers (ISO 13616-1): a country code, two check digits and the
// country's BBAN, at the exact length the IBAN registry fixes for that country, passing ISO 7064
// MOD 97-10. Electronic form (no spaces) or print form (groups of four), any letter case.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { isIbanChecksumValid } from '../checksums.js';

/** IBAN lengths by country, from the SWIFT IBAN registry. */
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(Object.entries({
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19,
  SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
}));

/** The IBAN in electronic form (uppercase, no spaces), or undefined if `value` is not written as one. */
export function electronicIban(value: string): string | undefined {
  let iban = '';
  let groupLength = 0;
  let isPrintForm = false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 32) {
      // Print form (ISO 13616-1): groups of exactly four, separated by one space.
      if (groupLength !== 4) return undefined;
      groupLength = 0;
      isPrintForm = true;
      continue;
    }
    const isDigit = code >= 48 && code <= 57;
    const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!isDigit && !isLetter) return undefined;
    iban += value.charAt(index).toUpperCase();
    groupLength++;
  }
  return isPrintForm && groupLength > 4 ? undefined : iban;
}

const isLetterCode = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;

export function isIban(value: string): boolean {
  // Two letters and two check digits first: most strings stop here.
  if (!isLetterCode(value.charCodeAt(1)) || !isDigitCode(value.charCodeAt(2)) || !isDigitCode(value.charCodeAt(3))) return false;
  const iban = electronicIban(value);
  if (iban === undefined || IBAN_LENGTHS.get(iban.slice(0, 2)) !== iban.length) return false;
  return isIbanChecksumValid(iban);
}

export const ibanClassifier: SensitiveClassifier = {
  id: 'iban',
  description: 'An IBAN (ISO 13616): registered country length and a valid ISO 7064 MOD 97-10 check.',
  valueGate: { minLength: 15, maxLength: 41, firstChars: FIRST_CHAR.upper | FIRST_CHAR.lower },
  matchValue: (value) => isIban(value),
};
