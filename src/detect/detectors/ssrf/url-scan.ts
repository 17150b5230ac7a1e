// Finds the URLs in a string (every `scheme://authority`, RFC 3986 section 3) and splits each authority
// into userinfo and host the way WHATWG URL parsers do (the last `@` ends the userinfo), noting the
// parser-confusion tricks that make a filter and a fetcher disagree about the host (Orange Tsai, "A New
// Era of SSRF", Black Hat USA 2017): several `@`, or an `@` right after `#`, `?` or `\`.

export interface FoundUrl {
  /** Lowercased scheme (`http`, `gopher`). */
  readonly scheme: string;
  /** A scheme wrapping this URL (`jar` in `jar:http://`, `jndi` in `${jndi:ldap://`), lowercased; '' if none. */
  readonly wrapper: string;
  /** Where the URL starts (its wrapper included) and its authority ends in the scanned text; see urlEnd. */
  readonly start: number;
  readonly authorityEnd: number;
  readonly host: string;
  /** The port as written (digits or not), '' when none. */
  readonly port: string;
  readonly userinfo: string | undefined;
  readonly hasParserConfusion: boolean;
  /** The URL starts the value (after blanks or a `${` lookup) or follows a quote or `=`: not a link in prose. */
  readonly isStandalone: boolean;
}

/** URLs read per string: enough for any real value; bounds the work a crafted one can cause. */
export const MAX_URLS = 32;
/** Characters of a URL kept for the path checks; hosts are at most 255 (RFC 1035). */
const MAX_URL_LENGTH = 512;
const MAX_SCHEME_LENGTH = 32;

/** Per ASCII code: END_URL for characters that cannot be in a URL written in text, END_AUTHORITY also for `/ ? # \`. */
const END_URL = 1;
const END_AUTHORITY = 2;
const ENDS = new Uint8Array(128);
// RFC 3986 appendix C: blanks, quotes and angle brackets delimit URLs in text; braces and `|^` are not URL characters.
for (let code = 0; code <= 32; code++) ENDS[code] = END_URL | END_AUTHORITY;
for (const char of '"\'`<>{}|^') ENDS[char.charCodeAt(0)] = END_URL | END_AUTHORITY;
// The authority ends at `/ ? #`, and at `\` (WHATWG URL treats it as `/` in special URLs).
for (const char of '/?#\\') ENDS[char.charCodeAt(0)] = END_AUTHORITY;

/** Every `scheme://` URL in `text`, in order, at most MAX_URLS. */
export function findUrls(text: string): FoundUrl[] {
  const urls: FoundUrl[] = [];
  let mark = text.indexOf('://');
  while (mark !== -1 && urls.length < MAX_URLS) {
    const url = readUrl(text, mark);
    if (url !== undefined) urls.push(url);
    mark = text.indexOf('://', mark + 3);
  }
  return urls;
}

/**
 * The URL whose `://` is at `mark` (a result of `text.indexOf('://')`), or undefined when no scheme
 * precedes it. findUrls without the list, for a caller that reads the URLs as it finds them.
 */
export function readUrl(text: string, mark: number): FoundUrl | undefined {
  let schemeStart = mark;
  while (schemeStart > 0 && mark - schemeStart < MAX_SCHEME_LENGTH && isSchemeChar(text.charCodeAt(schemeStart - 1))) schemeStart--;
  while (schemeStart < mark && !isLetter(text.charCodeAt(schemeStart))) schemeStart++;
  if (schemeStart === mark) return undefined;
  const scheme = schemeOf(text, schemeStart, mark);
  const wrapperStart = findWrapperStart(text, schemeStart);
  const wrapper = wrapperStart === schemeStart ? '' : toLowerAscii(text.slice(wrapperStart, schemeStart - 1));
  const authorityStart = mark + 3;
  const limit = Math.min(text.length, authorityStart + MAX_URL_LENGTH);
  let authorityEnd = authorityStart;
  let at = -1;
  let atCount = 0;
  for (; authorityEnd < limit; authorityEnd++) {
    const code = text.charCodeAt(authorityEnd);
    if (isEnd(code, END_AUTHORITY)) break;
    if (code === 64 /* @ */) {
      at = authorityEnd;
      atCount++;
    }
  }
  const hostStart = at === -1 ? authorityStart : at + 1;
  const host = hostOf(text, hostStart, authorityEnd);
  const portStart = hostStart + host.length + 1;
  return {
    scheme,
    wrapper,
    start: wrapperStart,
    authorityEnd,
    host,
    port: portStart <= authorityEnd && text.charCodeAt(portStart - 1) === 58 ? text.slice(portStart, authorityEnd) : '',
    userinfo: at === -1 ? undefined : text.slice(authorityStart, at),
    hasParserConfusion: atCount > 1 || isAtAfterDelimiter(text, authorityEnd),
    isStandalone: isStandaloneStart(text, wrapperStart),
  };
}

/** Where `url` ends: at a blank, quote or bracket, or MAX_URL_LENGTH after its authority. Computed only when needed. */
export function urlEnd(text: string, url: FoundUrl): number {
  const limit = Math.min(text.length, url.authorityEnd + MAX_URL_LENGTH);
  let end = url.authorityEnd;
  while (end < limit && !isEnd(text.charCodeAt(end), END_URL)) end++;
  return end;
}

/** `jar:` before `http://`, or `${jndi:` before `ldap://`: the scheme just before the URL's own. */
function findWrapperStart(text: string, schemeStart: number): number {
  if (schemeStart < 2 || text.charCodeAt(schemeStart - 1) !== 58 /* : */) return schemeStart;
  let start = schemeStart - 1;
  while (start > 0 && schemeStart - start < MAX_SCHEME_LENGTH && isLetter(text.charCodeAt(start - 1))) start--;
  return start === schemeStart - 1 ? schemeStart : start;
}

/** The host of `host`, `host:port` or `[v6]:port` between `start` and `end`. */
function hostOf(text: string, start: number, end: number): string {
  const isBracketed = text.charCodeAt(start) === 91; /* [ */
  let index = start;
  while (index < end && text.charCodeAt(index) !== (isBracketed ? 93 : 58)) index++; /* ] or : */
  return text.slice(start, isBracketed && index < end ? index + 1 : index);
}

/** `http` and `https` in lowercase, the schemes of nearly every URL, are returned without a new string. */
function schemeOf(text: string, start: number, end: number): string {
  const length = end - start;
  if ((length === 4 || length === 5) && text.startsWith('http', start)) {
    if (length === 4) return 'http';
    if (text.charCodeAt(start + 4) === 115) return 'https';
  }
  return toLowerAscii(text.slice(start, end));
}

/** Schemes are ASCII and case-insensitive (RFC 3986 section 3.1); most are written in lowercase already. */
function toLowerAscii(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 65 && code <= 90) return text.toLowerCase();
  }
  return text;
}

/** `http://127.0.0.1#@allowed.com`, `http://127.0.0.1\@allowed.com`, `http://127.0.0.1?@allowed.com`. */
function isAtAfterDelimiter(text: string, authorityEnd: number): boolean {
  const delimiter = text.charCodeAt(authorityEnd);
  const isDelimiter = delimiter === 35 /* # */ || delimiter === 63 /* ? */ || delimiter === 92; /* \ */
  return isDelimiter && text.charCodeAt(authorityEnd + 1) === 64; /* @ */
}

function isStandaloneStart(text: string, start: number): boolean {
  let before = start - 1;
  // `${jndi:ldap://…}` and `${…}`-wrapped values count as the value itself.
  if (before >= 1 && text.charCodeAt(before) === 123 /* { */ && text.charCodeAt(before - 1) === 36 /* $ */) before -= 2;
  const previous = before >= 0 ? text.charCodeAt(before) : -1;
  if (previous === 34 || previous === 39 || previous === 96 || previous === 61) return true; // " ' ` =
  while (before >= 0 && isBlank(text.charCodeAt(before))) before--;
  return before < 0;
}

function isSchemeChar(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isEnd(code: number, kind: number): boolean {
  return code < 128 && (ENDS[code]! & kind) !== 0;
}
