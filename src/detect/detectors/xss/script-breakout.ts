// Input echoed inside a JavaScript string, closing it and continuing as code (OWASP XSS Prevention Cheat
// Sheet, rule 3): `';alert(1)//`, `"-alert(1)-"`, `');alert(1);//`, `${alert(1)}`. Found from each quote,
// looking a bounded distance ahead for closers, an operator and a sink; a quote followed by a letter
// (every apostrophe in prose) is rejected on its next character.
import { CHAR } from '../../text-profile.js';
import { XSS_RULES, isPending, report, type XssScan } from './rules.js';
import { callSinkBefore, isPayloadCall, isSinkAt, isSpace } from './script-code.js';

/** Characters that close what the quote was inside before the operator: `')`, `"]`, `'}`. */
const CLOSERS = charTable(')]} \t');
/**
 * Characters between the closers and a sink: operators, unary prefixes, spaces. Not `<` and `>`: after a
 * quote they open markup (`"><svg ...>`), which the markup scan judges.
 */
const OPERATORS = charTable(';+-*/%|&^,?:!~( \t\n\r');
const CLOSER_WINDOW = 8;
const OPERATOR_WINDOW = 16;
/** How far after the sink a `//` or `<!--` that comments out the rest of the line counts. */
const TAIL_WINDOW = 120;
const QUOTES: readonly (readonly [string, number])[] = [["'", CHAR.singleQuote], ['"', CHAR.doubleQuote], ['`', CHAR.backtick]];
const DOLLAR_BRACE = CHAR.dollar | CHAR.brace;

/**
 * Reports script-string breakouts: a quote, closers, at least one operator, then a sink (strong ones at
 * paranoia 1, weak ones at 2), `${alert(1)}` in a template literal, and at paranoia 2 bare payload calls.
 * `profile` is profileOf(text).
 */
export function scanScriptContext(scan: XssScan, profile: number): void {
  const text = scan.text;
  for (const [quote, bit] of QUOTES) {
    // The profile spares a search of the whole text for a quote it does not hold.
    if ((profile & bit) === 0) continue;
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
      const sink = sinkAfterBreakout(text, at);
      if (sink === -1) continue;
      if (isStrongBreakout(text, at, sink)) return report(scan, XSS_RULES.jsContextBreakout, at, sink + 40);
      report(scan, XSS_RULES.jsSink, at, sink + 40);
    }
  }
  for (let at = (profile & DOLLAR_BRACE) === DOLLAR_BRACE ? text.indexOf('${') : -1; at !== -1; at = text.indexOf('${', at + 2)) {
    if (isSinkAt(text, skipSpaces(text, at + 2))) return report(scan, XSS_RULES.jsContextBreakout, at, at + 40);
  }
  if (isPending(scan, XSS_RULES.jsSink)) scanPayloadCalls(scan);
}

/** Paranoia 2: `alert(1)`, `eval(...)` anywhere. */
function scanPayloadCalls(scan: XssScan): void {
  const text = scan.text;
  for (const opener of ['(', '`']) {
    for (let paren = text.indexOf(opener); paren !== -1; paren = text.indexOf(opener, paren + 1)) {
      const sink = callSinkBefore(text, paren);
      if (sink !== -1 && isPayloadCall(text, sink)) return report(scan, XSS_RULES.jsSink, sink, paren + 40);
    }
  }
}

/** Index of the sink after the quote at `quote`, its closers and operators; -1 when there is none. */
function sinkAfterBreakout(text: string, quote: number): number {
  let index = quote + 1;
  while (index < text.length && index - quote <= CLOSER_WINDOW && isIn(CLOSERS, text.charCodeAt(index))) index++;
  const operatorsStart = index;
  let operators = 0;
  while (index < text.length && index - operatorsStart < OPERATOR_WINDOW && isIn(OPERATORS, text.charCodeAt(index))) {
    if (!isSpace(text.charCodeAt(index)) && text.charCodeAt(index) !== 40) operators++;
    index++;
  }
  return operators > 0 && isSinkAt(text, index) ? index : -1;
}

/**
 * Strong when the quote opens the input, when a comment swallows the rest (`');alert(1)//`), or when no
 * closer was needed and nothing before the quote has a space (`x';alert(1)`). A code sample such as
 * `print('a'); alert(b)` is weak.
 */
function isStrongBreakout(text: string, quote: number, sink: number): boolean {
  if (quote === 0 || hasCommentAfter(text, sink)) return true;
  const hasClosers = text.slice(quote + 1, sink).replace(/[\s;+\-*/%|&^,?:!~(]/g, '') !== '';
  return !hasClosers && !hasSpaceBefore(text, quote);
}

function hasCommentAfter(text: string, sink: number): boolean {
  const tail = text.slice(sink, sink + TAIL_WINDOW);
  return tail.includes('//') || tail.includes('<!--');
}

function hasSpaceBefore(text: string, quote: number): boolean {
  for (let index = 0; index < quote; index++) if (isSpace(text.charCodeAt(index))) return true;
  return false;
}

/** A lookup table of ASCII characters, cheaper than a Set of one-character strings in the hot loop. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let index = 0; index < chars.length; index++) table[chars.charCodeAt(index)] = 1;
  return table;
}

function isIn(table: Uint8Array, code: number): boolean {
  return code < 128 && table[code] === 1;
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

