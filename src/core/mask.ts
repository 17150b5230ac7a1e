// Masking of secrets (API keys, tokens, cookies) before they reach logs, events or evidence: keep
// just enough to tell values apart (a short prefix such as `bwk_` and the length), never the secret.

/** Values shorter than this are masked entirely: a 4-character prefix would be too much of them. */
const MIN_LENGTH_FOR_PREFIX = 12;
const PREFIX_LENGTH = 4;

/**
 * Masks a secret: `bwk_0123456789abcdef...` (40 chars) → `bwk_***(40)`; `hunter2` → `***(7)`.
 * Lengths and prefixes count code points, so a surrogate pair is never split in half.
 */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  const prefix = chars.length >= MIN_LENGTH_FOR_PREFIX ? chars.slice(0, PREFIX_LENGTH).join('') : '';
  return `${prefix}***(${chars.length})`;
}

/**
 * Returns a copy of `headers` with the values of sensitive headers masked. Header names match
 * case-insensitively (HTTP field names are case-insensitive, RFC 9110 §5.1); names are kept as given.
 * Multi-valued headers are masked value by value and joined with ', '; undefined values are left out.
 */
export function maskHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  sensitive: ReadonlySet<string>,
): Record<string, string> {
  // Lower-cased per call rather than cached per set: a cache would go stale if the caller's set
  // changed, and a stale entry here means a leaked secret. The sets are a handful of names.
  const names = new Set(Array.from(sensitive, (name) => name.toLowerCase()));
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const isSensitive = names.has(name.toLowerCase());
    const values: readonly string[] = typeof value === 'string' ? [value] : value;
    masked[name] = values.map((item) => (isSensitive ? maskSecret(item) : item)).join(', ');
  }
  return masked;
}
