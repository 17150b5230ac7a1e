// Spanish DNI and NIE numbers: eight digits (NIE: X, Y or Z and seven digits, the letter read as 0,
// 1 or 2) and a control letter, the number modulo 23 looked up in TRWAGMYFPDXBNJZSQVHLCKE
// (Ministerio del Interior; the DNI is regulated by Real Decreto 1553/2005). Alone the value must
// be uppercase (`12345678Z`, `X1234567L`, a dash before the letter allowed); under a DNI/NIE/NIF
// field, any case.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { dniControlLetter, isDigits } from '../checksums.js';
import { compileKeyRule } from '../key-hint.js';
import { NATIONAL_ID_NAMES } from './national-id-keys.js';

const NIE_PREFIX: Readonly<Record<string, string>> = { X: '0', Y: '1', Z: '2' };

/** Whether `value` (uppercase) is a DNI or NIE with the right control letter. */
export function isDniOrNie(value: string): boolean {
  const last = value.charCodeAt(value.length - 1);
  if (last < 65 || last > 90) return false;
  const compact = value.length === 10 && value.charAt(8) === '-' ? value.slice(0, 8) + value.charAt(9) : value;
  if (compact.length !== 9) return false;
  const first = compact.charAt(0);
  const body = (NIE_PREFIX[first] ?? first) + compact.slice(1, 8);
  if (!isDigits(body)) return false;
  return compact.charAt(8) === dniControlLetter(Number(body));
}

export const esDniClassifier: SensitiveClassifier = {
  id: 'es-dni',
  description: 'A Spanish DNI or NIE number with a valid control letter (mod 23).',
  matchKey: compileKeyRule({
    names: [...NATIONAL_ID_NAMES, 'dni', 'nie', 'nif'],
    suffixes: ['dni', 'nie', 'nif', 'numerodni', 'documentonacionaldeidentidad', 'numeroidentificacionextranjero'],
  }),
  valueGate: { minLength: 9, maxLength: 10, firstChars: FIRST_CHAR.digit | FIRST_CHAR.upper },
  matchValue: (value, isKeyMatched) => isDniOrNie(isKeyMatched ? value.toUpperCase() : value),
};
