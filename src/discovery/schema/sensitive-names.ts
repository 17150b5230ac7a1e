// Field names whose values inference never keeps or emits (no enum, example or bounds): credentials,
// secrets and payment data (OWASP API3:2023, excessive data exposure, applies to our own exports too).

/** Matched anywhere in the name once it is lower-cased with separators removed ("api_key" → "apikey"). */
const SENSITIVE_PARTS = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'privatekey',
  'authorization', 'credential', 'session', 'cookie', 'signature', 'cardnumber', 'creditcard',
  'securitycode', 'iban', 'accountnumber', 'socialsecurity',
] as const;

/** Matched only as the whole name: as parts they occur inside ordinary words ("shipping", "pinned"). */
const SENSITIVE_NAMES = new Set(['pin', 'otp', 'cvv', 'cvc', 'ssn', 'pan', 'auth', 'jwt', 'sid', 'key']);

/** Lower-cases and drops everything but letters and digits, so camelCase, snake_case and kebab-case compare alike. */
function squash(name: string): string {
  let out = '';
  for (const char of name.toLowerCase()) {
    if ((char >= 'a' && char <= 'z') || (char >= '0' && char <= '9')) out += char;
  }
  return out;
}

/** True for names of fields that hold secrets or payment data, whatever their casing or separators. */
export function isSensitiveFieldName(name: string): boolean {
  // Names past 128 characters are not field names people choose; the check stays cheap on hostile keys.
  const squashed = squash(name.length > 128 ? name.slice(0, 128) : name);
  if (SENSITIVE_NAMES.has(squashed)) return true;
  for (const part of SENSITIVE_PARTS) {
    if (squashed.includes(part)) return true;
  }
  return false;
}
