// Stream wrappers that turn a file-inclusion parameter into source disclosure or code execution:
// PHP's php://filter and php://input, phar:// (deserialisation), zip://, expect:// (runs commands),
// data:// (inline code), and Java's jar: and netdoc: URLs (OWASP WSTG-INPV-11, PHP manual "Supported
// Protocols and Wrappers"). `file:` URLs are paths and are read by the path analysis instead.

/** Schemes that need `://` after them to act as PHP stream wrappers. */
const PHP_WRAPPERS = new Set(['php', 'phar', 'zip', 'expect', 'data', 'glob', 'compress.zlib', 'compress.bzip2', 'rar', 'ogg', 'ssh2.shell', 'ssh2.exec', 'ssh2.tunnel', 'ssh2.sftp', 'ssh2.scp']);
const JAR_TARGETS = ['file:', 'http:', 'https:', 'ftp:'];
const MAX_SCHEME = 16;
/** A data: URI's media type and parameters are short; a payload further away is not this URI's. */
const MAX_DATA_HEADER = 64;

export interface WrapperMatch {
  readonly start: number;
  readonly end: number;
}

/** The first stream wrapper in `text`, found from its colons. */
export function findWrapper(text: string): WrapperMatch | undefined {
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    // Every wrapper is `scheme://`, `data:`, `jar:` or `netdoc:/`: a time (`12:34`) or a label
    // (`Note: ...`) is passed over on two characters, without reading its scheme.
    if (!endsLikeWrapper(text, colon)) continue;
    const start = schemeStart(text, colon);
    if (start === colon) continue;
    const scheme = text.slice(start, colon).toLowerCase();
    if (isWrapperAt(text, scheme, colon)) return { start, end: colon + 1 };
  }
  return undefined;
}

/** The last three characters (lowercase) of every scheme a wrapper can have, as numbers (see tailKey). */
const SCHEME_TAILS = new Set([...PHP_WRAPPERS, 'jar', 'netdoc'].map((scheme) => tailKey(scheme, scheme.length)));

/** Whether the scheme ending at `colon` ends like a wrapper's: `https:` and `12:` are passed over without being read. */
function endsLikeWrapper(text: string, colon: number): boolean {
  // Schemes end in a letter or, `compress.bzip2`, a digit after one: `12:34` is passed over on one character.
  const last = text.charCodeAt(colon - 1);
  if (!isLetter(last) && !isLetter(text.charCodeAt(colon - 2))) return false;
  return colon >= 3 && SCHEME_TAILS.has(tailKey(text, colon));
}

/** The three characters before `end`, lowercased, as one number. */
function tailKey(text: string, end: number): number {
  return ((text.charCodeAt(end - 3) | 0x20) << 16) | ((text.charCodeAt(end - 2) | 0x20) << 8) | (text.charCodeAt(end - 1) | 0x20);
}

/** Whether `scheme` (lowercase) names a PHP stream wrapper: a URL path segment `phar:` is one split at its slashes. */
export function isWrapperScheme(scheme: string): boolean {
  return PHP_WRAPPERS.has(scheme) && scheme !== 'data';
}

function isWrapperAt(text: string, scheme: string, colon: number): boolean {
  const hasSlashes = text.startsWith('//', colon + 1);
  if (PHP_WRAPPERS.has(scheme) && hasSlashes) return true;
  if (scheme === 'data') return isPhpDataUri(text, colon + 1);
  if (scheme === 'jar') {
    const rest = text.slice(colon + 1, colon + 7).toLowerCase();
    return JAR_TARGETS.some((target) => rest.startsWith(target));
  }
  return scheme === 'netdoc' && text.charCodeAt(colon + 1) === 47;
}

/**
 * `data:` without slashes is an ordinary RFC 2397 URI (inline images are everywhere); it is an
 * inclusion payload when its content is PHP: `<?` in clear or base64 `PD8` / `PD9` (`<?=`, `<?p`).
 */
function isPhpDataUri(text: string, from: number): boolean {
  let comma = from;
  const limit = Math.min(text.length, from + MAX_DATA_HEADER);
  while (comma < limit && text.charCodeAt(comma) !== 44) comma++;
  if (comma >= limit) return false;
  const isBase64 = text.slice(from, comma).toLowerCase().endsWith(';base64');
  const payload = text.slice(comma + 1, comma + 4);
  return isBase64 ? payload === 'PD8' || payload === 'PD9' : payload.startsWith('<?');
}

/** Where the scheme before `colon` starts (RFC 3986 3.1: a letter, then letters, digits, `+-.`). */
function schemeStart(text: string, colon: number): number {
  let start = colon;
  while (start > 0 && colon - start < MAX_SCHEME && isSchemeChar(text.charCodeAt(start - 1))) start--;
  while (start < colon && !isLetter(text.charCodeAt(start))) start++;
  return start;
}

function isSchemeChar(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
