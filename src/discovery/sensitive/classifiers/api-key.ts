// API keys recognised by the fixed prefix their issuer gives them: AWS access key IDs, GitHub,
// GitLab, npm, Slack, Stripe secret and restricted keys, Google, SendGrid, Twilio, Shopify, Hugging
// Face, OpenAI/Anthropic-style `sk-` keys and Bulwark's own `bwk_` keys. Each pattern is anchored,
// with bounded repetitions. Stripe publishable keys (`pk_live_`) are left out: they are meant to be
// public (embedded in web pages), so reporting them would be noise.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { looksRandom } from '../entropy.js';

interface KeyPattern {
  readonly provider: string;
  /** The characters a matching value can start with (the pattern's first literal or literals). */
  readonly first: string;
  readonly pattern: RegExp;
  /** The issuer's fixed prefix, which masked samples keep. */
  readonly prefix: (value: string) => string;
  /** Whether the part after the prefix must also look random and mix cases and digits (a generic prefix). */
  readonly needsEntropy?: boolean;
}

const fixed = (prefix: string) => (): string => prefix;
const upTo = (separator: string, count: number) => (value: string): string => value.split(separator).slice(0, count).join(separator) + separator;

const KEY_PATTERNS: readonly KeyPattern[] = [
  { provider: 'aws', first: 'A', pattern: /^(?:AKIA|ASIA)[A-Z0-9]{16}$/, prefix: (value) => value.slice(0, 4) },
  { provider: 'github', first: 'g', pattern: /^gh[pousr]_[A-Za-z0-9]{36,251}$/, prefix: (value) => value.slice(0, 4) },
  { provider: 'github', first: 'g', pattern: /^github_pat_[A-Za-z0-9_]{22,244}$/, prefix: fixed('github_pat_') },
  { provider: 'gitlab', first: 'g', pattern: /^glpat-[A-Za-z0-9_-]{20,64}$/, prefix: fixed('glpat-') },
  { provider: 'npm', first: 'n', pattern: /^npm_[A-Za-z0-9]{36}$/, prefix: fixed('npm_') },
  { provider: 'slack', first: 'x', pattern: /^xox[abposre]-[A-Za-z0-9-]{10,250}$/, prefix: (value) => value.slice(0, 5) },
  { provider: 'slack', first: 'x', pattern: /^xapp-[A-Za-z0-9-]{10,250}$/, prefix: fixed('xapp-') },
  { provider: 'stripe', first: 'sr', pattern: /^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}$/, prefix: upTo('_', 2) },
  { provider: 'google', first: 'A', pattern: /^AIza[0-9A-Za-z_-]{35}$/, prefix: fixed('AIza') },
  { provider: 'sendgrid', first: 'S', pattern: /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/, prefix: fixed('SG.') },
  { provider: 'twilio', first: 'S', pattern: /^SK[0-9a-f]{32}$/, prefix: fixed('SK') },
  { provider: 'shopify', first: 's', pattern: /^shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}$/, prefix: (value) => value.slice(0, 6) },
  { provider: 'huggingface', first: 'h', pattern: /^hf_[A-Za-z0-9]{34}$/, prefix: fixed('hf_') },
  { provider: 'openai', first: 's', pattern: /^sk-(?:proj-|svcacct-|admin-|ant-[a-z]{3,5}\d{2}-)?[A-Za-z0-9_-]{32,250}$/, prefix: skPrefix, needsEntropy: true },
  { provider: 'bulwark', first: 'b', pattern: /^bwk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/, prefix: fixed('bwk_') },
];

/** `sk-`, `sk-proj-`, `sk-ant-api03-`: the prefix up to the random part. */
function skPrefix(value: string): string {
  const match = /^sk-(?:proj-|svcacct-|admin-|ant-[a-z]{3,5}\d{2}-)?/.exec(value);
  return match?.[0] ?? 'sk-';
}

/** Random and mixing upper case, lower case and digits, as generated keys do and slugs (`sk-my-blog-post`) do not. */
function isMixedRandom(part: string): boolean {
  return /[A-Z]/.test(part) && /[a-z]/.test(part) && /\d/.test(part) && looksRandom(part);
}

/** Patterns by the first character of the value, so a value is tried against one or two patterns at most. */
const BY_FIRST_CHAR: ReadonlyMap<string, readonly KeyPattern[]> = groupByFirstChar(KEY_PATTERNS);

function groupByFirstChar(patterns: readonly KeyPattern[]): Map<string, KeyPattern[]> {
  const groups = new Map<string, KeyPattern[]>();
  for (const entry of patterns) {
    for (const first of entry.first) groups.set(first, [...(groups.get(first) ?? []), entry]);
  }
  return groups;
}

/** The matching key pattern, if `value` is a key of a known issuer and not a placeholder (`AKIAXXXXXXXXXXXXXXXX`). */
function knownKey(value: string): KeyPattern | undefined {
  const candidates = BY_FIRST_CHAR.get(value.charAt(0));
  if (candidates === undefined) return undefined;
  for (const entry of candidates) {
    if (!entry.pattern.test(value)) continue;
    const rest = value.slice(entry.prefix(value).length);
    if (new Set(rest).size < 6 || (entry.needsEntropy === true && !isMixedRandom(rest))) continue;
    return entry;
  }
  return undefined;
}

/** The issuer prefix of a recognised key (`ghp_`, `sk_live_`), or undefined. */
export function apiKeyPrefix(value: string): string | undefined {
  const entry = knownKey(value);
  return entry?.prefix(value);
}

export const apiKeyClassifier: SensitiveClassifier = {
  id: 'api-key',
  description: 'An API key with a known issuer prefix (AWS, GitHub, GitLab, npm, Slack, Stripe, Google, SendGrid, Twilio, Shopify, Hugging Face, sk-…, bwk_).',
  valueGate: { minLength: 20, maxLength: 260, firstChars: FIRST_CHAR.upper | FIRST_CHAR.lower },
  matchValue: (value) => knownKey(value) !== undefined,
};
