// Phone numbers. Alone, a value counts only in international form (`+` and a number that is valid
// for its country in libphonenumber's full metadata, ITU-T E.164), since national forms are just
// digits. Under a phone-like field name any value in phone characters with 7 to 15 digits counts
// (ITU-T E.164 numbers have at most 15 digits), so `(415) 555-2671` and `020 7946 0958` are found
// where they are named.
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { compileKeyRule } from '../key-hint.js';

const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/** 7 to 15 digits with the punctuation phone numbers are written with: a leading `+`, spaces, `- . ( ) /`. */
function isPhoneShaped(value: string): boolean {
  let digits = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 43 ? index !== 0 : code !== 32 && code !== 45 && code !== 46 && code !== 40 && code !== 41 && code !== 47) return false;
  }
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}

export const phoneClassifier: SensitiveClassifier = {
  id: 'phone',
  description: 'A phone number: international form (+…) valid for its country, or any phone-shaped number under a phone field.',
  matchKey: compileKeyRule({
    names: ['tel', 'fax', 'cell', 'mobile', 'mobileno', 'phoneno', 'telno', 'contactnumber', 'whatsapp', 'msisdn', 'telefono', 'telefon', 'telefone', 'movil', 'celular', 'portable'],
    suffixes: ['phone', 'phones', 'phonenumber', 'phonenumbers', 'mobilenumber', 'mobilephone', 'telephone', 'telephonenumber', 'cellnumber', 'faxnumber', 'msisdn'],
    children: { parentSuffixes: ['phone', 'phones', 'phonenumber', 'telephone', 'mobile'], names: ['number', 'value', 'e164', 'international', 'national'] },
  }),
  valueGate: { minLength: 8, maxLength: 24, firstChars: FIRST_CHAR.plus },
  isShapeAmbiguous: true,
  matchValue(value, isKeyMatched) {
    if (!isPhoneShaped(value)) return false;
    if (isKeyMatched) return true;
    return value.charCodeAt(0) === 43 && isValidPhoneNumber(value);
  },
};
