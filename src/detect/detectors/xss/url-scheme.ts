// URL schemes that run script when a browser follows them: javascript:, vbscript:, livescript:, and
// data: URLs of HTML, XML or script documents. Read as the URL Standard's basic URL parser reads them
// (leading C0 controls and spaces stripped, tab / CR / LF removed anywhere, scheme case-insensitive),
// so `  JaVa\tScRiPt:` is javascript: too (OWASP XSS Filter Evasion Cheat Sheet).

export type SchemeKind = 'none' | 'script' | 'html-data' | 'svg-data';

const SCRIPT_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'livescript']);
/** data: media types a frame, object or navigation renders as a document or runs as script. */
const DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  'text/html', 'application/xhtml+xml', 'text/xml', 'application/xml', 'text/javascript', 'application/javascript',
  'application/x-javascript', 'text/ecmascript', 'text/vbscript',
]);
const SVG_TYPE = 'image/svg+xml';
/** Longer runs of letters are words, not one of the schemes above. */
const MAX_SCHEME_LETTERS = 12;
const MAX_MEDIA_TYPE = 32;

/** Kind of the URL starting at `start` (before `end`), as a browser would read its scheme. */
export function classifyUrl(text: string, start: number, end: number): SchemeKind {
  let index = start;
  while (index < end && text.charCodeAt(index) <= 32) index++;
  // Cheap first test: only j, v, l and d begin a scheme of interest.
  const first = text.charCodeAt(index) | 0x20;
  if (first !== 106 && first !== 118 && first !== 108 && first !== 100) return 'none';
  let scheme = '';
  for (; index < end && scheme.length <= MAX_SCHEME_LETTERS; index++) {
    const code = text.charCodeAt(index);
    if (isUrlStripped(code)) continue;
    if (!isAsciiLetter(code)) break;
    scheme += String.fromCharCode(code | 0x20);
  }
  if (text.charCodeAt(index) !== 58 || index >= end) return 'none';
  if (SCRIPT_SCHEMES.has(scheme)) return 'script';
  return scheme === 'data' ? classifyData(text, index + 1, end) : 'none';
}

/** Start of the scheme whose colon is at `colon`: the run of letters (and stripped characters) before it. */
export function schemeStartBefore(text: string, colon: number): number {
  let index = colon;
  let letters = 0;
  while (index > 0 && letters <= MAX_SCHEME_LETTERS) {
    const code = text.charCodeAt(index - 1);
    if (isAsciiLetter(code)) letters++;
    else if (!isUrlStripped(code)) break;
    index--;
  }
  // Stripped characters before the first letter belong to the text before the scheme.
  while (index < colon && isUrlStripped(text.charCodeAt(index))) index++;
  return index;
}

/** The media type of a data: URL (RFC 2397), whitespace around it ignored as fetch's data: URL processor does. */
function classifyData(text: string, from: number, end: number): SchemeKind {
  let index = from;
  while (index < end && text.charCodeAt(index) <= 32) index++;
  let mediaType = '';
  for (; index < end && mediaType.length <= MAX_MEDIA_TYPE; index++) {
    const code = text.charCodeAt(index);
    if (code === 44 || code === 59) break;
    if (isUrlStripped(code)) continue;
    mediaType += String.fromCharCode(code >= 65 && code <= 90 ? code | 0x20 : code);
  }
  mediaType = mediaType.trimEnd();
  if (DOCUMENT_TYPES.has(mediaType)) return 'html-data';
  return mediaType === SVG_TYPE ? 'svg-data' : 'none';
}

/** Tab, LF and CR: removed from anywhere in a URL by the URL Standard's basic URL parser. */
function isUrlStripped(code: number): boolean {
  return code === 9 || code === 10 || code === 13;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Parameter and key names that carry a URL a page may follow or put in an href (redirects, links, avatars). */
const URL_NAME_PARTS = [
  'url', 'uri', 'href', 'link', 'redirect', 'return', 'next', 'callback', 'goto', 'dest', 'src', 'site', 'page', 'location',
  'continue', 'forward', 'target', 'image', 'avatar', 'icon', 'logo', 'photo',
];

/** Whether a field's name says it holds a URL (`redirect_uri`, `returnTo`, `homepage`, `avatarUrl`). */
export function isUrlField(name: string): boolean {
  const lower = name.toLowerCase();
  return URL_NAME_PARTS.some((part) => lower.includes(part));
}
