// Input echoed inside an attribute value, closing it and adding an event handler (OWASP XSS Prevention
// Cheat Sheet, rule 2): `" onmouseover="alert(1)`, `' autofocus onfocus=...`, `x onmouseover=alert(1)`.
// Found from the rare part, a handler name before an `=`, looking back a bounded distance for the quote,
// so apostrophes and quotes in prose cost nothing.
import { isKnownEventAttribute } from './events.js';
import { isHandlerName } from './names.js';
import { XSS_RULES, report, type XssScan } from './rules.js';
import { findSink, isCodeLike, isInertHandler, isPayloadCall, isSpace } from './script-code.js';

/** How far back from a handler name the closing quote may be (`" autofocus tabindex=1 onfocus=`). */
const QUOTE_WINDOW = 64;
/** How far a handler value is read; enough for any payload's first call. */
const VALUE_WINDOW = 256;
const MAX_NAME_LENGTH = 40;

/** Reports `xss.attribute-breakout` for the first handler that follows a closed attribute value. */
export function scanAttributeBreakout(scan: XssScan): void {
  const text = scan.text;
  for (let equals = text.indexOf('='); equals !== -1; equals = text.indexOf('=', equals + 1)) {
    const at = handlerBreakoutBefore(text, equals);
    if (at !== -1) return report(scan, XSS_RULES.attributeBreakout, at, valueEnd(text, equals));
  }
}

/** Start of the handler name before the `=` at `equals` (spaces between allowed), or -1. */
function handlerNameBefore(text: string, equals: number): number {
  let nameEnd = equals;
  while (nameEnd > 0 && equals - nameEnd < 8 && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > 0 && nameEnd - nameStart <= MAX_NAME_LENGTH && isLetter(text.charCodeAt(nameStart - 1))) nameStart--;
  // A name at the very start is the value itself (`onload=1`), not a second attribute.
  return nameStart === 0 || !isHandlerName(text, nameStart, nameEnd) ? -1 : nameStart;
}

function handlerBreakoutBefore(text: string, equals: number): number {
  const nameStart = handlerNameBefore(text, equals);
  if (nameStart === -1) return -1;
  let nameEnd = nameStart;
  while (isLetter(text.charCodeAt(nameEnd))) nameEnd++;
  const name = text.slice(nameStart, nameEnd).toLowerCase();
  const valueStart = skipSpaces(text, equals + 1);
  const end = valueEnd(text, equals);
  if (isInertHandler(text, valueStart, end)) return -1;
  const isCode = isCodeLike(text, valueStart, end);
  if (!isKnownEventAttribute(name) && !isCode) return -1;
  const before = text.charCodeAt(nameStart - 1);
  // `"onmouseover=...`: no space is needed after a closing quote, but then the value must be code.
  if (isQuote(before)) return isCode && isClosingQuote(text, nameStart - 1) ? nameStart - 1 : -1;
  if (!isSpace(before) && before !== 47) return -1;
  const quote = quoteBefore(text, nameStart - 1);
  if (quote !== -1 && isClosingQuote(text, quote)) return quote;
  // An unquoted value (`x onmouseover=alert(1)`): only with a payload's call, since "use onclick=save()" is prose.
  const sink = findSink(text, valueStart, end);
  return sink !== -1 && isPayloadCall(text, sink) ? nameStart : -1;
}

/** The nearest quote before `from` within the window, across attribute-like text (no `<` or `>`). */
function quoteBefore(text: string, from: number): number {
  for (let index = from; index >= 0 && from - index < QUOTE_WINDOW; index--) {
    const code = text.charCodeAt(index);
    if (isQuote(code)) return index;
    if (code === 60 || code === 62) return -1;
  }
  return -1;
}

/** A quote that can close a value: first in the input, or after a character (an opening quote in prose follows a space). */
function isClosingQuote(text: string, quote: number): boolean {
  return quote === 0 || !isSpace(text.charCodeAt(quote - 1));
}

/** End of the value after `=`: its closing quote, or the next space or `>`, within VALUE_WINDOW. */
function valueEnd(text: string, equals: number): number {
  const start = skipSpaces(text, equals + 1);
  const limit = Math.min(text.length, start + VALUE_WINDOW);
  const quote = text.charCodeAt(start);
  if (isQuote(quote)) {
    for (let index = start + 1; index < limit; index++) if (text.charCodeAt(index) === quote) return index;
    return limit;
  }
  let index = start;
  while (index < limit && !isSpace(text.charCodeAt(index)) && text.charCodeAt(index) !== 62) index++;
  return index;
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39 || code === 96;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}
