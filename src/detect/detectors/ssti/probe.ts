// The arithmetic probes scanners send first to find template injection (PortSwigger, "Server-side
// template injection": `{{7*7}}` renders 49, `{{7*'7'}}` tells Jinja2 from Twig): an expression of number
// literals joined by `*` or `+` (and `-`, `/` besides), optionally quoted. `{{ 2024-01-05 }}` is not one.

/** Whether text[start, end) is only such an expression, with spaces and ERB / doT markers around it. */
export function isArithmeticProbe(text: string, start: number, end: number): boolean {
  let index = skipMarkers(text, start, end);
  let terms = 0;
  let hasProbeOperator = false;
  while (index < end) {
    const after = readNumber(text, index, end);
    if (after === -1) return false;
    terms++;
    index = skipSpaces(text, after, end);
    if (index >= end || isClosingMarker(text, index, end)) break;
    const operator = text.charCodeAt(index);
    // * + - /
    if (operator !== 42 && operator !== 43 && operator !== 45 && operator !== 47) return false;
    if (operator === 42 || operator === 43) hasProbeOperator = true;
    index = skipSpaces(text, index + 1, end);
  }
  return terms >= 2 && hasProbeOperator;
}

/** `=` (ERB, doT), `-` (trim markers), `{` (`${{7*7}}`) and spaces before the expression. */
function skipMarkers(text: string, start: number, end: number): number {
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code !== 61 && code !== 45 && code !== 123 && !isSpace(code)) break;
    // A `-` followed by a digit is a sign, not a marker.
    if (code === 45 && isDigit(text.charCodeAt(index + 1))) break;
    index++;
  }
  return index;
}

/** A trailing trim marker or `}` left by a nested brace: `{{ 7*7 -}}`, `${{7*7}}`. */
function isClosingMarker(text: string, index: number, end: number): boolean {
  for (let at = index; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code !== 45 && code !== 125 && code !== 37 && !isSpace(code)) return false;
  }
  return true;
}

/** End of a number (optionally signed, decimal, or quoted: `'7'`) at `index`, or -1. */
function readNumber(text: string, index: number, end: number): number {
  let at = index;
  const quote = text.charCodeAt(at);
  const isQuoted = quote === 39 || quote === 34;
  if (isQuoted) at++;
  if (text.charCodeAt(at) === 45) at++;
  const digitsStart = at;
  while (at < end && (isDigit(text.charCodeAt(at)) || text.charCodeAt(at) === 46)) at++;
  if (at === digitsStart || at - digitsStart > 12) return -1;
  if (isQuoted) return text.charCodeAt(at) === quote ? at + 1 : -1;
  return at;
}

function skipSpaces(text: string, from: number, end: number): number {
  let index = from;
  while (index < end && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
