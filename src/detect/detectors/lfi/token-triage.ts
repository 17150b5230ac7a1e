// Finds the separators (`/`, `\`) whose token is worth the segment walk of path-token.ts. At
// paranoia 1, in a value without `..`, most separators sit in media types (`application/json`),
// User-Agent products (`Chrome/125.0`) and URLs, where no rule can match: each is dismissed on a few
// characters around it, without a pass over its token (a character loop costs ~2 ns a character).
import { boundaryTable, tokenEnd } from './path-token.js';
import { sensitiveNamePrefixes } from './sensitive-paths.js';

/**
 * `all`: every token is analysed (paranoia 2 and up, or a value with `..`); `names`: the value may
 * hold a sensitive name (it has `.`, `_` or `-`, which every such name holds); `rooted`: it cannot,
 * so only a rooted path (`/etc/passwd`) may match.
 */
export type Triage = 'all' | 'names' | 'rooted';

/** Longest directory name a path can start with that counts (`meta-inf`, `.docker`), plus one. */
const MAX_DIRECTORY = 9;
// Read once: module tables, not calls, in the loop.
const BOUNDARIES = boundaryTable();
const NAME_PREFIXES = sensitiveNamePrefixes();

/** The next separator in [from, limit) whose token should be analysed, or -1. */
export function nextNotableSeparator(text: string, from: number, limit: number, mayHaveBackslash: boolean, triage: Triage): number {
  let next = from;
  let slash = text.indexOf('/', from);
  let backslash = mayHaveBackslash ? text.indexOf('\\', from) : -1;
  for (;;) {
    if (slash !== -1 && slash < next) slash = text.indexOf('/', next);
    if (backslash !== -1 && backslash < next) backslash = text.indexOf('\\', next);
    const separator = slash === -1 ? backslash : backslash === -1 ? slash : Math.min(slash, backslash);
    if (separator === -1 || separator >= limit) return -1;
    if (triage === 'all' || isNotable(text, separator, triage === 'names')) return separator;
    // `https://host/a/b`: without a `..` nothing in a URL other than `file:` matches at paranoia 1.
    next = opensUrlAuthority(text, separator) ? tokenEnd(text, separator) + 1 : separator + 1;
  }
}

/**
 * Whether the separator at `index` may belong to a path a paranoia-1 rule matches: a rooted path
 * (`/etc`, `\\host`, `~/`, `c:\`, `file:/`), or, when `mayName`, one naming a sensitive file or
 * directory: a dot segment after it (`/.git`, `/.env`), a sensitive name after it (`/id_rsa`,
 * `\web.config`), or a dot name or sensitive directory opening the token before it (`.git/`, `WEB-INF/`).
 */
export function isNotable(text: string, index: number, mayName: boolean): boolean {
  if (index === 0) return true;
  const previous = text.charCodeAt(index - 1);
  if (isBoundary(previous) || previous === 126) return true;
  if (previous === 58) return isDriveOrFileUrl(text, index - 1);
  if (!mayName) return false;
  const next = text.charCodeAt(index + 1);
  if (next === 46 || isNamePrefix(next, text.charCodeAt(index + 2))) return true;
  return isSensitiveDirectoryBefore(text, index);
}

/** Whether the separator at `index` opens the authority of a URL other than `file:` (`https://`). */
function opensUrlAuthority(text: string, index: number): boolean {
  return text.charCodeAt(index - 1) === 58 && text.charCodeAt(index + 1) === 47 && !isDriveOrFileUrl(text, index - 1);
}

/** `c:` (a drive: one letter opening the token) or `file:` before the separator. */
function isDriveOrFileUrl(text: string, colon: number): boolean {
  if (colon >= 1 && isLetter(text.charCodeAt(colon - 1)) && opensToken(text, colon - 2)) return true;
  return colon >= 4 && opensToken(text, colon - 5) && text.slice(colon - 4, colon).toLowerCase() === 'file';
}

/** Whether a token starts right after `at`: `at` is before the text or a boundary. */
function opensToken(text: string, at: number): boolean {
  return at < 0 || isBoundary(text.charCodeAt(at));
}

/** The segment ending at `separator` opens its token and is a dot name or may be a sensitive directory. */
function isSensitiveDirectoryBefore(text: string, separator: number): boolean {
  let start = separator;
  while (start > 0 && separator - start < MAX_DIRECTORY && isNameChar(text.charCodeAt(start - 1))) start--;
  if (start === separator || !opensToken(text, start - 1)) return false;
  const first = text.charCodeAt(start);
  return first === 46 || isNamePrefix(first, text.charCodeAt(start + 1));
}

function isNamePrefix(first: number, second: number): boolean {
  // NaN (past the end) fails the comparisons.
  if (!(first < 128 && second < 128)) return false;
  return NAME_PREFIXES[lowerAscii(first) * 128 + lowerAscii(second)] === 1;
}

function isBoundary(code: number): boolean {
  return code < 128 && BOUNDARIES[code] === 1;
}

function isNameChar(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 46 || code === 95;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
