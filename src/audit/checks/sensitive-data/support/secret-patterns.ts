// Recognizable live credentials in text: private key blocks, AWS access key IDs, GitHub, Slack and
// Stripe live tokens, Google API keys and signed JWTs. Each pattern starts with a fixed prefix and
// has bounded repetitions (no backtracking blow-up); JWTs are found by a linear scan. Placeholders
// (`AKIAXXXXXXXXXXXXXXXX`, AWS's documented `...EXAMPLE` key, jwt.io's sample token) are not secrets.

export interface SecretMatch {
  /** What it looks like (`an AWS access key ID`). */
  readonly kind: string;
  /** The start of the value, for the message: never the whole secret. */
  readonly preview: string;
}

interface TokenPattern {
  readonly kind: string;
  /** Cheap test before the regular expression runs. */
  readonly markers: readonly string[];
  readonly pattern: RegExp;
  /** Where the random part of a match starts. */
  readonly prefixLength: number;
}

const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { kind: 'an AWS access key ID', markers: ['AKIA', 'ASIA'], pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, prefixLength: 4 },
  { kind: 'a GitHub token', markers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/, prefixLength: 4 },
  { kind: 'a GitHub token', markers: ['github_pat_'], pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}/, prefixLength: 11 },
  { kind: 'a Slack token', markers: ['xox'], pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,200}/, prefixLength: 5 },
  { kind: 'a Stripe live key', markers: ['_live_'], pattern: /\b[rs]k_live_[A-Za-z0-9]{16,255}/, prefixLength: 8 },
  { kind: 'a Google API key', markers: ['AIza'], pattern: /\bAIza[0-9A-Za-z_-]{35}/, prefixLength: 4 },
];

/** Texts shorter than this hold no credential the patterns know. */
const MIN_LENGTH = 20;

/** The first credential-like value in `text`, if any. */
export function findSecret(text: string): SecretMatch | undefined {
  if (text.length < MIN_LENGTH) return undefined;
  if (text.includes('PRIVATE KEY-----') && text.includes('-----BEGIN') && privateKeyBodyLength(text) >= 64) {
    return { kind: 'a private key', preview: '-----BEGIN' };
  }
  for (const { kind, markers, pattern, prefixLength } of TOKEN_PATTERNS) {
    if (!markers.some((marker) => text.includes(marker))) continue;
    const match = pattern.exec(text);
    if (match === null) continue;
    const value = match[0];
    if (looksRandom(value.slice(prefixLength))) return { kind, preview: `${value.slice(0, prefixLength)}…` };
  }
  if (text.includes('eyJ')) {
    const jwt = findJwt(text);
    if (jwt !== undefined) return { kind: 'a signed JWT', preview: `${jwt.slice(0, 10)}…` };
  }
  return undefined;
}

/** Base64 characters between the BEGIN and END lines: a placeholder block has (almost) none. */
function privateKeyBodyLength(text: string): number {
  const begin = text.indexOf('-----BEGIN');
  const headerEnd = text.indexOf('-----', begin + 10);
  if (headerEnd === -1) return 0;
  const end = text.indexOf('-----END', headerEnd + 5);
  const body = text.slice(headerEnd + 5, end === -1 ? text.length : end);
  let count = 0;
  for (let index = 0; index < body.length; index++) if (isBase64Code(body.charCodeAt(index))) count++;
  return count;
}

/** Placeholders repeat a few characters (`XXXX`, `0000`) or say what they are (`EXAMPLE`). */
function looksRandom(part: string): boolean {
  if (part.toUpperCase().includes('EXAMPLE')) return false;
  return new Set(part).size >= 6;
}

/** A `header.payload.signature` token whose header and payload are JSON objects, except jwt.io's sample. */
function findJwt(text: string): string | undefined {
  let from = 0;
  for (let start = text.indexOf('eyJ', from); start !== -1; start = text.indexOf('eyJ', from)) {
    const headerEnd = base64UrlEnd(text, start);
    from = headerEnd;
    if (text.charAt(headerEnd) !== '.' || !text.startsWith('eyJ', headerEnd + 1)) continue;
    const payloadEnd = base64UrlEnd(text, headerEnd + 1);
    if (text.charAt(payloadEnd) !== '.') continue;
    const signatureEnd = base64UrlEnd(text, payloadEnd + 1);
    from = signatureEnd;
    if (headerEnd - start < 10 || payloadEnd - headerEnd < 10 || signatureEnd - payloadEnd < 17) continue;
    const payload = decodeJson(text.slice(headerEnd + 1, payloadEnd));
    if (payload === undefined || isSampleJwt(payload)) continue;
    return text.slice(start, signatureEnd);
  }
  return undefined;
}

function isSampleJwt(payload: Record<string, unknown>): boolean {
  return payload.sub === '1234567890' || payload.name === 'John Doe';
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function base64UrlEnd(text: string, from: number): number {
  let index = from;
  while (index < text.length && isBase64UrlCode(text.charCodeAt(index))) index++;
  return index;
}

function isBase64UrlCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95;
}

function isBase64Code(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
}
