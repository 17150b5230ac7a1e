// Cross-site scripting (CWE-79; OWASP WSTG-INPV-01/02, XSS Prevention and Filter Evasion cheat sheets):
// markup a browser would run (script elements, event handlers, script URLs, plugin and frame elements,
// dangerous style), breakouts from an attribute value or a script string, and client-side template
// expressions. Markup is read by a small HTML tokenizer, not keyword patterns, so rich text (`<p>`, links,
// images, tables, inline style), markdown, "x < y", "I <3 you" and `John <john@example.com>` pass.
import type { ValueDetector } from '../../detector.js';
import { scanAttributeBreakout } from './attribute-breakout.js';
import { scanMarkup } from './markup.js';
import { scanScriptContext } from './script-breakout.js';
import { XSS_RULES, isPending, report, type XssScan } from './rules.js';
import { findCodeTemplate } from './templates.js';
import { scanTextUrls } from './text-urls.js';
import { CHAR } from '../../text-profile.js';

export { XSS_RULES } from './rules.js';

/**
 * The trigger gate: every rule needs one of these characters, so a text without any is never scanned.
 * - `<` markup: script, handler, dangerous and active tags, style elements, `</script>` (all tag rules).
 * - `:` a script or data: URL outside markup (xss.javascript-url, xss.js-sink's script URL in text).
 * - `=` an attribute breakout (`" onmouseover=...`).
 * - `(` and backtick: every sink call of a script-string breakout and of a payload call.
 * - `{` `${alert(1)}` in a template literal and `{{...}}` client-side templates.
 * A script-string breakout into an object sink without a call (`';document.cookie='x`) is not sought.
 */
const XSS_TRIGGERS = CHAR.lessThan | CHAR.colon | CHAR.equals | CHAR.paren | CHAR.backtick | CHAR.brace;
// The bits as module constants: read per call, an imported object's properties cost more than they look.
const LESS_THAN = CHAR.lessThan;
const COLON = CHAR.colon;
const EQUALS = CHAR.equals;
const BRACE = CHAR.brace;
const CALL = CHAR.paren | CHAR.backtick;
const QUOTES = CHAR.singleQuote | CHAR.doubleQuote | CHAR.backtick;
const DOLLAR_BRACE = CHAR.dollar | CHAR.brace;

export const xssDetector: ValueDetector = {
  name: 'xss',
  triggers: XSS_TRIGGERS,
  rules: Object.values(XSS_RULES),
  detect(text, field, paranoia, found, profile) {
    // The profile says which scanners have anything to look at, without a scan of the text per character.
    const hasMarkup = (profile & LESS_THAN) !== 0;
    const hasUrl = (profile & COLON) !== 0 && mayHoldScriptUrl(text);
    const hasHandler = (profile & EQUALS) !== 0 && mayHoldHandler(text);
    // A breakout needs a quote to close, or `${`; a bare payload call counts only from paranoia 2.
    const hasCode = (profile & CALL) !== 0 && ((profile & QUOTES) !== 0 || (profile & DOLLAR_BRACE) === DOLLAR_BRACE || paranoia >= 2);
    const hasTemplate = (profile & BRACE) !== 0 && text.indexOf('{{') !== -1;
    if (!hasMarkup && !hasUrl && !hasHandler && !hasCode && !hasTemplate) return;
    const scan: XssScan = { text, field, paranoia, found };
    if (hasMarkup) scanMarkup(scan);
    if (hasUrl) scanTextUrls(scan);
    // A handler already found inside a tag says all a breakout would.
    if (hasHandler && isPending(scan, XSS_RULES.eventHandler)) scanAttributeBreakout(scan);
    if (hasCode) scanScriptContext(scan, profile);
    if (hasTemplate) {
      const template = findCodeTemplate(text);
      if (template !== -1) report(scan, XSS_RULES.templateInjection, template);
    }
  },
};

// The quick tests below are the scanners' own first tests, kept here so the common case makes no call
// into another module (measurably dearer per value when modules are loaded through a CommonJS wrapper).

/**
 * Whether some `:` ends a scheme of interest: javascript, vbscript, livescript (`t`) or data (`a`), or a
 * tab or newline the URL parser drops (see text-urls.ts). `https:`, `10:30` and `Note:` fail at once.
 */
function mayHoldScriptUrl(text: string): boolean {
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    const code = text.charCodeAt(colon - 1);
    const lower = code | 0x20;
    if (lower === 116 || lower === 97 || code === 9 || code === 10 || code === 13) return true;
  }
  return false;
}

/**
 * Whether some `=` follows, after at most 8 spaces, a run of letters that starts with `on`, has five or
 * more and does not open the text: the shape attribute-breakout.ts reads as a handler name. `q=0.9`,
 * `utm_source=x` and `a == b` fail at once.
 */
function mayHoldHandler(text: string): boolean {
  for (let equals = text.indexOf('='); equals !== -1; equals = text.indexOf('=', equals + 1)) {
    let nameEnd = equals;
    while (nameEnd > 0 && equals - nameEnd < 8 && isHtmlSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > 0 && nameEnd - nameStart <= MAX_HANDLER_NAME && isAsciiLetter(text.charCodeAt(nameStart - 1))) nameStart--;
    if (nameStart > 0 && nameEnd - nameStart >= 5 && (text.charCodeAt(nameStart) | 0x20) === 111 && (text.charCodeAt(nameStart + 1) | 0x20) === 110) return true;
  }
  return false;
}

/** attribute-breakout.ts's bound on a name's length. */
const MAX_HANDLER_NAME = 40;

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** HTML's ASCII whitespace, as script-code.ts's isSpace. */
function isHtmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}
