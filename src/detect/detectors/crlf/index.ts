// CRLF injection and HTTP response splitting (CWE-93, CWE-113; OWASP "CRLF Injection"): a line break
// that starts a header, a status line or a body in a value a server may copy into a response header
// (`Location`, `Set-Cookie`) or an outgoing request, and log forging (CWE-117), a line break that starts
// a fake log entry. Line breaks in body text are normal, so bodies count only for the headers and lines
// that take over a response or a log.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { classifyLineStart, type LineStart } from './line-start.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: DetectionRule['paranoia']): DetectionRule =>
  ({ id: `crlf.${id}`, attackClass: 'crlf', title, owasp: OWASP.injection, severity, paranoia });

export const HEADER_INJECTION = rule('header-injection', 'Line break followed by a header field (header injection)', 'critical', 1);
export const RESPONSE_SPLITTING = rule('response-splitting', 'Line break followed by a status line, request line or message body (HTTP splitting)', 'critical', 1);
export const UNICODE_LINE_BREAK = rule('unicode-line-break', 'U+560A / U+560D (truncated to LF / CR by Latin-1 servers) before a header or status line', 'critical', 1);
export const LOG_FORGING = rule('log-forging', 'Line break followed by a forged log entry (client address, timestamp or severity)', 'critical', 1);
export const INJECTED_LINE = rule('injected-line', 'Line break followed by a header-like or status line in text', 'high', 2);
export const LINE_BREAK = rule('line-break', 'CR or LF in a query, path, header or cookie value', 'medium', 2);

/** U+560A and U+560D end in 0x0A / 0x0D: servers that keep the low byte (Node.js before 8.14, CVE-2018-12116) see LF / CR. */
const FAKE_LF = 0x560a;
const FAKE_CR = 0x560d;
/** Line breaks examined per value: far beyond any header-bound value; bounds the work a crafted one causes. */
const MAX_BREAKS = 1000;
const PLAIN_BREAK_MARKS = ['\n', '\r'];
const LOOK_ALIKE_MARKS = ['\u560a', '\u560d'];
const BREAK_MARKS = [...PLAIN_BREAK_MARKS, ...LOOK_ALIKE_MARKS];
const FRAGMENT_LENGTH = 80;

export const crlfDetector: ValueDetector = {
  name: 'crlf',
  // Every rule needs a CR or LF, or a look-alike (U+560A / U+560D, non-ASCII).
  triggers: CHAR.newline | CHAR.nonAscii,
  rules: [HEADER_INJECTION, RESPONSE_SPLITTING, UNICODE_LINE_BREAK, LOG_FORGING, INJECTED_LINE, LINE_BREAK],
  detect(text: string, field: InputField, paranoia: Paranoia, found: Detection[], profile: number): void {
    const first = firstBreak(text, profile);
    if (first === -1) return;
    const context: Context = {
      // Values copied into headers and URLs; body text is free to have lines.
      isHeaderBound: field.kind !== 'body',
      isSingleToken: isSingleTokenLine(text, first),
      isLabelled: isLabelLine(text, first),
      startsWithBreak: first === 0,
    };
    const reported = new Set<DetectionRule>();
    const report = (matched: DetectionRule, at: number): void => {
      if (matched.paranoia > paranoia || reported.has(matched)) return;
      reported.add(matched);
      found.push({ rule: matched, fragment: text.slice(at, at + FRAGMENT_LENGTH) });
    };
    for (let index = first, breaks = 0; index < text.length && breaks < MAX_BREAKS; index++) {
      const code = text.charCodeAt(index);
      if (code === FAKE_LF || code === FAKE_CR) {
        breaks++;
        const runEnd = skipFakeBreaks(text, index);
        if (isFakeBreakTarget(classifyLineStart(text, runEnd), context.isHeaderBound)) report(UNICODE_LINE_BREAK, index);
        index = runEnd - 1;
        continue;
      }
      if (code !== 10 && code !== 13) continue;
      breaks++;
      const runEnd = skipBreaks(text, index);
      const rule = verdict(classifyLineStart(text, runEnd), context, isBlankLine(text, index, runEnd));
      if (rule !== undefined) report(rule, index);
      if (context.isHeaderBound) report(LINE_BREAK, index);
      index = runEnd - 1;
    }
  },
};

/** What is known of a value before its lines are read. */
interface Context {
  /** A query, path, header or cookie value: copied into headers and URLs, where no line belongs. */
  readonly isHeaderBound: boolean;
  /** The first line is one token (or empty), as a header value is: see isSingleTokenLine. */
  readonly isSingleToken: boolean;
  /** The first line is a label introducing what follows (`Headers:`), as in pasted text. */
  readonly isLabelled: boolean;
  /** The value opens with the line break: nothing of its own comes before what it adds. */
  readonly startsWithBreak: boolean;
}

/**
 * The rule a line start earns. Header-bound values: any header, message start or log entry, unless the
 * first line is a label (a pasted header block, `Headers:\nContent-Type: …`), which only earns the
 * paranoia-2 rule. Bodies, at paranoia 1: only what exists nowhere but in HTTP (response headers, labels
 * with HTTP values, message starts, a JSON body after a blank line) or in logs, and only when the text
 * before the first break is a single token (`/home\r\nSet-Cookie: …`), not a sentence, a greeting or a
 * label introducing a pasted HTTP exchange ("Response:"); an `X-` header only when nothing precedes it.
 */
function verdict(line: LineStart, context: Context, isAfterBlankLine: boolean): DetectionRule | undefined {
  if (line === 'other') return undefined;
  const { isHeaderBound, isSingleToken } = context;
  if (isHeaderBound && context.isLabelled) return isHeaderOrMessageStart(line) ? INJECTED_LINE : undefined;
  switch (line) {
    case 'status-line':
    case 'request-line':
      return isHeaderBound || isSingleToken ? RESPONSE_SPLITTING : INJECTED_LINE;
    case 'markup':
      return isHeaderBound && isAfterBlankLine ? RESPONSE_SPLITTING : undefined;
    case 'json':
      return isAfterBlankLine && isSingleToken ? RESPONSE_SPLITTING : undefined;
    case 'response-header':
      return isHeaderBound || isSingleToken ? HEADER_INJECTION : INJECTED_LINE;
    case 'label-header':
      return isHeaderBound ? HEADER_INJECTION : INJECTED_LINE;
    case 'extension-header':
      if (isHeaderBound || context.startsWithBreak) return isSingleToken ? HEADER_INJECTION : INJECTED_LINE;
      return isSingleToken ? INJECTED_LINE : undefined;
    case 'header':
      return isHeaderBound && isSingleToken ? HEADER_INJECTION : isHeaderBound ? INJECTED_LINE : undefined;
    case 'log-entry':
      return isHeaderBound || isSingleToken ? LOG_FORGING : undefined;
    case 'log-level':
      return isHeaderBound || context.startsWithBreak ? LOG_FORGING : undefined;
  }
}

function isHeaderOrMessageStart(line: LineStart): boolean {
  return line === 'status-line' || line === 'request-line' || line === 'response-header' || line === 'label-header' || line === 'extension-header' || line === 'header';
}

/**
 * What a look-alike must introduce to count: a header or message start in header-bound values, where
 * the Latin-1 truncation bites; in bodies (which servers copy into a redirect too) only what is HTTP's
 * own, as the two code points are ordinary CJK text.
 */
function isFakeBreakTarget(line: LineStart, isHeaderBound: boolean): boolean {
  if (line === 'status-line' || line === 'request-line' || line === 'response-header' || line === 'extension-header') return true;
  return isHeaderBound && (line === 'label-header' || line === 'header');
}

/**
 * The first LF or CR or look-alike; native scans, and only for the marks the profile says are there
 * (most values that reach here are non-ASCII text without a line break).
 */
function firstBreak(text: string, profile: number): number {
  let first = -1;
  const marks = (profile & CHAR.nonAscii) === 0 ? PLAIN_BREAK_MARKS : (profile & CHAR.newline) === 0 ? LOOK_ALIKE_MARKS : BREAK_MARKS;
  for (const mark of marks) {
    const at = text.indexOf(mark);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  return first;
}

/**
 * The text before the first break has no blank and does not end like a label or a greeting (`Headers:`,
 * `Hi,`); and the text is no Markdown code block (a fence line like "```http" is one token too).
 */
function isSingleTokenLine(text: string, end: number): boolean {
  if (text.includes('```') || text.includes('~~~')) return false;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) return false;
  }
  const last = text.charCodeAt(end - 1);
  return last !== 58 && last !== 44 && last !== 46 && last !== 33; // : , . !
}

/**
 * The text before the first break is a caption ending in a colon (`Headers:`, `Example response:`):
 * words of at least three letters, blanks and dashes only, as people introduce a pasted block.
 */
function isLabelLine(text: string, end: number): boolean {
  if (end < 4 || text.charCodeAt(end - 1) !== 58 /* : */) return false;
  let letters = 0;
  for (let index = 0; index < end - 1; index++) {
    const code = text.charCodeAt(index);
    const lower = code | 0x20;
    if (lower >= 97 && lower <= 122) letters++;
    else if (code !== 32 && code !== 45) return false;
  }
  return letters >= 3;
}

function skipBreaks(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text.charCodeAt(index) === 10 || text.charCodeAt(index) === 13)) index++;
  return index;
}

function skipFakeBreaks(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text.charCodeAt(index) === FAKE_LF || text.charCodeAt(index) === FAKE_CR)) index++;
  return index;
}

/** The run holds an empty line (`\r\n\r\n`, `\n\n`, `\r\r`): what follows is a message body. */
function isBlankLine(text: string, start: number, end: number): boolean {
  let lines = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) lines++;
  }
  return lines >= 2;
}
