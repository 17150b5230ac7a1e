// Check-digit algorithms of the identifiers we recognise. Each takes a string of ASCII digits (or,
// for IBAN, uppercase letters and digits) already checked for shape, and never allocates per digit.

/** Luhn (ISO/IEC 7812-1 Annex B): payment cards and Canadian SINs. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let isDoubled = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (isDoubled) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    isDoubled = !isDoubled;
  }
  return sum % 10 === 0;
}

/**
 * ISO 7064 MOD 97-10 as ISO 13616 applies it to an IBAN: move the first four characters to the end,
 * read letters as 10..35, and the number must leave 1 modulo 97. Computed digit by digit, so the
 * 30-plus-digit number never needs a bigint.
 */
export function isIbanChecksumValid(iban: string): boolean {
  let remainder = 0;
  for (let step = 0; step < iban.length; step++) {
    const code = iban.charCodeAt((step + 4) % iban.length);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else {
      remainder = (remainder * 100 + (code - 55)) % 97;
    }
  }
  return remainder === 1;
}

// Verhoeff's dihedral-group tables (J. Verhoeff, 1969): multiplication in D5, and the permutation
// applied at each position. UIDAI uses it for the last digit of an Aadhaar number.
const VERHOEFF_D: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 8, 7, 0, 6], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff check (the last digit is the check digit): catches every single-digit error and adjacent swap. */
export function isVerhoeffValid(digits: string): boolean {
  let check = 0;
  for (let step = 0; step < digits.length; step++) {
    const digit = digits.charCodeAt(digits.length - 1 - step) - 48;
    const permuted = VERHOEFF_P[step % 8]?.[digit] ?? 0;
    check = VERHOEFF_D[check]?.[permuted] ?? 0;
  }
  return check === 0;
}

/**
 * The Dutch "elfproef" for a BSN (9 digits): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be a multiple of 11
 * (as used under the Wet algemene bepalingen burgerservicenummer).
 */
export function isElevenProofValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += (9 - index) * (digits.charCodeAt(index) - 48);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** The control letters of Spanish DNI/NIE numbers, indexed by the number modulo 23 (Real Decreto 1553/2005). */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** The control letter of a DNI number (for a NIE, the number after X/Y/Z became 0/1/2). */
export function dniControlLetter(number: number): string {
  return DNI_LETTERS.charAt(number % 23);
}

/** Whether `text` is made of ASCII digits only, between `min` and `max` of them. */
export function isDigits(text: string, min = 1, max = Number.MAX_SAFE_INTEGER): boolean {
  if (text.length < min || text.length > max) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
