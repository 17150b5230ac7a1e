// Server-side template injection (CWE-1336; OWASP WSTG-INPV-18): input a server renders as a template,
// in any of the common engines (Jinja2, Twig, Freemarker, Velocity, Thymeleaf / SpEL, ERB, Smarty,
// Handlebars, Mako, Pug, Razor, OGNL). Only what sits inside template delimiters is judged, so
// placeholders (`{{name}}`, `${price}`, `{{#each items}}`), "Use {% raw %} in Jekyll" and "$7*7" pass;
// expression-language gadgets that run without delimiters (SpEL in a header, CVE-2022-22963; OGNL,
// CVE-2017-5638) are matched anywhere.
import type { ValueDetector } from '../../detector.js';
import { scanAngleOpeners, scanBraces, scanRazor, scanVelocityDirectives, scanVelocityReferences } from './regions.js';
import { SSTI_RULES, report, type SstiScan } from './rules.js';
import { CHAR } from '../../text-profile.js';

export { SSTI_RULES } from './rules.js';

/**
 * Gadgets that evaluate without template delimiters, Java case as written: SpEL type locators, OGNL
 * static access and member-access tampering, and the Spring4Shell class-loader path (CVE-2022-22965).
 * Plain Java (`Runtime.getRuntime().exec(cmd)` in a code sample) is not one.
 */
const BARE_EXECUTION = ['T(java.', 'T (java.', '@java.lang.', '#_memberAccess', '@ognl.OgnlContext'];
/**
 * Judged in names only: Spring's data binder (CVE-2022-22965, CVE-2010-1622) and Struts' parameters
 * interceptor (CVE-2014-0094) walk property paths given as parameter names; in a value the path is text.
 */
const BARE_TRAVERSAL = ['class.module.classLoader', 'class.classLoader'];
/** PortSwigger's template fuzz string: a probe that makes every engine fail. */
const POLYGLOT = '${{<%[%\'"}}%';

/**
 * The trigger gate: every construct needs one of these characters.
 * - `{` `}`-delimited expressions of every kind (`{{ }}`, `{% %}`, `${ }`, `#{ }`, `*{ }`, `%{ }`, Smarty, `@{`)
 *   and the fuzz polyglot.
 * - `#` Freemarker's `<#...>` and `[#...]`, and OGNL's `#_memberAccess`.
 * - `<` ERB / EJS / JSP `<% %>`.
 * - `(` Velocity directives (`#set(`), Razor's `@( )`, SpEL's `T(`.
 * - `.` Velocity references (`$class.inspect`), and the gadgets that run without delimiters: `@java.lang.`,
 *   `@System.`, `@ognl.`, and the Spring4Shell path `class.module.classLoader` (a parameter name), which
 *   is nothing but letters and dots.
 * `$`, `@` and `[` need no bit of their own: every construct with one holds one of the above as well.
 */
const SSTI_TRIGGERS = CHAR.brace | CHAR.hash | CHAR.lessThan | CHAR.paren | CHAR.dot;
// The bits as module constants: read per call, an imported object's properties cost more than they look.
const BRACE = CHAR.brace;
const HASH = CHAR.hash;
const DOLLAR = CHAR.dollar;
const LESS_THAN = CHAR.lessThan;
const BRACKET = CHAR.bracket;
const PAREN = CHAR.paren;
const DOT = CHAR.dot;
/** `@` is among the `other` punctuation. */
const AT_SIGN = CHAR.other;

export const sstiDetector: ValueDetector = {
  name: 'ssti',
  triggers: SSTI_TRIGGERS,
  rules: Object.values(SSTI_RULES),
  detect(text, field, paranoia, found, profile) {
    // The profile says which scanners have anything to look at, so the common dotted value (a host, a
    // version, a token) costs no search at all, and an e-mail address or a URL one or two.
    const hasBrace = (profile & BRACE) !== 0;
    const hasHash = (profile & HASH) !== 0;
    const hasDollar = (profile & DOLLAR) !== 0;
    const hasAngle = ((profile & LESS_THAN) !== 0 && (text.indexOf('<%') !== -1 || text.indexOf('<#') !== -1)) || ((profile & BRACKET) !== 0 && text.indexOf('[#') !== -1);
    // `other` is mostly commas and question marks: one search tells whether an `@` is there.
    const hasAt = (profile & AT_SIGN) !== 0 && text.indexOf('@') !== -1;
    const hasRazor = hasAt && (((profile & PAREN) !== 0 && text.indexOf('@(') !== -1) || ((profile & DOT) !== 0 && text.indexOf('@System.') !== -1));
    // `T(java.` has a `(`, `@java.lang.` an `@`; the class-loader path counts in names only (see BARE_TRAVERSAL).
    const hasJava = (profile & DOT) !== 0 && ((profile & PAREN) !== 0 || hasAt) && text.indexOf('java.') !== -1;
    const hasClassLoader = field.isName && (profile & DOT) !== 0 && text.indexOf('classLoader') !== -1;
    const hasBareGadget = hasJava || hasClassLoader || (hasHash && text.indexOf('#_') !== -1);
    if (!hasBrace && !hasHash && !hasDollar && !hasAngle && !hasRazor && !hasBareGadget) return;
    const scan: SstiScan = { text, paranoia, found };
    if (hasBrace) scanBraces(scan);
    if (hasAngle) scanAngleOpeners(scan);
    if (hasHash) scanVelocityDirectives(scan);
    if (hasDollar) scanVelocityReferences(scan);
    if (hasRazor) scanRazor(scan);
    if (hasBareGadget || hasAngle) scanBareGadgets(scan, field.isName);
  },
};

function scanBareGadgets(scan: SstiScan, isName: boolean): void {
  const text = scan.text;
  const polyglot = text.indexOf(POLYGLOT);
  if (polyglot !== -1) report(scan, SSTI_RULES.expressionProbe, polyglot, polyglot + POLYGLOT.length);
  for (const gadget of BARE_EXECUTION) {
    const at = text.indexOf(gadget);
    if (at !== -1) return report(scan, SSTI_RULES.codeExecution, at, at + 120);
  }
  if (!isName) return;
  for (const gadget of BARE_TRAVERSAL) {
    const at = text.indexOf(gadget);
    if (at !== -1) return report(scan, SSTI_RULES.objectTraversal, at, at + 120);
  }
}
