// Unicode compatibility folding (NFKC, UAX #15): full-width `＜script＞`, `％２７` and ligatures become the
// ASCII a browser, database or best-fit code-page conversion would act on, plus three homoglyphs NFKC
// keeps but backends are documented to turn into syntax.
import { unchanged, type Normalized } from './normalizer.js';

/**
 * Characters NFKC leaves alone that a server converts to ASCII syntax. Deliberately tiny:
 * - U+02BC MODIFIER LETTER APOSTROPHE: SQL Server turns it into `'` when an nvarchar value is cast to
 *   a code-page type ("Unicode homoglyph SQL injection"; OWASP SQL Injection Prevention, escaping).
 * - U+2215 DIVISION SLASH and U+2216 SET MINUS: Windows best-fit mapping (IIS, `%u2215`) reads them as
 *   `/` and `\`, the classic path traversal bypass (CAPEC-80, Orange Tsai's "WorstFit", 2025).
 * Not mapped: U+2018/U+2019 and U+201C/U+201D. They are the apostrophes and quotes of ordinary prose
 * (every phone keyboard types `O’Brien`, `don’t`), Windows-1252 has them so best-fit conversion keeps
 * them, and MySQL / PostgreSQL never treat them as string delimiters: mapping them would add quotes to
 * benign text for no real attack. Likewise ¥ and ₩ (backslash only in Japanese / Korean code pages).
 */
const CONFUSABLES: Readonly<Record<string, string>> = { '\u02bc': "'", '\u2215': '/', '\u2216': '\\' };
const CONFUSABLE = /[\u02bc\u2215\u2216]/g;
const NON_ASCII = /[\u0080-\uffff]/;

export function foldUnicode(input: string): Normalized {
  // Fast path: NFKC and the confusables only touch non-ASCII, and nearly every API value is ASCII.
  if (!NON_ASCII.test(input)) return unchanged(input);
  const folded = input.normalize('NFKC');
  const value = folded.replace(CONFUSABLE, (char) => CONFUSABLES[char] ?? char);
  return value === input ? unchanged(input) : { value, changed: true };
}
