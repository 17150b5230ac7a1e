// Finding template expressions: the delimiters of Jinja2 / Twig / Nunjucks / Handlebars (`{{ }}`, `{% %}`),
// Freemarker, Mako, EL, SpEL and JS template literals (`${ }`), Pug and Ruby (`#{ }`), Thymeleaf (`*{ }`,
// `@{ }`, `~{ }`), OGNL (`%{ }`), ERB / EJS / JSP (`<% %>`), Freemarker directives (`<# >`, `[# ]`),
// Velocity (`#set( )`, `$ref.member`), Razor (`@( )`, `@System.`) and Smarty (`{php}`, `{system(...)}`).
// Each opener is found with indexOf and each scan resumes after the expression it judged; a missing
// closer is remembered, so `{{` repeated 50 000 times costs one search (linear time).
import { judgeExpression, type Delimiter } from './expressions.js';
import type { SstiScan } from './rules.js';

/** Velocity and Razor references end at a space; one longer than this is not a reference. */
const MAX_REFERENCE = 512;
const VELOCITY_DIRECTIVES = ['set', 'foreach', 'if', 'elseif', 'evaluate', 'include', 'parse', 'define', 'macro'];
/** What can follow `{` in Smarty syntax that no other text has: `{php}`, `{$smarty.version}`, `{system('id')}`. */
const SMARTY_OPENINGS = ['php}', '/php}', '$smarty', 'smarty_internal', 'self::', 'if ', 'system(', 'exec(', 'passthru(', 'shell_exec(', 'eval('];
/** `X{` openers and what each is. */
const BRACE_PREFIXES: Readonly<Record<string, Delimiter>> = { $: 'dollar', '#': 'hash', '*': 'thymeleaf', '@': 'thymeleaf', '~': 'thymeleaf', '%': 'ognl' };

/** The last search for a closer: later searches from before `at` reuse it (positions only increase). */
interface CloserMemo {
  from: number;
  at: number;
  /** A left-open expression of this kind was judged: it holds every later one, which are skipped. */
  hasJudgedOpen: boolean;
}

function findCloser(text: string, closer: string, from: number, memo: CloserMemo): number {
  if (from < memo.from || (memo.at !== -1 && memo.at < from)) {
    memo.from = from;
    memo.at = text.indexOf(closer, from);
  }
  return memo.at;
}

const newMemo = (): CloserMemo => ({ from: Number.MAX_SAFE_INTEGER, at: -1, hasJudgedOpen: false });

/** Judges every `{`-opened expression; returns nothing, reports through judgeExpression. */
export function scanBraces(scan: SstiScan): void {
  const text = scan.text;
  const memos = { double: newMemo(), statement: newMemo(), single: newMemo() };
  for (let brace = text.indexOf('{'); brace !== -1; ) {
    const prefix = BRACE_PREFIXES[text.charAt(brace - 1)];
    const next = text.charAt(brace + 1);
    let end = -1;
    if (prefix !== undefined) end = judgeRegion(scan, prefix, brace - 1, brace + 1, '}', memos.single);
    else if (next === '{') end = judgeRegion(scan, 'mustache', brace, brace + 2, '}}', memos.double);
    else if (next === '%') end = judgeRegion(scan, 'statement', brace, brace + 2, '%}', memos.statement);
    else if (isSmartyOpening(text, brace + 1)) end = judgeRegion(scan, 'smarty', brace, brace + 1, '}', memos.single);
    brace = text.indexOf('{', end === -1 ? brace + 1 : end);
  }
}

/** `<% %>` (ERB, EJS, JSP, Mako blocks) and Freemarker's `<# >` and `[# ]` directives. */
export function scanAngleOpeners(scan: SstiScan): void {
  scanOpener(scan, '<%', '%>', 'erb');
  scanOpener(scan, '<#', '>', 'freemarker');
  scanOpener(scan, '[#', ']', 'freemarker');
}

/** Razor's `@( )` explicit expressions and `@System.` implicit ones. */
export function scanRazor(scan: SstiScan): void {
  scanOpener(scan, '@(', ')', 'razor');
  const text = scan.text;
  for (let at = text.indexOf('@System.'); at !== -1; at = text.indexOf('@System.', referenceEnd(text, at + 1))) {
    judgeExpression(scan, 'razor', at, at + 1, referenceEnd(text, at + 1));
  }
}

/** Velocity's `#set( )`-style directives. */
export function scanVelocityDirectives(scan: SstiScan): void {
  const text = scan.text;
  let memo: CloserMemo | undefined;
  for (let hash = text.indexOf('#'); hash !== -1; ) {
    const paren = velocityDirectiveParen(text, hash + 1);
    const end = paren === -1 ? -1 : judgeRegion(scan, 'velocity', hash, paren + 1, ')', (memo ??= newMemo()));
    hash = text.indexOf('#', end === -1 ? hash + 1 : end);
  }
}

/** Velocity's `$name.member` references (`$class.inspect("...")`); not `$HOME`, `$5` or `$price`. */
export function scanVelocityReferences(scan: SstiScan): void {
  const text = scan.text;
  for (let dollar = text.indexOf('$'); dollar !== -1; ) {
    const end = isReferenceStart(text, dollar + 1) ? referenceEnd(text, dollar + 1) : -1;
    if (end !== -1) judgeExpression(scan, 'reference', dollar, dollar + 1, end);
    dollar = text.indexOf('$', end === -1 ? dollar + 1 : end);
  }
}

function scanOpener(scan: SstiScan, opener: string, closer: string, delimiter: Delimiter): void {
  const text = scan.text;
  const memo = newMemo();
  for (let at = text.indexOf(opener); at !== -1; ) {
    const end = judgeRegion(scan, delimiter, at, at + opener.length, closer, memo);
    at = text.indexOf(opener, end);
  }
}

/**
 * Judges the expression from `bodyStart` to its closer and returns where scanning resumes: after the
 * closer, so bodies never overlap. A left-open expression runs to the end (the page's own closer may end
 * it) and is judged once per kind; scanning resumes inside it, so a nested `${7*7}` is judged on its own.
 */
function judgeRegion(scan: SstiScan, delimiter: Delimiter, open: number, bodyStart: number, closer: string, memo: CloserMemo): number {
  const close = findCloser(scan.text, closer, bodyStart, memo);
  if (close !== -1) {
    judgeExpression(scan, delimiter, open, bodyStart, close);
    return close + closer.length;
  }
  if (!memo.hasJudgedOpen) judgeExpression(scan, delimiter, open, bodyStart, scan.text.length);
  memo.hasJudgedOpen = true;
  return bodyStart;
}

function isSmartyOpening(text: string, at: number): boolean {
  const code = text.charCodeAt(at) | 0x20;
  // Cheap first test: the openings start with p, /, $, s, i, e.
  if (code !== 112 && code !== 47 && code !== 36 && code !== 115 && code !== 105 && code !== 101) return false;
  const head = text.slice(at, at + 16).toLowerCase();
  return SMARTY_OPENINGS.some((opening) => head.startsWith(opening));
}

/** Index of the `(` of a Velocity directive whose name starts at `at` (`set(`, `set (`), or -1. */
function velocityDirectiveParen(text: string, at: number): number {
  for (const directive of VELOCITY_DIRECTIVES) {
    if (!text.startsWith(directive, at)) continue;
    let index = at + directive.length;
    while (text.charCodeAt(index) === 32) index++;
    return text.charCodeAt(index) === 40 ? index : -1;
  }
  return -1;
}

/** `$name.` or `$!name.`: a Velocity reference with a member, not `$HOME`, `$5` or `$price`. */
function isReferenceStart(text: string, at: number): boolean {
  let index = text.charCodeAt(at) === 33 ? at + 1 : at;
  if (!isNameStart(text.charCodeAt(index))) return false;
  while (index < text.length && index - at < 64 && isNamePart(text.charCodeAt(index))) index++;
  return text.charCodeAt(index) === 46;
}

/** End of a reference chain: the next space (a call's arguments may hold anything else), bounded. */
function referenceEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_REFERENCE);
  let index = from;
  while (index < limit && !isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isNameStart(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || code === 95;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
