// Style that runs script or pulls in more style: IE's expression() and behavior (HTC), Firefox's
// -moz-binding (XBL), Opera's -o-link, @import, and script URLs inside url(). Read after undoing what
// CSS itself allows around them (CSS Syntax Level 3): comments (`exp/**/ression(`), escapes (`\65 xpression`,
// `ex\pression`) and whitespace, all lowercased.

const THREATS = ['expression(', 'javascript:', 'vbscript:', '-moz-binding', 'behavior:', 'behaviour:', '-o-link', '@import'];
/** Style longer than this is judged on its first part: an attack needs no more, and the copy stays small. */
const MAX_STYLE_LENGTH = 8192;

/** Whether the style text in [start, end) holds one of THREATS. */
export function isDangerousStyle(text: string, start: number, end: number): boolean {
  const stop = Math.min(end, start + MAX_STYLE_LENGTH);
  // Cheap test: every threat has `(`, `:`, `@` or `-`, and an escape or comment could hide the first three.
  if (!hasAnyOf(text, start, stop)) return false;
  const folded = foldCss(text, start, stop);
  return THREATS.some((threat) => folded.includes(threat));
}

function hasAnyOf(text: string, start: number, stop: number): boolean {
  for (let index = start; index < stop; index++) {
    const code = text.charCodeAt(index);
    // ( : @ - \
    if (code === 40 || code === 58 || code === 64 || code === 45 || code === 92) return true;
  }
  return false;
}

/** The style without comments, escapes or whitespace, ASCII-lowercased. */
function foldCss(text: string, start: number, stop: number): string {
  let out = '';
  let index = start;
  while (index < stop) {
    const code = text.charCodeAt(index);
    if (code === 47 && text.charCodeAt(index + 1) === 42) {
      const close = text.indexOf('*/', index + 2);
      index = close === -1 || close >= stop ? stop : close + 2;
    } else if (code === 92) {
      index = readEscape(text, index + 1, stop, (char) => (out += char));
    } else {
      if (code > 32) out += String.fromCharCode(code >= 65 && code <= 90 ? code | 0x20 : code);
      index++;
    }
  }
  return out;
}

/** A CSS escape after its backslash: up to six hex digits and one optional space, or any other character. */
function readEscape(text: string, from: number, stop: number, emit: (char: string) => void): number {
  let index = from;
  let value = 0;
  while (index < stop && index - from < 6 && isHexDigit(text.charCodeAt(index))) value = value * 16 + Number.parseInt(text.charAt(index++), 16);
  if (index === from) {
    if (from < stop) emit(text.charAt(from).toLowerCase());
    return from + 1;
  }
  if (index < stop && text.charCodeAt(index) <= 32) index++;
  if (value > 0 && value <= 0x10ffff) emit(String.fromCodePoint(value).toLowerCase());
  return index;
}

function isHexDigit(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 102);
}
