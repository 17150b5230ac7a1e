// What starts a line after a line break, for HTTP response splitting and header injection (CWE-113,
// CWE-93) and log forging (CWE-117): a header field (`Name:`, RFC 9112 section 5: no blank before the
// colon), a status line (`HTTP/1.1 200 OK`), a request line (`GET /admin HTTP/1.1`, request splitting in
// outgoing calls), a message body (markup or JSON) or a log entry (client address, timestamp, level).

/**
 * `response-header`: a header only HTTP messages have (`Set-Cookie:`, `Content-Length:`), whose injection
 * takes over a response, or a label-like header whose value has HTTP's shape (`Location: https://…`,
 * `Refresh: 0; url=…`); `label-header`: just as dangerous, but also an everyday label in text
 * (`Location: Berlin`, `Host: Anna`); `extension-header`: an `X-` header (HTTP's and mail's extension
 * names, rare as a label); `header`: any other `Name:`; `log-entry`: what only a log entry starts with (a
 * client address, a timestamp to the second, a bracketed date); `log-level`: a severity word (`INFO:`,
 * `[WARN]`), also a shouted label in text (`WARNING: wet floor`).
 */
export type LineStart =
  | 'status-line' | 'request-line' | 'response-header' | 'label-header' | 'extension-header' | 'header'
  | 'log-entry' | 'log-level' | 'markup' | 'json' | 'other';

const RESPONSE_HEADERS = new Set([
  'set-cookie', 'content-length', 'content-type', 'transfer-encoding', 'x-xss-protection', 'content-security-policy',
  'content-disposition', 'content-encoding', 'x-frame-options', 'strict-transport-security', 'www-authenticate',
  'x-forwarded-for', 'x-forwarded-host', 'x-content-type-options', 'cache-control',
]);
const LABEL_HEADERS = new Set(['location', 'refresh', 'host', 'cookie', 'connection', 'upgrade', 'authorization', 'link']);
/** The request methods of RFC 9110 section 9 and PATCH (RFC 5789). */
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE']);
/** Severity words of syslog (RFC 5424) and the common logging libraries, as they print them: upper case. */
const LOG_LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL', 'SEVERE', 'ALERT', 'EMERG']);
const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
/** Longest header name considered; real ones are far shorter. */
const MAX_NAME_LENGTH = 64;
/** Longest request line scanned for its ` HTTP/` version. */
const MAX_LINE_LENGTH = 2048;
/** Longest Host value read for its shape. */
const MAX_HOST_LENGTH = 255;

/** Classifies the line starting at `start`; blanks (obs-fold, RFC 9112 section 5.2) before it are skipped. */
export function classifyLineStart(text: string, start: number): LineStart {
  let index = start;
  while (index < text.length && index - start < 4 && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index++;
  const first = text.charCodeAt(index);
  if (first === 60 /* < */) return 'markup';
  if (first === 123 /* { */ || first === 91 /* [ */) return isJsonStart(text, index) ? 'json' : classifyBracketed(text, index);
  if (isDigit(first)) return isIpv4Entry(text, index) || isTimestamp(text, index) ? 'log-entry' : 'other';
  if (isHttpVersion(text, index)) return 'status-line';
  let end = index;
  while (end < text.length && end - index < MAX_NAME_LENGTH && isTokenChar(text.charCodeAt(end))) end++;
  if (end === index || !isLetter(first)) return 'other';
  const next = text.charCodeAt(end);
  if ((next === 58 || next === 32) && isLogLevel(text, index, end)) return 'log-level';
  if (next === 58 /* : */) {
    // `http://…` on a line of its own is a URL, not a header.
    if (text.charCodeAt(end + 1) === 47 && text.charCodeAt(end + 2) === 47) return 'other';
    const name = text.slice(index, end).toLowerCase();
    if (RESPONSE_HEADERS.has(name) || name.startsWith('access-control-')) return 'response-header';
    if (LABEL_HEADERS.has(name)) return hasHttpValue(name, text, skipBlanks(text, end + 1)) ? 'response-header' : 'label-header';
    return name.length > 2 && name.startsWith('x-') ? 'extension-header' : 'header';
  }
  if (next === 32 && METHODS.has(text.slice(index, end)) && hasVersionOnLine(text, end + 1)) return 'request-line';
  return 'other';
}

/**
 * The value of a label-like header looks like HTTP's, not like a word of text: a URL or path after
 * `Location`, a delay after `Refresh` (`0; url=…`), a `<uri>` after `Link`, a domain after `Host`, a
 * `name=value` after `Cookie`, a scheme and credentials after `Authorization`, a connection option.
 */
function hasHttpValue(name: string, text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  switch (name) {
    case 'location': return code === 47 /* / */ || isAbsoluteUrl(text, at);
    case 'refresh': {
      let end = at;
      while (isDigit(text.charCodeAt(end))) end++;
      const after = text.charCodeAt(skipBlanks(text, end));
      return end > at && (after === 59 || after === 44 || Number.isNaN(after) || after === 13 || after === 10);
    }
    case 'link': return code === 60 /* < */;
    case 'host': return isHostValue(text, at);
    case 'cookie': {
      let end = at;
      while (end < text.length && end - at < MAX_NAME_LENGTH && isTokenChar(text.charCodeAt(end))) end++;
      return end > at && text.charCodeAt(end) === 61 /* = */;
    }
    case 'authorization': return startsWithWord(text, at, 'basic ') || startsWithWord(text, at, 'bearer ') || startsWithWord(text, at, 'digest ');
    case 'connection': return startsWithWord(text, at, 'close') || startsWithWord(text, at, 'keep-alive') || startsWithWord(text, at, 'upgrade');
    case 'upgrade': return startsWithWord(text, at, 'websocket') || startsWithWord(text, at, 'h2c');
    default: return false;
  }
}

/** `scheme://`: letters (and `+ . -`) then `://`. */
function isAbsoluteUrl(text: string, at: number): boolean {
  let index = at;
  while (index < text.length && index - at < 16 && (isLetter(text.charCodeAt(index)) || text.charCodeAt(index) === 43 || text.charCodeAt(index) === 46 || text.charCodeAt(index) === 45)) index++;
  if (index === at && text.charCodeAt(index) === 47 && text.charCodeAt(index + 1) === 47) return true;
  return index > at && text.charCodeAt(index) === 58 && text.charCodeAt(index + 1) === 47 && text.charCodeAt(index + 2) === 47;
}

/** A domain or address with an optional port alone on its line: `api.example.com`, `10.0.0.1:8080`, `localhost`. */
function isHostValue(text: string, at: number): boolean {
  let dots = 0;
  let index = at;
  for (; index < text.length && index - at < MAX_HOST_LENGTH; index++) {
    const code = text.charCodeAt(index);
    if (code === 46) dots++;
    else if (!isTokenChar(code) && code !== 58) break;
  }
  const after = text.charCodeAt(index);
  const isLineEnd = Number.isNaN(after) || after === 13 || after === 10;
  return isLineEnd && index > at && (dots > 0 || text.slice(at, index).toLowerCase().startsWith('localhost'));
}

function startsWithWord(text: string, at: number, word: string): boolean {
  return text.slice(at, at + word.length).toLowerCase() === word;
}

/** A JSON document: `{"`, `{ "`, `{}`, `[{`, `["`, `[]` (and blanks between). */
function isJsonStart(text: string, at: number): boolean {
  const open = text.charCodeAt(at);
  const next = text.charCodeAt(skipBlanks(text, at + 1));
  if (open === 123) return next === 34 || next === 125;
  return next === 123 || next === 34 || next === 93;
}

/** `[10/Oct/2025:13:55:36 …` (Common Log Format) and `[2025-06-01 12:00:00 …` are log entries, `[INFO]` a level. */
function classifyBracketed(text: string, at: number): LineStart {
  const index = at + 1;
  if (isTimestamp(text, index) || isClfDate(text, index)) return 'log-entry';
  let end = index;
  while (end - index < 8 && isLetter(text.charCodeAt(end))) end++;
  return text.charCodeAt(end) === 93 /* ] */ && isLogLevel(text, index, end) ? 'log-level' : 'other';
}

/** `dd/Mon/yyyy:` as Apache and nginx write dates. */
function isClfDate(text: string, at: number): boolean {
  return isDigit(text.charCodeAt(at)) && isDigit(text.charCodeAt(at + 1)) && text.charCodeAt(at + 2) === 47
    && MONTHS.has(text.slice(at + 3, at + 6)) && text.charCodeAt(at + 6) === 47 && isDigits(text, at + 7, 4) && text.charCodeAt(at + 11) === 58;
}

/** `yyyy-mm-dd` then `T` or a blank and `hh:mm:ss`: a log timestamp (seconds make it one, not a note's date). */
function isTimestamp(text: string, at: number): boolean {
  const separator = text.charCodeAt(at + 10);
  return isDigits(text, at, 4) && text.charCodeAt(at + 4) === 45 && isDigits(text, at + 5, 2) && text.charCodeAt(at + 7) === 45 && isDigits(text, at + 8, 2)
    && (separator === 84 || separator === 32) && isDigits(text, at + 11, 2) && text.charCodeAt(at + 13) === 58 && isDigits(text, at + 14, 2)
    && text.charCodeAt(at + 16) === 58 && isDigits(text, at + 17, 2);
}

/** A dotted IPv4 address and a blank: how access logs (Common and Combined Log Format) start an entry. */
function isIpv4Entry(text: string, at: number): boolean {
  let index = at;
  for (let part = 0; part < 4; part++) {
    const partStart = index;
    while (index - partStart < 3 && isDigit(text.charCodeAt(index))) index++;
    if (index === partStart) return false;
    if (part < 3) {
      if (text.charCodeAt(index) !== 46) return false;
      index++;
    }
  }
  return text.charCodeAt(index) === 32;
}

function isLogLevel(text: string, start: number, end: number): boolean {
  return end - start >= 4 && end - start <= 8 && LOG_LEVELS.has(text.slice(start, end));
}

function hasVersionOnLine(text: string, from: number): boolean {
  const limit = Math.min(text.length, from + MAX_LINE_LENGTH);
  for (let index = from; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) return false;
    if (code === 32 && isHttpVersion(text, index + 1)) return true;
  }
  return false;
}

/** `HTTP/` and a digit (the HTTP-name is case-sensitive; a lowercase one is read as well, some servers do). */
function isHttpVersion(text: string, at: number): boolean {
  return (text.charCodeAt(at) | 0x20) === 104 && (text.charCodeAt(at + 1) | 0x20) === 116 && (text.charCodeAt(at + 2) | 0x20) === 116
    && (text.charCodeAt(at + 3) | 0x20) === 112 && text.charCodeAt(at + 4) === 47 && isDigit(text.charCodeAt(at + 5));
}

/** Past at most a few blanks (bounded: a long run must not be re-read for every line). */
function skipBlanks(text: string, from: number): number {
  let index = from;
  while (index - from < 8 && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index++;
  return index;
}

function isDigits(text: string, at: number, count: number): boolean {
  for (let index = at; index < at + count; index++) if (!isDigit(text.charCodeAt(index))) return false;
  return true;
}

function isTokenChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 45 || code === 95;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
