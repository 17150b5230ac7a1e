// Which fields of an answer are sensitive: by name (passwordHash, ssn, apiKey... which discovery's
// classifier leaves to values) or by value, through discovery's own classifier, so scan and
// discovery agree on what personal data and secrets look like.
import { createSensitiveClassifier, type SensitiveType } from '../../../discovery/sensitive/index.js';
import { normalizeName } from './privilege-fields.js';

/**
 * Normalised names of credentials, secrets and identity documents (OWASP API3:2023): names ending in
 * one of these (`passwordHash`, `resetToken`, `clientSecret`), or holding one of the unambiguous ones.
 */
const SECRET_SUFFIXES = ['password', 'passwordhash', 'passwordsalt', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'privatekey', 'salt', 'otp', 'pin', 'ssn', 'cvv', 'cvc', 'iban', 'dob'];
const SECRET_PARTS = ['socialsecurity', 'taxid', 'nationalid', 'passportnumber', 'creditcard', 'cardnumber', 'accountnumber', 'routingnumber', 'dateofbirth'];
const isSecretName = (key: string): boolean => SECRET_SUFFIXES.some((suffix) => key.endsWith(suffix)) || SECRET_PARTS.some((part) => key.includes(part));
/** Types that are personal data rather than a secret: exposure is medium, not high. */
const PERSONAL_TYPES = new Set<SensitiveType>(['email', 'phone', 'ip-address', 'postal-address', 'date-of-birth']);

export interface SensitiveField {
  /** JSON pointer in the answer. */
  readonly pointer: string;
  readonly name: string;
  /** Why: the name, or the classifier's types. */
  readonly reason: string;
  /** A credential, secret or identity number, not only personal data. */
  readonly isSecret: boolean;
}

const classifier = createSensitiveClassifier();

export function sensitiveField(pointer: string, name: string, value: unknown, parentName?: string): SensitiveField | undefined {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return undefined;
  if (isSecretName(normalizeName(name))) return { pointer, name, reason: 'name', isSecret: true };
  const types = typeof value === 'object' ? [] : classifier.classify(name, value, parentName);
  if (types.length === 0) return undefined;
  return { pointer, name, reason: types.join('+'), isSecret: types.some((type) => !PERSONAL_TYPES.has(type)) };
}
