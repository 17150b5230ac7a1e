// NUL and the other C0 control characters, which many parsers and C-backed servers silently drop or
// stop at (`sel%00ect`, `<scr%00ipt>`, `java%01script:`; CWE-158, OWASP "Null byte injection"), removed
// so detectors see the word the server acts on. Tab, CR and LF stay: they are whitespace in SQL, HTML
// and shells, and CRLF / header injection detection (CWE-93) needs them. Form feed and vertical tab
// become a space: they separate words (FF is HTML's ASCII whitespace, so `<svg\fonload=...>` has an
// attribute; both are JavaScript and SQL whitespace), and deleting them would glue the words together.
import { unchanged, type Normalized } from './normalizer.js';

// U+0000-U+001F but tab, LF and CR. DEL (U+007F) is not C0 and parsers keep it.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const DROPPED_ALL = /[\x00-\x08\x0e-\x1f]+/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const SPACING_ALL = /[\x0b\x0c]/g;

export function removeNullBytes(input: string): Normalized {
  if (!CONTROL.test(input)) return unchanged(input);
  return { value: input.replace(DROPPED_ALL, '').replace(SPACING_ALL, ' '), changed: true };
}
