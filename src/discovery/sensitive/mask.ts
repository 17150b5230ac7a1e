// Masked samples: what the inventory keeps of a sensitive value instead of the value. Each rule keeps
// at most a few characters that help a person recognise the kind of value (a card's last four, an
// email's initials and top-level domain, an API key's issuer prefix) and nothing that could be used
// or reversed. One rule per type, in MASK_RULES.
import ipaddr from 'ipaddr.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { maskSecret } from '../../core/mask.js';
import type { SensitiveType } from './classifier.js';
import { apiKeyPrefix } from './classifiers/api-key.js';
import { emailAddressOf } from './classifiers/email.js';
import { electronicIban } from './classifiers/iban.js';
import { withoutPort } from './classifiers/ip-address.js';
import { jwtAlgorithm, withoutBearer } from './classifiers/jwt.js';
import { isPemPrivateKey } from './classifiers/secret.js';

const HIDDEN = '***';

/** `***(n)`: the notation of core/mask for a value reduced to its length. */
const lengthOnly = (value: string): string => `${HIDDEN}(${Array.from(value).length})`;

function digitsOf(value: string): string {
  let digits = '';
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += value.charAt(index);
  }
  return digits;
}

/** Letters and digits become `*`, separators stay: `123-45-6789` → `***-**-****`. Shows the format only. */
function formatOnly(value: string): string {
  let out = '';
  for (const char of value.slice(0, 40)) out += /[\p{L}\p{N}]/u.test(char) ? '*' : char;
  return out;
}

/** `jane.doe@example.co.uk` → `j***@e***.uk`: two initials and the top-level domain. */
function maskEmail(value: string): string {
  const address = emailAddressOf(value);
  const at = address.lastIndexOf('@');
  const dot = address.lastIndexOf('.');
  if (at <= 0 || dot < at + 2) return HIDDEN;
  return `${Array.from(address)[0] ?? ''}${HIDDEN}@${address.charAt(at + 1)}${HIDDEN}${address.slice(dot, dot + 12)}`;
}

/** `+44 20 7946 0958` → `+44 ***58`: the country calling code (E.164) and the last two digits. */
function maskPhone(value: string): string {
  const digits = digitsOf(value);
  if (digits.length < 7) return HIDDEN;
  const last = digits.slice(-2);
  if (!value.startsWith('+')) return `${HIDDEN}${last}`;
  const code = parsePhoneNumberFromString(value)?.countryCallingCode;
  return code === undefined ? `+${HIDDEN}${last}` : `+${code} ${HIDDEN}${last}`;
}

/** Last four digits only: fewer than PCI DSS 3.4.1 allows to display (first six and last four). */
function maskCard(value: string): string {
  const digits = digitsOf(value);
  return digits.length >= 12 ? `**** **** **** ${digits.slice(-4)}` : '****';
}

/** `DE89 3704 0044 0532 0130 00` → `DE** **** **** 3000`: the country (public) and the last four. */
function maskIban(value: string): string {
  const iban = electronicIban(value);
  if (iban === undefined || iban.length < 15) return '****';
  return `${iban.slice(0, 2)}** **** **** ${iban.slice(-4)}`;
}

/** The header's `alg` only (sanitised: it is sender-chosen text); claims and signature never. */
function maskJwt(value: string): string {
  const alg = jwtAlgorithm(withoutBearer(value));
  const shown = alg !== undefined && /^[A-Za-z0-9+_.-]{1,16}$/.test(alg) ? alg : '?';
  return `eyJ…(jwt, alg ${shown})`;
}

/** The issuer's fixed prefix (public, e.g. `ghp_`, `sk_live_`) and the length. */
function maskApiKey(value: string): string {
  const prefix = apiKeyPrefix(value);
  return prefix === undefined ? lengthOnly(value) : `${prefix}${lengthOnly(value)}`;
}

/** A PEM key keeps its BEGIN line (the key type); any other secret only its length. */
function maskSecretValue(value: string): string {
  if (!isPemPrivateKey(value)) return lengthOnly(value);
  return `${value.slice(0, value.indexOf('-----', 11) + 5)}${lengthOnly(value)}`;
}

/** IPv4 keeps its first octet (`203.*.*.*`), IPv6 its first group (`2001:*`): the network's rough owner at most. */
function maskIp(text: string): string {
  const value = withoutPort(text);
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return `${value.slice(0, value.indexOf('.'))}.*.*.*`;
  if (ipaddr.IPv6.isValid(value)) return `${(ipaddr.IPv6.parse(value).parts[0] ?? 0).toString(16)}:*`;
  return HIDDEN;
}

const MASK_RULES: Readonly<Record<string, (value: string) => string>> = {
  'email': maskEmail,
  'phone': maskPhone,
  'payment-card': maskCard,
  'card-security-code': () => HIDDEN,
  'iban': maskIban,
  'us-ssn': formatOnly,
  'uk-nino': formatOnly,
  'ca-sin': formatOnly,
  'nl-bsn': formatOnly,
  'es-dni': formatOnly,
  'in-aadhaar': formatOnly,
  'jwt': maskJwt,
  'api-key': maskApiKey,
  'password': () => '********',
  'secret': maskSecretValue,
  'ip-address': maskIp,
  'postal-address': lengthOnly,
  'date-of-birth': formatOnly,
};

/**
 * A masked sample of `value`, a value `classify` reported as `type`. Custom types go through
 * core's maskSecret (a 4-character prefix from 12 characters on: custom ids often have a fixed
 * prefix such as `EMP-`). Values of other kinds than strings and numbers, and unknown types, give `***`.
 */
export function maskSample(type: SensitiveType, value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
  if (text === undefined || text === '') return HIDDEN;
  if (type.startsWith('custom:')) return maskSecret(text);
  const rule = MASK_RULES[type];
  return rule === undefined ? HIDDEN : rule(text);
}
