// Postal addresses. Under an address, street or postcode field the value needs the shape of one
// (a street line has letters, a space and a house number or several words; a postcode matches a
// national format). Alone a value counts only as a US/UK-style street line: a house number, a name,
// then a street type that ends the line or the first comma (`221B Baker Street`, `1600 Main St, CA`).
import { FIRST_CHAR, type KeyHint, type SensitiveClassifier } from '../classifier.js';
import { compileKeyRule } from '../key-hint.js';

/** Names of network, ledger and email addresses, which end like postal ones. */
const NOT_POSTAL = [
  'ipaddress', 'emailaddress', 'mailaddress', 'macaddress', 'walletaddress', 'contractaddress', 'serveraddress', 'hostaddress',
  'remoteaddress', 'localaddress', 'clientaddress', 'peeraddress', 'bindaddress', 'listenaddress', 'networkaddress', 'webaddress',
  'bitcoinaddress', 'ethaddress', 'btcaddress', 'nodeaddress', 'socketaddress', 'publicaddress', 'deliveryemailaddress', 'urladdress',
];

const isStreetKey = compileKeyRule({
  suffixes: ['address', 'addresses', 'streetaddress', 'addressline', 'addressline1', 'addressline2', 'addressline3', 'street', 'streetname', 'streetline'],
  except: NOT_POSTAL,
  children: { parentSuffixes: ['address', 'addresses', 'billing', 'shipping', 'residence'], names: ['line1', 'line2', 'line3', 'street', 'street1', 'street2', 'streetline1'] },
});

const isPostcodeKey = compileKeyRule({
  names: ['zip', 'postcode', 'postalcode', 'zipcode', 'plz', 'cep', 'pincode'],
  suffixes: ['zip', 'zipcode', 'postcode', 'postalcode'],
});

// National postcode formats: US ZIP(+4), UK (BS 7666), Canada, NL, 4-6 digit (DE, FR, AU, IN...),
// PL/JP/BR dashed. Bounded, anchored, no nested repetition.
const POSTCODES: readonly RegExp[] = [
  /^\d{5}(?:-\d{4})?$/, /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, /^\d{4} ?[A-Z]{2}$/i,
  /^\d{4,6}$/, /^\d{2}-\d{3}$/, /^\d{3}-\d{4}$/, /^\d{5}-\d{3}$/,
];

const STREET_TYPES = new Set([
  'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct', 'place', 'pl', 'terrace',
  'parkway', 'pkwy', 'highway', 'hwy', 'square', 'sq', 'close', 'crescent', 'way', 'circle', 'cir', 'trail',
]);

/** A street line under an address field: letters, a space, and a digit or three words; no URL or email. */
function isStreetValue(value: string): boolean {
  if (value.length < 5 || value.length > 300 || !value.includes(' ') || value.includes('@') || value.includes('://')) return false;
  const hasLetter = /[A-Za-z\u00C0-\u024F]/.test(value);
  return hasLetter && (/\d/.test(value) || value.split(' ').length >= 3);
}

/** `<house number> <name…> <street type>[, …]`: the whole first comma-separated part of the value. */
export function isStreetLine(value: string): boolean {
  if (!value.includes(' ')) return false;
  const comma = value.indexOf(',');
  const words = (comma === -1 ? value : value.slice(0, comma)).split(' ');
  if (words.length < 3 || words.length > 8) return false;
  if (!/^\d{1,6}[A-Za-z]?$/.test(words[0] ?? '')) return false;
  const last = (words[words.length - 1] ?? '').toLowerCase().replace(/\.$/, '');
  return STREET_TYPES.has(last) && words.slice(1, -1).every((word) => /^[A-Za-z][A-Za-z'.-]{0,30}$/.test(word));
}

function matchKey(key: KeyHint): boolean {
  return isStreetKey(key) || isPostcodeKey(key);
}

export const postalAddressClassifier: SensitiveClassifier = {
  id: 'postal-address',
  description: 'A postal address: a street line or postcode under an address field, or a "<number> <name> <street type>" line.',
  matchKey,
  valueGate: { minLength: 8, maxLength: 200, firstChars: FIRST_CHAR.digit },
  matchValue(value, isKeyMatched) {
    if (!isKeyMatched) return isStreetLine(value);
    return isStreetValue(value) || POSTCODES.some((pattern) => pattern.test(value));
  },
};
