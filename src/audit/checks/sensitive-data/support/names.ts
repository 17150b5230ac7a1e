// What a field holds, read from its name: `customer_email` holds an email address, `cardNumberLast4`
// only a masked part of a card number, `passwordChangedAt` a date and not a password. Names are split
// into lowercase words by hand (separators, camelCase, acronyms), and runs of consecutive words are
// joined so `credit_card_number`, `creditCardNumber` and `CREDITCARDNUMBER` read alike; no regular
// expression runs over names.

/** The words of an identifier, lowercased: `imageURLPath` is image, url, path. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let index = 0; index < name.length; index++) {
    const kind = charKind(name.charCodeAt(index));
    if (kind === 'other') {
      if (current !== '') words.push(current);
      current = '';
      continue;
    }
    const previous = index > 0 ? charKind(name.charCodeAt(index - 1)) : 'other';
    const next = index + 1 < name.length ? charKind(name.charCodeAt(index + 1)) : 'other';
    // A word starts at a capital after a lowercase letter or digit (`userId`), and at the last
    // capital of an acronym followed by lowercase (`URLPath`: the P).
    const startsWord = kind === 'upper' && (previous === 'lower' || previous === 'digit' || (previous === 'upper' && next === 'lower'));
    if (startsWord && current !== '') {
      words.push(current);
      current = '';
    }
    current += name.charAt(index).toLowerCase();
  }
  if (current !== '') words.push(current);
  return words;
}

function charKind(code: number): 'upper' | 'lower' | 'digit' | 'other' {
  if (code >= 65 && code <= 90) return 'upper';
  if (code >= 97 && code <= 122) return 'lower';
  if (code >= 48 && code <= 57) return 'digit';
  return 'other';
}

/** Personal data by the term that names it, with how findings call it. */
const PERSONAL_TERMS: ReadonlyMap<string, PersonalKind> = termMap({
  email: ['email', 'emailaddress'],
  phone: ['phone', 'phonenumber', 'telephone', 'mobilenumber', 'mobilephone', 'mobileno', 'cellphone', 'msisdn'],
  identity: [
    'ssn', 'socialsecurity', 'socialsecuritynumber', 'nationalid', 'nationalidnumber', 'nationalidentifier', 'taxid', 'taxnumber',
    'taxidentificationnumber', 'passport', 'passportnumber', 'passportno', 'driverlicense', 'driverslicense', 'driverlicence',
    'driverslicence', 'drivinglicense', 'drivinglicence',
  ],
  birth: ['dob', 'dateofbirth', 'birthdate', 'birthday'],
  card: ['cardnumber', 'cardno', 'creditcard', 'creditcardnumber', 'debitcard', 'debitcardnumber', 'ccnumber', 'primaryaccountnumber'],
  cardCode: ['cvv', 'cvv2', 'cvc', 'cvc2', 'cardverificationvalue', 'cardverificationcode', 'cardsecuritycode'],
  // Sort codes and routing numbers name a bank branch, and are published: not personal on their own.
  bank: ['iban', 'accountnumber', 'bankaccount', 'bankaccountnumber'],
  name: ['firstname', 'lastname', 'fullname', 'givenname', 'familyname', 'surname', 'middlename', 'maidenname'],
  address: ['address', 'streetaddress', 'homeaddress', 'postaladdress', 'billingaddress', 'shippingaddress', 'mailingaddress', 'street'],
});

export type PersonalKind = 'email' | 'phone' | 'identity' | 'birth' | 'card' | 'cardCode' | 'bank' | 'name' | 'address';

export const PERSONAL_LABELS: Readonly<Record<PersonalKind, string>> = {
  email: 'an email address',
  phone: 'a phone number',
  identity: 'a national identity or tax number',
  birth: 'a date of birth',
  card: 'a payment card number',
  cardCode: 'a card security code',
  bank: 'a bank account number',
  name: 'a person\'s name',
  address: 'a postal address',
};

/** The kinds whose exposure alone enables fraud or identity theft (PCI DSS and identity documents). */
export const HIGHLY_SENSITIVE: ReadonlySet<PersonalKind> = new Set(['identity', 'card', 'cardCode', 'bank']);

/** Words before `address` that make it a network or ledger address, not a postal one. */
const NON_POSTAL_ADDRESS = new Set(['ip', 'ipv4', 'ipv6', 'mac', 'wallet', 'contract', 'server', 'host', 'web', 'url', 'remote', 'local', 'network', 'email', 'mail', 'bitcoin', 'btc', 'eth', 'node', 'peer', 'socket', 'bind', 'listen']);

/** Trailing words that make a name about the value (its id, type, state, date) rather than the value. */
const ABOUT_THE_VALUE = new Set([
  'id', 'ids', 'uuid', 'type', 'types', 'kind', 'count', 'format', 'status', 'state', 'verified', 'confirmed', 'enabled', 'disabled', 'exists',
  'required', 'optional', 'length', 'visible', 'visibility', 'preference', 'preferences', 'provider', 'domain', 'country', 'valid', 'validated',
  'flag', 'consent', 'template', 'regex', 'pattern', 'policy', 'changed', 'updated', 'created', 'at', 'on', 'time', 'timestamp', 'expires',
  'expiry', 'expiration', 'expired', 'strength', 'set', 'hint', 'question', 'questions', 'rules', 'reset', 'name', 'names', 'arn', 'ref',
  'reference', 'version', 'url', 'uri', 'location', 'path', 'rotation', 'rotated', 'age', 'history', 'label', 'field', 'fields', 'mode',
  'method', 'methods', 'scheme', 'key', 'keys', 'algorithm', 'link', 'form', 'sent', 'code', 'codes', 'token', 'tokens',
]);

/** Leading words of a yes/no question (`hasPassword`, `isEmailVerified`). */
const QUESTION_WORDS = new Set(['is', 'has', 'can', 'should', 'must', 'needs', 'need', 'require', 'requires', 'allow', 'allows', 'show', 'hide', 'use', 'uses']);

/** Parts of names that say the value is masked, hashed or replaced: `cardLast4`, `emailHash`, `ssnMasked`. */
const MASKING_MARKERS = ['mask', 'last4', 'lastfour', 'lastdigits', 'hash', 'encrypt', 'token', 'truncat', 'obfuscat', 'redact', 'partial', 'suffix', 'prefix', 'hint', 'fingerprint', 'digest'];

/** The kind of personal data `name` names, if any (a masked or derived value is none). */
export function personalKind(name: string): PersonalKind | undefined {
  return classified(name).personal;
}

function readPersonalKind(name: string, compact: string): PersonalKind | undefined {
  if (!containsAny(compact, PERSONAL_TERMS.keys())) return undefined;
  const words = nameWords(name);
  if (words.length === 0 || isQuestion(words) || hasMarker(words.join(''), MASKING_MARKERS)) return undefined;
  for (const run of wordRuns(words)) {
    const kind = PERSONAL_TERMS.get(run.text);
    if (kind === undefined) continue;
    if (kind === 'address' && run.start > 0 && NON_POSTAL_ADDRESS.has(words[run.start - 1] ?? '')) continue;
    if (isAboutTheValue(words, run.end)) continue;
    return kind;
  }
  return undefined;
}

/** Terms naming a secret a server must never hand back: passwords, client secrets, private keys. */
const SECRET_TERMS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'secret', 'secrets', 'secretkey', 'secretaccesskey', 'privatekey', 'signingkey',
  'encryptionkey', 'masterkey',
]);
/** Terms naming credentials a server issues (tokens, API keys): secret, but legitimately returned once. */
const ISSUED_CREDENTIAL_TERMS = new Set(['apikey', 'token', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'bearertoken', 'sessiontoken', 'sessionid', 'credential', 'credentials', 'xapikey']);

/** Whether `name` names a secret the server keeps (a password, a client secret, a private key). */
export function isSecretName(name: string): boolean {
  return classified(name).secret;
}

/** Whether `name` names any secret, issued credentials (tokens, API keys) included. */
export function isCredentialName(name: string): boolean {
  const { secret, issued } = classified(name);
  return secret || issued;
}

interface NameClass {
  readonly personal: PersonalKind | undefined;
  readonly secret: boolean;
  readonly issued: boolean;
}

/** Names repeat across schemas (`id`, `name`, `email`): each is read once. Bounded, since the module outlives a document. */
const CLASSIFIED = new Map<string, NameClass>();
const MAX_CLASSIFIED = 50_000;

function classified(name: string): NameClass {
  let known = CLASSIFIED.get(name);
  if (known === undefined) {
    if (CLASSIFIED.size >= MAX_CLASSIFIED) CLASSIFIED.clear();
    // A term can only match a run of words if it is a substring of the name lowercased without
    // separators: a cheap test that spares most names the split into words.
    const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    known = {
      personal: readPersonalKind(name, compact),
      secret: secretTerm(name, compact, SECRET_TERMS) !== undefined,
      issued: secretTerm(name, compact, ISSUED_CREDENTIAL_TERMS) !== undefined,
    };
    CLASSIFIED.set(name, known);
  }
  return known;
}

function secretTerm(name: string, compact: string, terms: ReadonlySet<string>): string | undefined {
  if (!containsAny(compact, terms)) return undefined;
  const words = nameWords(name);
  if (words.length === 0 || isQuestion(words)) return undefined;
  for (const run of wordRuns(words)) {
    if (terms.has(run.text) && !isAboutTheValue(words, run.end)) return run.text;
  }
  return undefined;
}

/** Whether a free text (a description) says the value is masked. */
export function mentionsMasking(text: string): boolean {
  const lower = text.toLowerCase();
  return ['mask', 'last 4', 'last four', 'redact', 'truncat', 'obfuscat', 'tokeniz', 'tokenis', 'partial'].some((marker) => lower.includes(marker));
}

function containsAny(compact: string, terms: Iterable<string>): boolean {
  for (const term of terms) if (compact.includes(term)) return true;
  return false;
}

interface WordRun {
  readonly text: string;
  readonly start: number;
  /** Index of the run's last word. */
  readonly end: number;
}

/** Every run of one to four consecutive words, joined. */
function wordRuns(words: readonly string[]): WordRun[] {
  const runs: WordRun[] = [];
  for (let start = 0; start < words.length; start++) {
    let text = '';
    for (let end = start; end < words.length && end < start + 4; end++) {
      text += words[end];
      runs.push({ text, start, end });
    }
  }
  return runs;
}

/** The name goes on after the term with a word saying it is about the value (`emailVerified`, `passwordChangedAt`). */
function isAboutTheValue(words: readonly string[], termEnd: number): boolean {
  const last = words[words.length - 1];
  return termEnd < words.length - 1 && last !== undefined && ABOUT_THE_VALUE.has(last);
}

function isQuestion(words: readonly string[]): boolean {
  return words.length > 1 && QUESTION_WORDS.has(words[0] ?? '');
}

function hasMarker(joined: string, markers: readonly string[]): boolean {
  return markers.some((marker) => joined.includes(marker));
}

function termMap(groups: Readonly<Record<PersonalKind, readonly string[]>>): Map<string, PersonalKind> {
  const map = new Map<string, PersonalKind>();
  for (const [kind, terms] of Object.entries(groups) as [PersonalKind, readonly string[]][]) for (const term of terms) map.set(term, kind);
  return map;
}
