// JavaScript and Unicode escapes: `\u0061`, `\u{1F600}`, `\x61`, and the octal-free single-character
// escapes, as a JSON or JavaScript parser downstream would read them: `\u003cscript\u003e` is `<script>`.
import { unchanged, type Normalized } from './normalizer.js';

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0', '/': '/', '\\': '\\', '"': '"', "'": "'" };

// Every alternative is fixed-length or bounded ({1,6}): linear time.
const ESCAPE = /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([nrtbfv0/\\"']))/g;

export function decodeJsEscapes(input: string): Normalized {
  if (!input.includes('\\')) return unchanged(input);
  const value = input.replace(ESCAPE, (whole, braced: string | undefined, u4: string | undefined, x2: string | undefined, simple: string | undefined) => {
    if (simple !== undefined) return SIMPLE[simple] ?? whole;
    const code = Number.parseInt((braced ?? u4 ?? x2)!, 16);
    return code > 0x10ffff ? whole : String.fromCodePoint(code);
  });
  return value === input ? unchanged(input) : { value, changed: true };
}
