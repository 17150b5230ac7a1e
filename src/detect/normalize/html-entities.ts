// HTML / XML character references: `&lt;script&gt;`, `&#60;`, `&#x3C;`, with or without the closing
// `;` (browsers accept `&#60` and a few named references without it), decoded so `&#x6A;avascript:`
// reads as `javascript:`. Of the ~2 200 named references only those that spell ASCII punctuation and
// whitespace are known: they are what encoders and attackers use to hide syntax (`&lcub;&lcub;7*7&rcub;&rcub;`,
// `&commat;import`); letters and symbols need no hiding. Others stay as written.
import { unchanged, type Normalized } from './normalizer.js';

/**
 * The WHATWG named character references (HTML Living Standard 13.5) whose value is ASCII punctuation
 * or whitespace, keyed lowercase: looked up case-insensitively so `&LT;`, `&Tab;` and `&NewLine;` all
 * decode (no two names here differ only in case with different values). A Map, not an object literal:
 * `&constructor;` must not find Object.prototype's members.
 */
const NAMED: ReadonlyMap<string, string> = new Map(Object.entries({
  // Markup and quotes.
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", grave: '`', diacriticalgrave: '`',
  // Slashes, brackets, braces.
  sol: '/', bsol: '\\', lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']',
  lcub: '{', rcub: '}', lbrace: '{', rbrace: '}',
  // Operators and separators.
  colon: ':', semi: ';', comma: ',', period: '.', equals: '=', excl: '!', quest: '?', num: '#', percnt: '%',
  dollar: '$', ast: '*', midast: '*', plus: '+', verbar: '|', vert: '|', verticalline: '|', commat: '@',
  lowbar: '_', underbar: '_', hat: '^',
  // U+2010 HYPHEN by the standard, but read as `-`: it is what `&hyphen;` is used for in payloads, and
  // Windows best-fit conversion (WideCharToMultiByte) turns U+2010 into `-` on the way to the backend.
  hyphen: '-', dash: '-',
  // Whitespace.
  tab: '\t', newline: '\n', nbsp: '\u00a0',
}));

// Numeric references and names are bounded in length (one pass, no nesting: linear time). 16 letters
// is the longest name above (DiacriticalGrave).
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z]{2,16}));?/g;

/**
 * Legacy names that HTML decodes without `;` even when letters follow (13.2.5.73: `&ltscript` is
 * `<script` in text, and Python's html.unescape agrees); only these four spell syntax.
 */
const LEGACY_PREFIXES: readonly (readonly [string, string])[] = [['quot', '"'], ['amp', '&'], ['lt', '<'], ['gt', '>']];

export function decodeHtmlEntities(input: string): Normalized {
  if (!input.includes('&')) return unchanged(input);
  const value = input.replace(REFERENCE, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED.get(name.toLowerCase()) ?? legacyPrefix(whole, name);
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal!, 10);
    // Outside Unicode, or a surrogate: what browsers show instead (U+FFFD); NUL likewise.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
  return value === input ? unchanged(input) : { value, changed: true };
}

/** `&ltscript` as `<script`: a legacy name followed by more letters and no `;`; otherwise the reference as written. */
function legacyPrefix(whole: string, name: string): string {
  if (whole.endsWith(';')) return whole;
  const lower = name.toLowerCase();
  for (const [legacy, char] of LEGACY_PREFIXES) if (lower.startsWith(legacy)) return char + name.slice(legacy.length);
  return whole;
}
