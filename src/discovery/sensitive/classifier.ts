// The contract every sensitive-data classifier follows, and the vocabulary of types they report.

/** Built-in types, in the order results are reported. A test keeps the registry in step with this list. */
export const BUILTIN_SENSITIVE_TYPES = [
  'email',
  'phone',
  'payment-card',
  'card-security-code',
  'iban',
  'us-ssn',
  'uk-nino',
  'ca-sin',
  'nl-bsn',
  'es-dni',
  'in-aadhaar',
  'jwt',
  'api-key',
  'password',
  'secret',
  'ip-address',
  'postal-address',
  'date-of-birth',
] as const;

export type BuiltinSensitiveType = (typeof BUILTIN_SENSITIVE_TYPES)[number];

/** A built-in type, or a type declared in the configuration (`custom:employee-id`). */
export type SensitiveType = BuiltinSensitiveType | `custom:${string}`;

/**
 * A field name as classifiers see it: lowercased with everything but letters and digits removed, so
 * `dateOfBirth`, `date_of_birth` and `DATE-OF-BIRTH` all read `dateofbirth`.
 */
export interface KeyHint {
  readonly name: string;
  /** The enclosing object's key (for an array item, the array's key), normalised alike; '' if none. */
  readonly parent: string;
  /** The name asks a yes/no question about the value (`hasPassword`, `is_email_verified`): it never names data. */
  readonly isQuestion: boolean;
}

/** First-character classes, as bits: a value-only check runs only on values starting with one of its classes. */
export const FIRST_CHAR = {
  digit: 1,
  upper: 2,
  lower: 4,
  plus: 8,
  other: 16,
} as const;

export const ANY_FIRST_CHAR = 31;

/** The cheap gate in front of a value-only check. */
export interface ValueGate {
  readonly minLength: number;
  readonly maxLength: number;
  /** FIRST_CHAR bits the value may start with. */
  readonly firstChars: number;
}

/**
 * One kind of sensitive data. How key and value combine:
 * - a field name that `matchKey` accepts makes the classifier run on any value, with `isKeyMatched`
 *   true, which lets a weaker value shape through (a plain 9-digit SSN under `ssn`);
 * - without it the classifier runs only if it has a `valueGate` the value passes, and the value alone
 *   must be conclusive (a Luhn-valid card number with a known IIN);
 * - a classifier without `valueGate` is key-only (passwords: any value under `password`).
 */
export interface SensitiveClassifier {
  readonly id: SensitiveType;
  readonly description: string;
  matchKey?(key: KeyHint): boolean;
  readonly valueGate?: ValueGate;
  /** The value is trimmed and non-empty; integers arrive as their digits. */
  matchValue(value: string, isKeyMatched: boolean): boolean;
  /**
   * A shape that ordinary identifiers, counters and timestamps can take by chance (digits mostly):
   * the value-only check is skipped under a field named like one (`orderNumber`, `id`, `version`).
   */
  readonly isShapeAmbiguous?: boolean;
  /** Reported only when no other type matched: a generic verdict a more precise one replaces. */
  readonly isFallback?: boolean;
}

/** The FIRST_CHAR bit of a UTF-16 code unit. */
export function firstCharClass(code: number): number {
  if (code >= 48 && code <= 57) return FIRST_CHAR.digit;
  if (code >= 65 && code <= 90) return FIRST_CHAR.upper;
  if (code >= 97 && code <= 122) return FIRST_CHAR.lower;
  if (code === 43) return FIRST_CHAR.plus;
  return FIRST_CHAR.other;
}
