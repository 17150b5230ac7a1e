// One pass over the markup declarations an XML parser acts on before any element is read: DOCTYPE
// (with an external subset or an internal one) and ENTITY (general or parameter, internal or external),
// as XML 1.0 §2.8 and §4.2 define them. A hand-written scanner rather than a regex: declarations nest
// inside entity literals (the out-of-band pattern), and literals must be measured and searched.

/** What the declarations in one string amount to; each field is a fragment to report, when found. */
export interface DeclarationScan {
  externalEntity?: string;
  parameterEntity?: string;
  internalEntity?: string;
  /** Nested entity references or an oversized replacement text: a billion-laughs / quadratic bomb. */
  expansion?: string;
  externalDtd?: string;
  /** A DOCTYPE that names no external subset we distrust, other than HTML's (rich text, never parsed as XML). */
  doctype?: string;
  entityCount: number;
}

/** Replacement text this long has no place in an API request and is how quadratic blowup works. */
const LARGE_ENTITY_LENGTH = 1024;
/** References to declared entities: a handful is a probe, this many multiplies the document. */
const MANY_REFERENCES = 32;
const FRAGMENT_LENGTH = 120;
const PREDEFINED_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/**
 * System identifiers of public DTDs that documents legitimately carry (XHTML, SVG, MathML from the
 * W3C; Apple property lists; HTML5's legacy-compat doctype): fetching them exfiltrates nothing.
 */
const TRUSTED_SYSTEM_PREFIXES = ['http://www.w3.org/', 'https://www.w3.org/', 'http://www.apple.com/DTDs/', 'https://www.apple.com/DTDs/'];

export function scanDeclarations(text: string): DeclarationScan {
  const scan: DeclarationScan = { entityCount: 0 };
  let at = findDeclarationStart(text, 0);
  while (at !== -1) {
    const next = readDeclaration(text, at, scan);
    at = next >= text.length ? -1 : findDeclarationStart(text, next);
  }
  if (scan.entityCount > 0 && scan.expansion === undefined) countReferences(text, scan);
  return scan;
}

/**
 * Index of the next `<!` at or after `from`, or -1. Searches for the `!`, which is rare, rather than
 * the `<`, which rich text is full of: the cheap test every HTML value goes through.
 */
export function findDeclarationStart(text: string, from: number): number {
  for (let bang = text.indexOf('!', from + 1); bang !== -1; bang = text.indexOf('!', bang + 1)) {
    if (text.charCodeAt(bang - 1) === 60) return bang - 1;
  }
  return -1;
}

/** Reads the declaration at `start` (`<!`), returns where the search for the next one resumes. */
function readDeclaration(text: string, start: number, scan: DeclarationScan): number {
  const keywordAt = start + 2;
  if (hasKeyword(text, keywordAt, 'ENTITY')) return readEntity(text, start, keywordAt + 6, scan);
  if (hasKeyword(text, keywordAt, 'DOCTYPE')) return readDoctype(text, start, keywordAt + 7, scan);
  return keywordAt;
}

function readEntity(text: string, start: number, afterKeyword: number, scan: DeclarationScan): number {
  if (!isSpace(text.charCodeAt(afterKeyword))) return afterKeyword;
  scan.entityCount++;
  let at = skipSpaces(text, afterKeyword);
  // XML 1.0 §4.2: `<!ENTITY % name ...>` declares a parameter entity, usable inside the DTD itself.
  // Inside an entity literal the `%` is often written as a character reference, `&#x25;` or `&#37;`.
  const percentLength = percentAt(text, at);
  const isParameter = percentLength > 0 && isSpace(text.charCodeAt(at + percentLength));
  if (isParameter) at = skipSpaces(text, at + percentLength);
  at = skipSpaces(text, skipName(text, at));
  const fragment = excerpt(text, start);
  if (isParameter) scan.parameterEntity ??= fragment;
  if (hasKeyword(text, at, 'SYSTEM') || hasKeyword(text, at, 'PUBLIC')) {
    if (!isParameter) scan.externalEntity ??= fragment;
    return at + 6;
  }
  const quote = text[at];
  if (quote !== '"' && quote !== "'") return at;
  if (!isParameter) scan.internalEntity ??= fragment;
  const end = text.indexOf(quote, at + 1);
  // Unterminated: nothing after it can close a declaration of this quote, so the scan may resume
  // inside the literal (a nested declaration is still seen) without reading to the end twice.
  const literalEnd = end === -1 ? text.length : end;
  if (literalEnd - at > LARGE_ENTITY_LENGTH || referencesEntity(text, at + 1, literalEnd)) scan.expansion ??= fragment;
  // Resume inside the literal: `<!ENTITY % a "<!ENTITY b SYSTEM 'http://x/?%c;'>">` hides a declaration there.
  return at + 1;
}

function readDoctype(text: string, start: number, afterKeyword: number, scan: DeclarationScan): number {
  if (!isSpace(text.charCodeAt(afterKeyword))) return afterKeyword;
  const nameAt = skipSpaces(text, afterKeyword);
  const nameEnd = skipName(text, nameAt);
  const isHtml = nameEnd - nameAt === 4 && text.slice(nameAt, nameEnd).toLowerCase() === 'html';
  const at = skipSpaces(text, nameEnd);
  let systemId: string | undefined;
  if (hasKeyword(text, at, 'SYSTEM')) {
    systemId = readLiteral(text, skipSpaces(text, at + 6));
  } else if (hasKeyword(text, at, 'PUBLIC')) {
    const publicAt = skipSpaces(text, at + 6);
    const publicId = readLiteral(text, publicAt);
    if (publicId !== undefined) systemId = readLiteral(text, skipSpaces(text, publicAt + publicId.length + 2));
  }
  const fragment = excerpt(text, start);
  if (systemId !== undefined && !isTrustedSystemId(systemId)) scan.externalDtd ??= fragment;
  else if (!isHtml) scan.doctype ??= fragment;
  // The internal subset, if any, follows: its declarations are read by the caller's loop.
  return nameEnd;
}

function percentAt(text: string, at: number): number {
  if (text[at] === '%') return 1;
  if (text.startsWith('&#x25;', at)) return 6;
  return text.startsWith('&#37;', at) ? 5 : 0;
}

function isTrustedSystemId(systemId: string): boolean {
  return systemId === 'about:legacy-compat' || TRUSTED_SYSTEM_PREFIXES.some((prefix) => systemId.startsWith(prefix));
}

/** The quoted literal at `at` without its quotes; undefined when there is none or it is unterminated. */
function readLiteral(text: string, at: number): string | undefined {
  const quote = text[at];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = text.indexOf(quote, at + 1);
  return end === -1 ? undefined : text.slice(at + 1, end);
}

/** Whether text[from, to) references a general (`&x;`) or parameter (`%x;`) entity other than the predefined five. */
function referencesEntity(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const char = text[at];
    // `&#38;` is a character reference, not an entity.
    if ((char !== '&' && char !== '%') || text[at + 1] === '#') continue;
    const nameEnd = skipName(text, at + 1);
    if (nameEnd === at + 1 || nameEnd >= to || text[nameEnd] !== ';') continue;
    if (char === '%' || !PREDEFINED_ENTITIES.has(text.slice(at + 1, nameEnd))) return true;
    at = nameEnd;
  }
  return false;
}

/** Quadratic blowup with a small entity: the document body references it over and over. */
function countReferences(text: string, scan: DeclarationScan): void {
  let count = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    if (text[at + 1] === '#') continue;
    const nameEnd = skipName(text, at + 1);
    if (nameEnd === at + 1 || text[nameEnd] !== ';' || PREDEFINED_ENTITIES.has(text.slice(at + 1, nameEnd))) continue;
    if (++count >= MANY_REFERENCES) {
      scan.expansion = excerpt(text, at);
      return;
    }
  }
}

/** Case-insensitive keyword at `at` (XML wants upper case; lenient parsers and HTML do not). */
function hasKeyword(text: string, at: number, keyword: string): boolean {
  if (at + keyword.length > text.length) return false;
  for (let i = 0; i < keyword.length; i++) {
    if ((text.charCodeAt(at + i) | 0x20) !== (keyword.charCodeAt(i) | 0x20)) return false;
  }
  return true;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** An XML Name, loosely: anything up to a space, quote, markup delimiter or reference end. */
function skipName(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at);
    // space, " % & ' ; < > [ ]
    if (isSpace(code) || code === 34 || code === 37 || code === 38 || code === 39 || code === 59 || code === 60 || code === 62 || code === 91 || code === 93) break;
    at++;
  }
  return at;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function excerpt(text: string, start: number): string {
  const cut = text.slice(start, start + FRAGMENT_LENGTH);
  const close = cut.indexOf('>');
  return close === -1 ? cut : cut.slice(0, close + 1);
}
