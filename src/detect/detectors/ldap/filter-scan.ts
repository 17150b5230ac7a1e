// Finds LDAP search-filter syntax (RFC 4515) where a value breaks out of the filter it was pasted into:
// a `)` closing the application's item followed by a new item, `)(uid=*`, a composition `(|(…=`,
// or an always-true filter `)(&)` (OWASP "LDAP Injection"; Alonso and Parada, "LDAP Injection &
// Blind LDAP Injection", Black Hat Europe 2008). Items need the `attr=` form or an operator, so
// parentheses in prose, maths and regular expressions do not count.

/** Characters after a `(` that may open nested items: `(`, `&`, `|`, `!` and blanks. */
const MAX_OPENING_RUN = 16;
/** Attribute descriptions (RFC 4512 section 2.5) or OIDs are short; longer words are not attributes. */
const MAX_ATTRIBUTE_LENGTH = 64;

/** The index of the first `(` that starts an injected filter item, or -1. */
export function findFilterInjection(text: string): number {
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', open + 1)) {
    const isBreakout = closesBefore(text, open);
    let index = open;
    let operators = 0;
    let opens = 0;
    while (index < text.length && index - open < MAX_OPENING_RUN) {
      const code = text.charCodeAt(index);
      if (code === 40) opens++;
      else if (code === 38 || code === 124 || code === 33) operators++;
      else if (code !== 32 && code !== 9) break;
      index++;
    }
    // A breakout needs a new item; a filter written from scratch needs a composition `(|(`.
    const isComposition = operators > 0 && opens >= 2;
    if (!isBreakout && !isComposition) continue;
    // `)(&)`, `)(|)`: the absolute true and false filters (RFC 4526); `*)(|` cut short at the end.
    if (operators > 0 && isBreakout && (index >= text.length || text.charCodeAt(index) === 41)) return open;
    // Inside a composition a numeric item is the tautology or contradiction of blind injection: `(!(&(1=0)`.
    if (isItemStart(text, index, isComposition)) return open;
  }
  return -1;
}

/** A `)` just before `open` (blanks between): the value closed the application's own item. */
function closesBefore(text: string, open: number): boolean {
  let index = open - 1;
  while (index >= 0 && open - index < 4 && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index--;
  return index >= 0 && text.charCodeAt(index) === 41;
}

/**
 * `attr=`, `attr~=`, `attr>=`, `attr<=`, `attr:dn:2.5.13.5:=` (RFC 4515 section 3), with the attribute a
 * name (`objectClass`, `userPassword;binary`) or an OID (`2.5.4.3`). `==` and `=>` are code, not LDAP.
 * `allowNumber`: a bare number counts as an attribute (`1=0`), which only a composition makes LDAP.
 */
function isItemStart(text: string, start: number, allowNumber: boolean): boolean {
  let index = start;
  const first = text.charCodeAt(index);
  if (!isLetter(first) && !isDigit(first)) return false;
  while (index < text.length && index - start < MAX_ATTRIBUTE_LENGTH && isAttributeChar(text.charCodeAt(index))) index++;
  // A numeric OID has two arcs at least (RFC 4512 section 1.4): `(2=3)` is arithmetic.
  if (isDigit(first) && !allowNumber && !text.slice(start, index).includes('.')) return false;
  const code = text.charCodeAt(index);
  if (code === 126 || code === 62 || code === 60) index++; // ~ > <
  else if (code === 58) {
    // Extensible match: skip `:dn`, `:rule` parts up to `:=`.
    while (index < text.length && index - start < MAX_ATTRIBUTE_LENGTH && text.charCodeAt(index) !== 61) {
      if (!isAttributeChar(text.charCodeAt(index)) && text.charCodeAt(index) !== 58) return false;
      index++;
    }
    if (text.charCodeAt(index - 1) !== 58) return false;
  }
  if (text.charCodeAt(index) !== 61) return false;
  const after = text.charCodeAt(index + 1);
  return after !== 61 && after !== 62;
}

function isAttributeChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 45 || code === 59 || code === 46 || code === 95;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
