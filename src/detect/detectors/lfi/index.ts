// Path traversal and local file inclusion (CWE-22, CWE-98; OWASP WSTG-ATHZ-01, WSTG-INPV-11): `..`
// segments climbing out of the intended directory, absolute paths to system and secret files, and
// stream wrappers. The engine has undone URL, overlong UTF-8 and %u encodings; the `....//`, `..;/`
// and mixed-separator tricks are read here, and so are escapes only Unicode folding revealed
// (encoded-path.ts). Prose that mentions a path only scores at paranoia 2.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { analysePath, tokenEnd, tokenStart, type PathAnalysis } from './path-token.js';
import { isSensitiveName } from './sensitive-paths.js';
import { decodeResidualEscapes } from './encoded-path.js';
import { nextNotableSeparator, type Triage } from './token-triage.js';
import { findWrapper, isWrapperScheme } from './wrappers.js';
import { CHAR, profileOf } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'lfi', title, owasp: OWASP.injection, severity, paranoia });

export const LFI_RULES = {
  traversal: rule('lfi.traversal', 'Path traversal climbing two levels, or reaching a sensitive file', 'critical', 1),
  sensitiveFile: rule('lfi.sensitive-file', 'Path to a sensitive system or secret file', 'critical', 1),
  wrapper: rule('lfi.wrapper', 'Stream wrapper used for file inclusion (php://, phar://, expect://, data://, jar:)', 'critical', 1),
  traversalSingle: rule('lfi.traversal-single', 'Parent-directory segment in a path value', 'high', 2),
  sensitiveName: rule('lfi.sensitive-name', 'Value naming a sensitive file (.htaccess, web.config, id_rsa)', 'high', 2),
  fileUrl: rule('lfi.file-url', 'file: URL in a value', 'high', 2),
  systemPath: rule('lfi.system-path', 'Absolute path into a system directory (/etc, /proc, /var/log, C:\\Windows)', 'medium', 2),
  windowsPath: rule('lfi.windows-path', 'Absolute Windows or UNC path in a value', 'medium', 2),
  pathInText: rule('lfi.path-in-text', 'Traversal, sensitive path or stream wrapper inside free text', 'medium', 2),
} as const;

const MAX_FRAGMENT = 120;
/** Characters of a dot-free token that are read (see readableEnd). */
const MAX_UNDOTTED = 256;
/** Bare names are short; a long value without separators cannot be one. */
const MAX_BARE_NAME = 40;

// Profile bits, read once (an imported binding costs a call per use under the tsx loader).
const SEPARATORS = CHAR.slash | CHAR.backslash;
const BACKSLASH = CHAR.backslash;
const COLON = CHAR.colon;
const PERCENT = CHAR.percent;
const DOT = CHAR.dot;
/** Whitespace: a value holding none is one path-like token. */
const WHITESPACE = CHAR.space | CHAR.newline;
/** Every sensitive name holds one of these (sensitive-paths.ts). */
const NAME_CHARS = CHAR.dot | CHAR.underscore | CHAR.dash;

export const lfiDetector: ValueDetector = {
  name: 'lfi',
  // Why each bit: every path needs `/` or `\`; every wrapper a `:` (a URL path segment `phar:` too);
  // an escaped path a `%` (`%2e%2e%2f`) or a `\` (`\u002e`); a bare `..` segment a `.`; a bare
  // sensitive file name (paranoia 2) a `.` or `_` (`.env`, `id_rsa`; see inspectBare).
  triggers: SEPARATORS | COLON | PERCENT | DOT | CHAR.underscore,
  rules: Object.values(LFI_RULES),
  detect(text, field, paranoia, found, profile) {
    const base = found.length;
    if ((profile & SEPARATORS) !== 0) inspectPaths(newScan(text, paranoia, found, base), profile);
    else if (text.length <= MAX_BARE_NAME && (field.kind === 'path' || paranoia >= 2)) inspectBare(text, field, paranoia, found);
    if ((profile & COLON) !== 0) inspectWrappers(text, paranoia, found, base);
    if ((profile & (PERCENT | BACKSLASH)) !== 0) {
      const decoded = decodeResidualEscapes(text);
      if (decoded !== undefined) inspectPaths(newScan(decoded, paranoia, found, base), profileOf(decoded));
    }
  },
};

interface Scan {
  readonly text: string;
  readonly paranoia: Paranoia;
  readonly found: Detection[];
  /** found.length when the detect() call started: each rule is reported once per call. */
  readonly base: number;
  /** 0 not computed, 1 the value has no whitespace, 2 it has. */
  spaceState: number;
}

function newScan(text: string, paranoia: Paranoia, found: Detection[], base: number): Scan {
  return { text, paranoia, found, base, spaceState: 0 };
}

/**
 * A value that is only `..` (a URL path segment, which arrive one by one: clients remove dot segments,
 * RFC 3986 5.2.4, so a raw one is crafted), a stream wrapper's scheme as a URL path segment (the
 * router split `phar://x/y` at its slashes), or a bare sensitive file name.
 */
function inspectBare(text: string, field: InputField, paranoia: Paranoia, found: Detection[]): void {
  const value = text.trim();
  if (value.length < 2 || value.indexOf(' ') !== -1) return;
  if (field.kind === 'path') {
    // `...` is a path segment some sites use; `..` and Tomcat's `..;x` are the dot segments servers resolve.
    if (value === '..' || value.startsWith('..;')) {
      found.push({ rule: LFI_RULES.traversal, fragment: value });
      return;
    }
    if (value.charCodeAt(value.length - 1) === 58 && isWrapperScheme(value.slice(0, -1).toLowerCase())) {
      found.push({ rule: LFI_RULES.wrapper, fragment: value });
      return;
    }
  }
  // A bare value names a file: every sensitive file name holds `.` or `_` (`WEB-INF` alone is a directory).
  if (paranoia >= 2 && isFileName(value) && isSensitiveName(value.toLowerCase())) found.push({ rule: LFI_RULES.sensitiveName, fragment: value });
}

function isFileName(value: string): boolean {
  return value.indexOf('.') !== -1 || value.indexOf('_') !== -1;
}

/**
 * The tokens holding a separator, each once. At paranoia 1 a finding needs a `..` (traversal) or a
 * path-like token (see isPathLikeToken) that is rooted or names a sensitive file: without a `..`,
 * a value with whitespace inside is judged by its first token alone, and separators (in media types,
 * User-Agent products, URLs) are dismissed on a few characters around them (token-triage.ts).
 */
function inspectPaths(scan: Scan, profile: number): void {
  const { text } = scan;
  const mayHaveBackslash = (profile & BACKSLASH) !== 0;
  if (scan.paranoia >= 2 || ((profile & DOT) !== 0 && text.indexOf('..') !== -1)) {
    inspectTokens(scan, 0, text.length, mayHaveBackslash, 'all');
    return;
  }
  // Every sensitive name holds `.`, `_` or `-` (sensitive-paths.ts); without them only a rooted path counts.
  const triage = (profile & NAME_CHARS) !== 0 ? 'names' : 'rooted';
  if ((profile & WHITESPACE) !== 0 && hasInnerWhitespace(scan)) {
    const first = openingLength(text);
    inspectTokens(scan, first, tokenEnd(text, first), mayHaveBackslash, triage);
  } else {
    inspectTokens(scan, 0, text.length, mayHaveBackslash, triage);
  }
}

/** Analyses each token in [from, limit) that the triage keeps, resuming after the token it read. */
function inspectTokens(scan: Scan, from: number, limit: number, mayHaveBackslash: boolean, triage: Triage): void {
  const { text } = scan;
  // The next dot at or after the current token, searched when a token is analysed (-2: not yet).
  let dot = -2;
  for (let next = from; ;) {
    const separator = nextNotableSeparator(text, next, limit, mayHaveBackslash, triage);
    if (separator === -1) return;
    const start = tokenStart(text, separator);
    const end = tokenEnd(text, separator);
    if (dot !== -1 && dot < start) dot = text.indexOf('.', start);
    judgePath(scan, start, end, analysePath(text.slice(start, readableEnd(start, end, dot))));
    next = end + 1;
  }
}

/**
 * A long token without a dot has no parent segment and no dotted name: only its head can reach a
 * sensitive root (`/etc/...`), so a base64 image (`/9j/4AAQ...`, 100 KB of `/`) is read for 256 characters.
 */
function readableEnd(start: number, end: number, dot: number): number {
  return end - start > MAX_UNDOTTED && (dot === -1 || dot >= end) ? start + MAX_UNDOTTED : end;
}

function judgePath(scan: Scan, start: number, end: number, path: PathAnalysis): void {
  const fragment = scan.text.slice(start, Math.min(end, start + MAX_FRAGMENT));
  if (path.parents > 0) {
    if (path.isSensitiveTarget) report(scan, LFI_RULES.traversal, fragment);
    else if (isPathLikeToken(scan, start)) report(scan, path.climb >= 2 ? LFI_RULES.traversal : LFI_RULES.traversalSingle, fragment);
    else report(scan, LFI_RULES.pathInText, fragment);
    return;
  }
  // Without traversal a relative path counts only by a sensitive name in a real path (`.git/config`).
  if (path.isSensitive && (path.isRooted || path.names >= 2)) {
    report(scan, isPathLikeToken(scan, start) ? LFI_RULES.sensitiveFile : LFI_RULES.pathInText, fragment);
    return;
  }
  if (scan.paranoia < 2 || !isPathLikeToken(scan, start)) return;
  if (path.isSystem) report(scan, LFI_RULES.systemPath, fragment);
  if (path.scheme === 'file') report(scan, LFI_RULES.fileUrl, fragment);
  else if ((path.isDrive && path.names > 0) || path.isUnc) report(scan, LFI_RULES.windowsPath, fragment);
}

function inspectWrappers(text: string, paranoia: Paranoia, found: Detection[], base: number): void {
  const match = findWrapper(text);
  if (match === undefined) return;
  const scan = newScan(text, paranoia, found, base);
  // The wrapper's whole argument (`php://filter/...resource=index.php`), up to the next space.
  let end = match.end;
  while (end < scan.text.length && end - match.start < MAX_FRAGMENT && scan.text.charCodeAt(end) > 32) end++;
  const fragment = scan.text.slice(match.start, end);
  report(scan, isPathLikeToken(scan, tokenStart(scan.text, match.start)) ? LFI_RULES.wrapper : LFI_RULES.pathInText, fragment);
}

/**
 * A path is the value (or is glued into it: `x=../../a`, `'../../a`) when the value has no whitespace
 * or the token opens it; a path inside a sentence or a markdown link is prose mentioning a file.
 */
function isPathLikeToken(scan: Scan, start: number): boolean {
  return !hasInnerWhitespace(scan) || start <= openingLength(scan.text);
}

/** Whitespace between the value's first and last non-space characters (computed once per scan). */
function hasInnerWhitespace(scan: Scan): boolean {
  if (scan.spaceState === 0) {
    const { text } = scan;
    let first = 0;
    while (first < text.length && text.charCodeAt(first) <= 32) first++;
    let last = text.length - 1;
    while (last > first && text.charCodeAt(last) <= 32) last--;
    // A space, found by a vectorised search; other whitespace (tabs, newlines, Unicode spaces) by a regex.
    const space = text.indexOf(' ', first);
    if (space !== -1 && space < last) scan.spaceState = 2;
    else {
      WHITESPACE_SEARCH.lastIndex = first;
      const match = WHITESPACE_SEARCH.exec(text);
      scan.spaceState = match !== null && match.index < last ? 2 : 1;
    }
  }
  return scan.spaceState === 2;
}

const WHITESPACE_SEARCH = /\s/g;

/** The whitespace and quotes before the value's first token. */
function openingLength(text: string): number {
  let first = 0;
  while (first < text.length && isOpening(text.charCodeAt(first))) first++;
  return first;
}

/** Whitespace and quotes before a value's first token. */
function isOpening(code: number): boolean {
  return code <= 32 || code === 34 || code === 39 || code === 96;
}

function report(scan: Scan, rule: DetectionRule, fragment: string): void {
  if (rule.paranoia > scan.paranoia) return;
  for (let index = scan.base; index < scan.found.length; index++) if (scan.found[index]!.rule === rule) return;
  scan.found.push({ rule, fragment });
}
