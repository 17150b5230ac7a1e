// The explicit list of built-in classifiers, in the order their types are reported. Adding one is a
// file beside this one, a vectors file, a line here and its id in BUILTIN_SENSITIVE_TYPES.
import type { SensitiveClassifier } from '../classifier.js';
import { apiKeyClassifier } from './api-key.js';
import { caSinClassifier } from './ca-sin.js';
import { cardSecurityCodeClassifier } from './card-security-code.js';
import { dateOfBirthClassifier } from './date-of-birth.js';
import { emailClassifier } from './email.js';
import { esDniClassifier } from './es-dni.js';
import { ibanClassifier } from './iban.js';
import { inAadhaarClassifier } from './in-aadhaar.js';
import { ipAddressClassifier } from './ip-address.js';
import { jwtClassifier } from './jwt.js';
import { nlBsnClassifier } from './nl-bsn.js';
import { passwordClassifier } from './password.js';
import { paymentCardClassifier } from './payment-card.js';
import { phoneClassifier } from './phone.js';
import { postalAddressClassifier } from './postal-address.js';
import { secretClassifier } from './secret.js';
import { ukNinoClassifier } from './uk-nino.js';
import { usSsnClassifier } from './us-ssn.js';

export const BUILTIN_CLASSIFIERS: readonly SensitiveClassifier[] = [
  emailClassifier,
  phoneClassifier,
  paymentCardClassifier,
  cardSecurityCodeClassifier,
  ibanClassifier,
  usSsnClassifier,
  ukNinoClassifier,
  caSinClassifier,
  nlBsnClassifier,
  esDniClassifier,
  inAadhaarClassifier,
  jwtClassifier,
  apiKeyClassifier,
  passwordClassifier,
  secretClassifier,
  ipAddressClassifier,
  postalAddressClassifier,
  dateOfBirthClassifier,
];
