// Realistic values, one generator per kind: the handles, repository names, branches, slugs and ids
// real APIs carry in their paths, and the personal data and look-alikes they carry in their bodies.
import { ALPHANUMERIC, DIGITS, HEX, LOWER, type Random } from './random.js';

// Handles are built from syllables so most are not dictionary words (`octocat`, `mojombo`), as on
// GitHub; a few are real words or names with digits, as some accounts are.
const SYLLABLES = ['oc', 'to', 'mo', 'jom', 'bo', 'def', 'unk', 'zed', 'ka', 'ri', 'lux', 'vin', 'tor', 'val', 'kel', 'sey', 'nix', 'qua', 'dro', 'pex', 'yun', 'fae', 'gri', 'mek', 'sor', 'tav', 'wix', 'zul', 'bre', 'cyn'];
const FIRST_NAMES = ['maria', 'jonas', 'aiko', 'priya', 'mateo', 'chioma', 'lukas', 'sofia', 'dmitri', 'fatima', 'kenji', 'ingrid', 'amara', 'tomasz'];
const LAST_NAMES = ['garcia', 'nakamura', 'okafor', 'schmidt', 'kowalski', 'haddad', 'lindqvist', 'patel', 'moreau', 'rossi', 'novak', 'tanaka'];
const KNOWN_HANDLES = ['octocat', 'mojombo', 'defunkt', 'pjhyett', 'torvalds', 'sindresorhus', 'gaearon', 'tj', 'yyx990803', 'kentcdodds', 'bulwark-dev', 'acme-corp'];
const WORDS = ['hello', 'world', 'spoon', 'knife', 'awesome', 'lists', 'dot', 'files', 'data', 'pipeline', 'web', 'app', 'docs', 'site', 'game', 'engine', 'parser', 'client', 'server', 'tools', 'notes', 'config', 'starter', 'template'];
const NON_WORD_REPOS = ['tensorflow', 'kubernetes', 'vscode', 'octokit.js', 'linguist', 'nixpkgs', 'esbuild', 'pytorch', 'fastify', 'zod', 'vite', 'ripgrep', 'tokio', 'serde'];
const LABELS = ['bug', 'documentation', 'duplicate', 'enhancement', 'good first issue', 'help wanted', 'invalid', 'question', 'wontfix', 'priority: high', 'area/api', 'needs triage', 'breaking-change', 'v2'];
const SLUG_WORDS = ['getting', 'started', 'authentication', 'rate', 'limits', 'webhooks', 'errors', 'pagination', 'quick', 'start', 'guide', 'billing', 'migration', 'overview', 'changelog', 'release', 'notes', 'sandbox', 'testing'];
const PROSE = [
  'Fixes the crash when the config file is empty.', 'Adds pagination to the search endpoint.', 'Please review before Friday.',
  'Updated dependencies and bumped the minimum Node version.', 'The build fails on Windows with long paths.', 'Thanks for the quick turnaround!',
  'Renamed the flag to keep it consistent with the CLI.', 'See the discussion in the design doc.', 'Works for me on the latest release.',
];
const TLDS = ['com', 'io', 'dev', 'org', 'net', 'co.uk', 'de'];

export function handle(random: Random): string {
  const roll = random.next();
  if (roll < 0.5) return random.pick(SYLLABLES) + random.pick(SYLLABLES) + (random.chance(0.4) ? random.pick(SYLLABLES) : '');
  if (roll < 0.7) return `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}${random.int(1, 999)}`;
  if (roll < 0.85) return `${random.pick(FIRST_NAMES)}-${random.pick(LAST_NAMES)}`;
  return random.pick(KNOWN_HANDLES);
}

export function repoName(random: Random): string {
  const roll = random.next();
  if (roll < 0.45) return `${random.pick(WORDS)}-${random.pick(WORDS)}`;
  if (roll < 0.75) return random.pick(NON_WORD_REPOS) + (random.chance(0.5) ? `-${random.pick(WORDS)}` : '');
  return `${random.pick(WORDS)}-${random.pick(['v2', 'py3', '2024', 'k8s', 'x64', 'ng2'])}`;
}

/** Branch names: `main` and `develop` for the most part, then feature branches with ticket numbers. */
export function branchName(random: Random): string {
  const roll = random.next();
  if (roll < 0.3) return 'main';
  if (roll < 0.4) return random.pick(['develop', 'master', 'gh-pages', 'staging']);
  if (roll < 0.8) return `${random.pick(['feature', 'fix', 'chore', 'hotfix'])}-${random.int(100, 9999)}-${random.pick(WORDS)}`;
  return `release-${random.int(1, 9)}.${random.int(0, 20)}`;
}

export function tagName(random: Random): string {
  return `v${random.int(0, 5)}.${random.int(0, 30)}.${random.int(0, 20)}`;
}

export const sha = (random: Random): string => random.chars(HEX, 40);
export const objectId = (random: Random): string => random.chars(HEX, 24);

export function uuid(random: Random): string {
  const hex = random.chars(HEX, 32);
  const variant = '89ab'[random.int(0, 3)]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function slug(random: Random): string {
  const roll = random.next();
  const words = `${random.pick(SLUG_WORDS)}-${random.pick(SLUG_WORDS)}`;
  if (roll < 0.6) return words;
  if (roll < 0.85) return `${words}-${random.pick(['2024', 'v2', '3', 'q1'])}`;
  return `${words}-${random.chars(LOWER + DIGITS, 6)}`;
}

export const labelName = (random: Random): string => random.pick(LABELS);
export const prose = (random: Random): string => random.pick(PROSE);
export const word = (random: Random): string => random.pick(WORDS);
export const personName = (random: Random): string => `${capital(random.pick(FIRST_NAMES))} ${capital(random.pick(LAST_NAMES))}`;
const capital = (text: string): string => text[0]!.toUpperCase() + text.slice(1);

export function isoDateTime(random: Random): string {
  return new Date(Date.UTC(2023, 0, 1) + random.int(0, 700 * 86_400) * 1000).toISOString().replace('.000', '');
}

export const isoDate = (random: Random): string => isoDateTime(random).slice(0, 10);
export const url = (random: Random, path = `${handle(random)}/${repoName(random)}`): string => `https://${random.pick(['github.com', 'api.example.com', 'docs.example.io'])}/${path}`;

// ---------------------------------------------------------------- personal data and secrets

export function email(random: Random): string {
  const local = random.chance(0.5) ? `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}` : handle(random).replace(/-/g, '.');
  return `${local}@${random.pick(['gmail.com', 'example.com', 'proton.me', 'acme.io', 'outlook.com'])}`;
}

/** E.164 numbers with a valid national part: US (NANP), UK mobiles, German and French mobiles. */
export function phone(random: Random): string {
  const digits = (count: number): string => random.chars(DIGITS, count);
  return random.pick([
    () => `+1${random.int(201, 989)}${random.int(200, 989)}${digits(4)}`,
    () => `+447${random.int(400, 999)}${digits(6)}`,
    () => `+4915${random.int(1, 9)}${digits(8)}`,
    () => `+336${digits(8)}`,
  ])();
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) digit *= 2;
    sum += digit > 9 ? digit - 9 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A Visa or Mastercard number that passes Luhn, sometimes printed in groups of four. */
export function cardNumber(random: Random): string {
  const body = (random.chance(0.5) ? '4' : `5${random.int(1, 5)}`);
  const partial = body + random.chars(DIGITS, 15 - body.length);
  const number = partial + String(luhnCheckDigit(partial));
  return random.chance(0.3) ? number.replace(/(\d{4})(?=\d)/g, '$1 ') : number;
}

/** Sixteen digits with a card's first digit that fail Luhn: a tracking or loyalty number. */
export function failingLuhn16(random: Random): string {
  const partial = `4${random.chars(DIGITS, 14)}`;
  return partial + String((luhnCheckDigit(partial) + random.int(1, 9)) % 10);
}

export function ssn(random: Random): string {
  let area = random.int(1, 899);
  if (area === 666) area = 665;
  return `${String(area).padStart(3, '0')}-${String(random.int(1, 99)).padStart(2, '0')}-${String(random.int(1, 9999)).padStart(4, '0')}`;
}

/** German IBANs (22 characters) with their ISO 7064 MOD 97-10 check digits. */
export function iban(random: Random): string {
  const bban = random.chars(DIGITS, 18);
  const numeric = `${bban}131400`; // 'DE00' moved to the end, letters as numbers (D=13, E=14)
  const check = 98 - Number(BigInt(numeric) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function jwt(random: Random, issuer = 'https://auth.example.com/'): string {
  const header = base64url({ alg: random.pick(['RS256', 'ES256']), typ: 'JWT', kid: random.chars(ALPHANUMERIC, 8) });
  const claims = base64url({ iss: issuer, sub: `user-${random.int(1, 99999)}`, aud: 'api', scope: random.pick(['read', 'read write', 'admin']), iat: 1717245296, exp: 1717331696 });
  return `${header}.${claims}.${random.chars(`${ALPHANUMERIC}-_`, 86)}`;
}

export const githubToken = (random: Random): string => `ghp_${random.chars(ALPHANUMERIC, 36)}`;
export const stripeKey = (random: Random): string => `sk_live_${random.chars(ALPHANUMERIC, 24)}`;
export const opaqueSecret = (random: Random): string => random.chars(`${ALPHANUMERIC}-_`, 64);
export const password = (random: Random): string => `${capital(random.pick(WORDS))}-${random.pick(WORDS)}-${random.int(10, 99)}!`;
export const ipv4 = (random: Random): string => `${random.pick(['203.0.113', '198.51.100', '81.2.69', '89.160.20'])}.${random.int(1, 254)}`;
export const streetLine = (random: Random): string => `${random.int(1, 2400)} ${random.pick(['Baker', 'Market', 'Elm', 'Harbour', 'Mission'])} ${random.pick(['Street', 'Avenue', 'Road', 'Lane'])}`;
export const dateOfBirth = (random: Random): string => `${random.int(1950, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
export const domain = (random: Random): string => `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}.${random.pick(TLDS)}`;
