// One scalar value for a documented field or parameter, chosen by its schema (enum, type, format)
// and its name, with the truth the sensitive-data metrics are scored against: the kind of sensitive
// data the value is, 'clean', or 'ignored' (personal but of no type discovery claims to find, such as
// a person's name, or a public key: neither a hit nor a false alarm).
import { DIGITS, HEX, type Random } from './random.js';
import * as values from './values.js';

/** A sensitive type id (`email`, `payment-card`...), 'clean' or 'ignored'. */
export type Truth = string;

export interface FieldValue {
  readonly value: string | number | boolean;
  readonly truth: Truth;
}

type Schema = Record<string, unknown>;
type Rule = readonly [test: (name: string, parent: string) => boolean, make: (random: Random) => string, truth: Truth];

/** `date_of_birth`, `dateOfBirth` → `dateofbirth`: names compared without case or separators. */
export function normalName(name: string): string {
  let normal = normalNames.get(name);
  if (normal === undefined) {
    normal = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (normalNames.size < 100_000) normalNames.set(name, normal);
  }
  return normal;
}

const normalNames = new Map<string, string>();

const ends = (...suffixes: string[]) => (name: string): boolean => suffixes.some((suffix) => name.endsWith(suffix));
const is = (...names: string[]) => (name: string): boolean => names.includes(name);
const PAGING = /^(page|next|prev|cursor|continuation|sync|resume)token$/;
const NOT_STREET = /(email|ip|mac|web|wallet|server|remote)address$/;

// First match wins: the sensitive names before the generic endings (`billing_email` before `*_id`).
const STRING_RULES: readonly Rule[] = [
  [ends('email', 'emails', 'emailaddress'), values.email, 'email'],
  [ends('phone', 'phones', 'phonenumber', 'mobile', 'telephone', 'fax'), values.phone, 'phone'],
  [(name) => name.includes('password') || name.includes('passphrase'), values.password, 'password'],
  [(name, parent) => ends('cardnumber', 'ccnumber')(name) || name === 'pan' || (name === 'number' && parent.includes('card')), values.cardNumber, 'payment-card'],
  [is('cvc', 'cvv', 'cvv2', 'securitycode'), (random) => random.chars(DIGITS, 3), 'card-security-code'],
  [ends('iban'), values.iban, 'iban'],
  [ends('ssn', 'socialsecuritynumber'), values.ssn, 'us-ssn'],
  [is('dob', 'dateofbirth', 'birthdate', 'birthday'), values.dateOfBirth, 'date-of-birth'],
  [(name) => ends('token')(name) && !PAGING.test(name), (random) => (random.chance(0.5) ? values.jwt(random) : values.opaqueSecret(random)), 'secret'],
  [ends('secret', 'clientsecret', 'privatekey'), values.opaqueSecret, 'secret'],
  [ends('apikey'), values.stripeKey, 'api-key'],
  [(name) => is('ip', 'ipaddress', 'clientip', 'remoteip', 'lastip')(name), values.ipv4, 'ip-address'],
  [(name, parent) => (ends('address', 'street', 'addressline1')(name) && !NOT_STREET.test(name)) || (name === 'line1' && parent.includes('address')), values.streetLine, 'postal-address'],
  [(name) => name === 'zip' || ends('zipcode', 'postcode', 'postalcode')(name), (random) => String(random.int(10_000, 99_999)), 'postal-address'],
  [(name, parent) => (name === 'number' || name === 'sortcode') && /(bank|account)/.test(parent), (random) => random.chars(DIGITS, 8), 'ignored'],
  [is('firstname', 'lastname', 'passengername', 'displayname', 'realname', 'cardholdername', 'holdername'), values.personName, 'ignored'],
  [(name, parent) => name === 'name' && /(user|owner|author|committer|member|person|customer|passenger|holder|tagger|creator|card|bank|account)/.test(parent), values.personName, 'ignored'],
  [is('key', 'publickey', 'signature', 'verification', 'payload'), (random) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${random.chars(HEX, 40)}`, 'ignored'],
  [is('login', 'username', 'owner', 'user', 'assignee', 'author', 'handle'), values.handle, 'clean'],
  [(name) => name === 'sha' || ends('sha', 'commitid', 'treeid')(name), values.sha, 'clean'],
  [is('nodeid'), (random) => Buffer.from(`04:User${random.int(1, 9_999_999)}`).toString('base64'), 'clean'],
  [ends('url', 'uri', 'href', 'link', 'blog', 'homepage', 'website'), (random) => values.url(random), 'clean'],
  [(name) => /(edat|esat|date|time|timestamp|since|until)$/.test(name), values.isoDateTime, 'clean'],
  [is('description', 'body', 'message', 'title', 'summary', 'text', 'comment', 'note', 'notes', 'content', 'bio', 'reason', 'detail'), values.prose, 'clean'],
  [is('color'), (random) => random.chars(HEX, 6), 'clean'],
  [(name) => name === 'ref' || name === 'headref' || name === 'baseref', (random) => `refs/heads/${values.branchName(random)}`, 'clean'],
  [is('branch', 'head', 'base', 'defaultbranch', 'targetcommitish'), values.branchName, 'clean'],
  [is('tag', 'tagname'), values.tagName, 'clean'],
  [is('path', 'filename', 'file'), (random) => random.pick(['README.md', 'src/index.ts', 'docs/guide.md', 'package.json', '.github/workflows/ci.yml']), 'clean'],
  [is('language'), (random) => random.pick(['TypeScript', 'Go', 'Python', 'Rust', 'Java']), 'clean'],
  [is('slug', 'subdomain'), values.slug, 'clean'],
  [is('currency'), (random) => random.pick(['eur', 'usd', 'gbp']), 'clean'],
  [is('countrycode', 'country'), (random) => random.pick(['DE', 'FR', 'GB', 'US', 'NL']), 'clean'],
  [is('timezone'), (random) => random.pick(['Europe/Berlin', 'Europe/Paris', 'America/New_York']), 'clean'],
  [(name) => name === 'uid' || name === 'id' || ends('id', 'uuid', 'guid')(name), (random) => (random.chance(0.5) ? values.uuid(random) : values.objectId(random)), 'clean'],
  [is('name', 'fullname'), (random) => (random.chance(0.5) ? values.repoName(random) : `${values.handle(random)}/${values.repoName(random)}`), 'clean'],
];

const FORMATS: Readonly<Record<string, readonly [(random: Random) => string, Truth]>> = {
  'date-time': [values.isoDateTime, 'clean'],
  date: [values.isoDate, 'clean'],
  email: [values.email, 'email'],
  'idn-email': [values.email, 'email'],
  uri: [(random) => values.url(random), 'clean'],
  url: [(random) => values.url(random), 'clean'],
  'uri-reference': [(random) => `/docs/${values.slug(random)}`, 'clean'],
  uuid: [values.uuid, 'clean'],
  ipv4: [values.ipv4, 'ip-address'],
  hostname: [values.domain, 'clean'],
  password: [values.password, 'password'],
  byte: [(random) => Buffer.from(values.prose(random)).toString('base64'), 'clean'],
};

export function stringValue(name: string, parent: string, schema: Schema, random: Random): FieldValue {
  const normal = normalName(name);
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  const rule = ruleFor(normal, normalName(parent));
  // A sensitive name says more than a generic format (`birth_date` is a date of birth, not any date).
  const chosen = rule !== undefined && (format === undefined || (rule[2] !== 'clean' && rule[2] !== 'ignored')) ? rule : undefined;
  const [make, truth] = chosen !== undefined ? [chosen[1], chosen[2]] : format ?? [defaultString, 'clean'];
  let value = make(random);
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) value = value.slice(0, Math.max(1, schema.maxLength));
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) value = value.padEnd(schema.minLength, 'x');
  return { value, truth };
}

const rules = new Map<string, Rule | undefined>();

function ruleFor(name: string, parent: string): Rule | undefined {
  const key = `${name} ${parent}`;
  if (rules.has(key)) return rules.get(key);
  const rule = STRING_RULES.find(([test]) => test(name, parent));
  if (rules.size < 100_000) rules.set(key, rule);
  return rule;
}

function defaultString(random: Random): string {
  return random.chance(0.5) ? `${values.word(random)}-${values.word(random)}` : values.word(random);
}

export function numberValue(name: string, schema: Schema, isInteger: boolean, random: Random): FieldValue {
  const normal = normalName(name);
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : undefined;
  let low = 0;
  let high = 1000;
  if (normal === 'cvc' || normal === 'cvv') return { value: random.int(100, 999), truth: 'card-security-code' };
  if (normal === 'id' || normal.endsWith('id')) [low, high] = [1000, 999_999_999];
  else if (normal.endsWith('number')) [low, high] = [1, 5000];
  else if (/(price|amount|cost|total|balance)$/.test(normal)) return { value: Math.round(random.int(100, 99_999)) / 100, truth: 'clean' };
  else if (/(page|perpage|limit)$/.test(normal)) [low, high] = [1, 100];
  else if (/(lat|latitude)$/.test(normal)) return { value: random.int(-90_000, 90_000) / 1000, truth: 'clean' };
  else if (/(lng|lon|longitude)$/.test(normal)) return { value: random.int(-180_000, 180_000) / 1000, truth: 'clean' };
  low = Math.max(low, minimum ?? low);
  high = Math.min(high, maximum ?? high);
  if (high < low) high = low;
  const value = isInteger ? random.int(Math.ceil(low), Math.floor(high)) : Math.round((low + random.next() * (high - low)) * 100) / 100;
  return { value, truth: 'clean' };
}
