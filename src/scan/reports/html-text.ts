// Text from a scan report written into HTML. The evidence is what the target answered, so it is
// attacker-controlled: every character that can open markup or end an attribute is escaped, and
// invisible characters are made visible.

/**
 * Control characters (invalid in HTML text) and bidi overrides or line separators (which reorder what
 * is shown, Trojan Source, CVE-2021-42574) are written as `\uXXXX`; tab and line breaks stay for <pre>.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe as element content and as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
