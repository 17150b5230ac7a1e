// Email addresses by their shape (RFC 5321 §4.5.3.1 limits, RFC 5322 dot-atom local parts), also in
// the `Name <address>` form; the domain needs an alphabetic top-level label, which keeps out npm
// specs (`pkg@1.2.3`), SSH remotes (`git@host:repo`) and image names (`icon@2x.png`).
import { ANY_FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';

// Local part: RFC 5322 atext and dots, ≤ 64. Domain: LDH labels of ≤ 63, a letters-only TLD. Every
// repetition ends at a literal `.`, which the label class excludes, so matching is linear.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([A-Za-z]{2,63})$/;

/** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets, so an address at most 254. */
const MAX_LENGTH = 254;

/** File extensions that follow `@2x`-style names and are not top-level domains. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'tiff', 'avif', 'js', 'mjs', 'css', 'map', 'json', 'txt', 'html']);

export function isEmailAddress(value: string): boolean {
  if (value.length > MAX_LENGTH) return false;
  const at = value.indexOf('@');
  if (at <= 0 || value.indexOf('@', at + 1) !== -1) return false;
  const match = ADDRESS.exec(value);
  if (match === null) return false;
  // Dot-atom: no leading, trailing or doubled dot in the local part.
  const local = value.slice(0, at);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return !FILE_EXTENSIONS.has((match[1] ?? '').toLowerCase());
}

/** The address inside `Display Name <address>`, or the value itself. */
export function emailAddressOf(value: string): string {
  if (!value.endsWith('>')) return value;
  const open = value.lastIndexOf('<');
  return open === -1 ? value : value.slice(open + 1, -1);
}

export const emailClassifier: SensitiveClassifier = {
  id: 'email',
  description: 'An email address (also `Name <address>`).',
  valueGate: { minLength: 6, maxLength: 320, firstChars: ANY_FIRST_CHAR },
  matchValue: (value) => value.includes('@') && isEmailAddress(emailAddressOf(value)),
};
