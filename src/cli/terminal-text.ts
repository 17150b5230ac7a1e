// Printing stored text to a terminal safely: what the stores hold may come from traffic (events) or
// from other writers (keys), so control characters are shown escaped, never interpreted.

/**
 * Control characters (terminal escape sequences) and bidi overrides (Trojan Source, CVE-2021-42574)
 * are shown escaped, never interpreted.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set minus U+0000-U+001F, which JSON.stringify escapes itself (and uses for layout). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written as `\uXXXX`. */
export function escapeUnsafe(text: string, unsafe = UNSAFE_CHARS): string {
  return text.replace(unsafe, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Pretty JSON plus a newline, still valid JSON with the same values but safe to print. */
export function toSafeJson(value: unknown): string {
  // These characters can only occur inside JSON strings, where \uXXXX is the same value: still valid JSON.
  return `${escapeUnsafe(JSON.stringify(value, null, 2), UNSAFE_IN_JSON)}\n`;
}

/** Rows (the first one the titles) as columns aligned with two spaces, trailing blanks trimmed. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) => row.map((text, i) => text.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
