// Where JSON text stops being valid (RFC 8259), found by one linear pass with an explicit stack and
// no regular expressions (a backtracking regex over a 100 MB string could overflow), so that a
// broken HAR is reported by line and column whatever wording the JavaScript engine uses.

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

/** Scanners answer the offset just past what they read, or `{ at }` for the first bad character. */
type Scan = number | { at: number };

/** The UTF-16 offset of the first character that makes `text` invalid JSON (its length when it ends early); -1 when valid. */
export function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let expect: Expect = 'value';
  let index = 0;
  for (;;) {
    while (index < text.length && ' \t\n\r'.includes(text[index] ?? 'x')) index += 1;
    if (index >= text.length) return expect === 'end' ? -1 : text.length;
    const char = text[index] ?? '';
    const isOpen = char === '{' || char === '[';
    let next: Scan;
    if ((char === '}' || char === ']') && stack.at(-1) === (char === '}' ? '{' : '[') && (expect === 'comma-or-close' || expect === (char === '}' ? 'key-or-close' : 'value-or-close'))) {
      stack.pop();
      next = index + 1;
    } else if (char === ',' && expect === 'comma-or-close') next = index + 1;
    else if (char === ':' && expect === 'colon') next = index + 1;
    else if (char === '"' && (expect === 'key' || expect === 'key-or-close')) next = scanString(text, index);
    else if (expect === 'value' || expect === 'value-or-close') next = isOpen ? index + 1 : scanScalar(text, index);
    else return index;
    if (typeof next !== 'number') return next.at;
    if (isOpen && (expect === 'value' || expect === 'value-or-close')) stack.push(char);
    expect = following(expect, char, stack);
    index = next;
  }
}

/** What may come after `char` was read where `expect` held. */
function following(expect: Expect, char: string, stack: readonly string[]): Expect {
  if (expect === 'colon') return 'value';
  if (expect === 'comma-or-close' && char === ',') return stack.at(-1) === '{' ? 'key' : 'value';
  if (expect === 'key' || expect === 'key-or-close') return char === '"' ? 'colon' : stack.length === 0 ? 'end' : 'comma-or-close';
  if ((expect === 'value' || expect === 'value-or-close') && (char === '{' || char === '[')) return char === '{' ? 'key-or-close' : 'value-or-close';
  return stack.length === 0 ? 'end' : 'comma-or-close';
}

function scanScalar(text: string, index: number): Scan {
  if (text[index] === '"') return scanString(text, index);
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, index)) return index + literal.length;
  return scanNumber(text, index);
}

function scanString(text: string, index: number): Scan {
  for (let at = index + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return at + 1;
    if (code < 0x20) return { at };
    if (code !== 0x5c) continue;
    const escape = text[at + 1] ?? '';
    if ('"\\/bfnrt'.includes(escape) && escape !== '') at += 1;
    else if (escape === 'u' && isHex(text, at + 2, 4)) at += 5;
    else return { at: at + 1 };
  }
  return { at: text.length };
}

function scanNumber(text: string, index: number): Scan {
  let at = index;
  if (text[at] === '-') at += 1;
  if (text[at] === '0') at += 1;
  else if (isDigit(text, at) && text[at] !== '0') at = digitsEnd(text, at);
  else return { at };
  if (text[at] === '.') {
    if (!isDigit(text, at + 1)) return { at: at + 1 };
    at = digitsEnd(text, at + 1);
  }
  if (text[at] === 'e' || text[at] === 'E') {
    at += text[at + 1] === '+' || text[at + 1] === '-' ? 2 : 1;
    if (!isDigit(text, at)) return { at };
    at = digitsEnd(text, at);
  }
  return at;
}

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x30 && code <= 0x39;
}

function digitsEnd(text: string, at: number): number {
  let end = at;
  while (isDigit(text, end)) end += 1;
  return end;
}

function isHex(text: string, at: number, count: number): boolean {
  for (let offset = 0; offset < count; offset++) if (!/[0-9A-Fa-f]/.test(text[at + offset] ?? '')) return false;
  return true;
}
