// Payment card numbers (PANs): 12 to 19 digits, printed whole or in groups, that pass the Luhn check
// of ISO/IEC 7812-1 and start with an issuer identification number (IIN) a card network uses, at a
// length that network issues. The IIN and length rules reject most Luhn-valid numbers that are not
// cards (timestamps start with 1, most order numbers are the wrong length for their first digits).
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { isLuhnValid } from '../checksums.js';
import { readDigitGroups } from '../digit-groups.js';
import { compileKeyRule } from '../key-hint.js';

interface IinRange {
  readonly network: string;
  /** Inclusive range of the first `from.length` digits. */
  readonly from: string;
  readonly to: string;
  /** The lengths the network issues (Visa: 13, 16 and 19 only; a 15-digit number starting with 4 is no Visa). */
  readonly lengths: readonly number[];
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];
const range = (network: string, from: string, to: string, lengths: readonly number[]): IinRange => ({ network, from, to, lengths });

// Published IIN ranges of the networks (ISO/IEC 7812 registrations as the networks document them).
const IIN_RANGES: readonly IinRange[] = [
  range('visa', '4', '4', [13, 16, 19]),
  range('mastercard', '51', '55', [16]),
  range('mastercard', '2221', '2720', [16]),
  range('amex', '34', '34', [15]),
  range('amex', '37', '37', [15]),
  range('discover', '6011', '6011', SIXTEEN_TO_NINETEEN),
  range('discover', '644', '649', SIXTEEN_TO_NINETEEN),
  range('discover', '65', '65', SIXTEEN_TO_NINETEEN),
  range('jcb', '3528', '3589', SIXTEEN_TO_NINETEEN),
  range('diners', '300', '305', [14, 15, 16, 17, 18, 19]),
  range('diners', '36', '36', [14, 15, 16, 17, 18, 19]),
  range('diners', '38', '39', [16, 17, 18, 19]),
  range('unionpay', '62', '62', SIXTEEN_TO_NINETEEN),
  range('mir', '2200', '2204', SIXTEEN_TO_NINETEEN),
  range('maestro', '5018', '5018', [12, 13, 14, 15, 16, 17, 18, 19]),
  range('maestro', '5020', '5020', [12, 13, 14, 15, 16, 17, 18, 19]),
  range('maestro', '5038', '5038', [12, 13, 14, 15, 16, 17, 18, 19]),
  range('maestro', '5893', '5893', [12, 13, 14, 15, 16, 17, 18, 19]),
  range('maestro', '6304', '6304', [12, 13, 14, 15, 16, 17, 18, 19]),
  range('maestro', '6759', '6763', [12, 13, 14, 15, 16, 17, 18, 19]),
  range('rupay', '60', '60', [16]),
  range('rupay', '508', '508', [16]),
];

/** The network whose IIN range and lengths fit `digits`, if any. */
export function cardNetwork(digits: string): string | undefined {
  for (const { network, from, to, lengths } of IIN_RANGES) {
    if (!lengths.includes(digits.length)) continue;
    const prefix = digits.slice(0, from.length);
    if (prefix >= from && prefix <= to) return network;
  }
  return undefined;
}

/** The digits of a card number written whole or in groups of 3 to 6 (`4242 4242 4242 4242`, Amex 4-6-5). */
export function cardDigits(value: string): string | undefined {
  const read = readDigitGroups(value, 5);
  if (read === undefined || read.digits.length < 12 || read.digits.length > 19) return undefined;
  if (read.groups.length > 1 && read.groups.some((length) => length < 3 || length > 6)) return undefined;
  return read.digits;
}

export const paymentCardClassifier: SensitiveClassifier = {
  id: 'payment-card',
  description: 'A payment card number: Luhn-valid (ISO/IEC 7812) with a known network IIN and length.',
  matchKey: compileKeyRule({
    names: ['pan'],
    suffixes: ['cardnumber', 'cardno', 'cardnum', 'creditcard', 'debitcard', 'ccnumber', 'ccnum', 'primaryaccountnumber', 'cardpan'],
    children: { parentSuffixes: ['card', 'creditcard', 'debitcard', 'paymentcard', 'paymentmethod'], names: ['number', 'num', 'pan'] },
  }),
  valueGate: { minLength: 12, maxLength: 23, firstChars: FIRST_CHAR.digit },
  isShapeAmbiguous: true,
  matchValue(value, isKeyMatched) {
    const digits = cardDigits(value);
    if (digits === undefined || !isLuhnValid(digits)) return false;
    // Under a card field a new or unlisted IIN is still a card; alone the IIN must be known.
    return isKeyMatched ? digits.charCodeAt(0) !== 48 : cardNetwork(digits) !== undefined;
  },
};
