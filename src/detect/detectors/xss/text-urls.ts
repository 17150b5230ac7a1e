// Script URLs outside markup: a whole value (`javascript:alert(1)` in a redirect or link field, echoed
// into an href), a markdown link (`[x](javascript:alert(1))`), or a URL inside a value
// (`/login?next=javascript:...`). "JavaScript: The Good Parts" as a book title must pass: at the start of a
// value the URL must be URL-shaped (no spaces), contain a call, or sit in a field named like a URL; inside
// a value it must contain a call or follow a URL-named parameter or attribute.
import { XSS_RULES, isPending, report, type XssScan } from './rules.js';
import { isIdentifierPart, isSpace } from './script-code.js';
import { classifyUrl, isUrlField, schemeStartBefore } from './url-scheme.js';

/** How far after the colon a call makes the URL code. */
const TAIL_WINDOW = 200;
/** Parameter and attribute names longer than this are not looked at. */
const MAX_NAME_LENGTH = 32;
/** Characters after which a URL starts where a browser or a renderer would take it as one. */
const URL_BOUNDARIES = new Set(['=', '"', "'", '`', '(', '>', '[', ',']);

export function scanTextUrls(scan: XssScan): void {
  const text = scan.text;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    if (!isSchemeEnd(text.charCodeAt(colon - 1))) continue;
    const start = schemeStartBefore(text, colon);
    // 'data' is the shortest scheme of interest.
    if (colon - start < 4) continue;
    const kind = classifyUrl(text, start, Math.min(text.length, colon + 64));
    if (kind === 'none' || kind === 'svg-data') continue;
    const verdict = kind === 'script' ? judgeScriptUrl(scan, start, colon) : judgeDataUrl(text, start);
    if (verdict === 'attack') report(scan, XSS_RULES.javascriptUrl, start, colon + 80);
    else if (verdict === 'mention') report(scan, XSS_RULES.jsSink, start, colon + 80);
    if (!isPending(scan, XSS_RULES.javascriptUrl)) return;
  }
}

type Verdict = 'attack' | 'mention' | 'none';

function judgeScriptUrl(scan: XssScan, start: number, colon: number): Verdict {
  const text = scan.text;
  const tail = colon + 1;
  if (tail >= text.length) return 'none';
  const isCall = hasCallAfter(text, tail);
  if (isValueStart(text, start)) {
    return isCall || isUrlField(scan.field.name) || !hasSpaceAfter(text, tail) ? 'attack' : 'none';
  }
  const before = text.charAt(start - 1);
  if (isIdentifierPart(before.charCodeAt(0))) return 'none';
  if (!URL_BOUNDARIES.has(before)) return isCall ? 'mention' : 'none';
  if (isCall) return 'attack';
  // Without a call, only where a link goes: `?next=javascript:...`, `href="javascript:..."`, `[x](javascript:...)`.
  return !isSpace(text.charCodeAt(tail)) && isLinkPosition(text, start - 1) ? 'attack' : 'none';
}

/** Whether the boundary at `at` opens a link: after a URL-named parameter or attribute, or a markdown `](`. */
function isLinkPosition(text: string, at: number): boolean {
  const boundary = text.charAt(at);
  if (boundary === '(') return text.charAt(at - 1) === ']';
  const equals = boundary === '=' ? at : (boundary === '"' || boundary === "'") && text.charAt(at - 1) === '=' ? at - 1 : -1;
  if (equals === -1) return false;
  let nameStart = equals;
  while (nameStart > 0 && equals - nameStart < MAX_NAME_LENGTH && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  return isUrlField(text.slice(nameStart, equals));
}

function isNameChar(code: number): boolean {
  return isIdentifierPart(code) || code === 45 || code === 58;
}

/** A data: URL of a document at the start of a value or after a URL boundary; elsewhere a mention. */
function judgeDataUrl(text: string, start: number): Verdict {
  return isValueStart(text, start) || URL_BOUNDARIES.has(text.charAt(start - 1)) ? 'attack' : 'mention';
}

/** The last character of a scheme of interest (`t` of javascript, vbscript, livescript; `a` of data) or a stripped one. */
function isSchemeEnd(code: number): boolean {
  const lower = code | 0x20;
  return lower === 116 || lower === 97 || code === 9 || code === 10 || code === 13;
}

/** Only spaces and control characters before `start` (browsers strip them from a URL). */
function isValueStart(text: string, start: number): boolean {
  for (let index = 0; index < start; index++) if (text.charCodeAt(index) > 32) return false;
  return true;
}

/** A call in the tail: a `(` or backtick right after a name or a closing bracket (`alert(1)`, `(alert)(1)`). */
function hasCallAfter(text: string, from: number): boolean {
  const limit = Math.min(text.length, from + TAIL_WINDOW);
  for (let index = from + 1; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code !== 40 && code !== 96) continue;
    const previous = text.charCodeAt(index - 1);
    if (isIdentifierPart(previous) || previous === 41 || previous === 93) return true;
  }
  return false;
}

function hasSpaceAfter(text: string, from: number): boolean {
  return text.indexOf(' ', from) !== -1;
}
