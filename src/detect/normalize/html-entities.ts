// HTML / XML character references: `&lt;script&gt;`, `&#60;`, `&#x3C;`, with or without the closing
// `;` (browsers accept `&#60` and a few named references without it), decoded so `&#x6A;avascript:`
// reads as `javascript:`. Only the named references attacks use are known; others stay as written.
import { unchanged, type Normalized } from './normalizer.js';

const NAMED: Readonly<Record<string, string>> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", sol: '/', bsol: '\\', colon: ':', semi: ';', lpar: '(', rpar: ')',
  lbrack: '[', rbrack: ']', lbrace: '{', rbrace: '}', equals: '=', excl: '!', num: '#', percnt: '%', period: '.',
  comma: ',', grave: '`', tab: '\t', newline: '\n', nbsp: '\u00a0', plus: '+', quest: '?', verbar: '|', dollar: '$', ast: '*',
};

// Numeric references are bounded in length (no catastrophic backtracking: one pass, no nesting).
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z]{2,8}));?/g;

export function decodeHtmlEntities(input: string): Normalized {
  if (!input.includes('&')) return unchanged(input);
  const value = input.replace(REFERENCE, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal!, 10);
    // Outside Unicode, or a surrogate: what browsers show instead (U+FFFD); NUL likewise.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
  return value === input ? unchanged(input) : { value, changed: true };
}
