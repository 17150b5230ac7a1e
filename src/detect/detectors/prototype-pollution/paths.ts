// Where the magic properties of JavaScript objects sit in a key, a parameter name, a field location or
// a string that will be parsed again: `__proto__` and `constructor` → `prototype` as whole path
// segments, which is what deep-merge, `_.set` and qs-style parsers follow into Object.prototype.

/** Delimiters of path segments: brackets and dots (qs, lodash paths), quotes, `/` and `@` (XML), `#` (a location's `#name`). */
function isDelimiter(code: number): boolean {
  return code === 91 || code === 93 || code === 46 || code === 34 || code === 39 || code === 47 || code === 64 || code === 35;
}

function isBoundary(text: string, at: number): boolean {
  return at < 0 || at >= text.length || isDelimiter(text.charCodeAt(at));
}

/** Index of `word` as a whole segment of `path` at or after `from`, or -1. */
export function findSegment(path: string, word: string, from = 0): number {
  for (let at = path.indexOf(word, from); at !== -1; at = path.indexOf(word, at + 1)) {
    if (isBoundary(path, at - 1) && isBoundary(path, at + word.length)) return at;
  }
  return -1;
}

/** Index of a `prototype` segment right after a `constructor` segment (`constructor.prototype`, `constructor][prototype`), or -1. */
export function findConstructorPrototype(path: string): number {
  for (let at = findSegment(path, 'prototype'); at !== -1; at = findSegment(path, 'prototype', at + 1)) {
    // Up to four delimiters between the two: `.`, `][`, `']['`, `"]["`.
    let end = at - 1;
    while (end >= 0 && at - end <= 4 && isDelimiter(path.charCodeAt(end))) end--;
    const start = end + 1 - CONSTRUCTOR.length;
    if (end < at - 1 && start >= 0 && path.startsWith(CONSTRUCTOR, start) && isBoundary(path, start - 1)) return start;
  }
  return -1;
}

const CONSTRUCTOR = 'constructor';
const PROTO = '__proto__';
const PROTOTYPE = 'prototype';

/**
 * Index of `__proto__` or `constructor` → `prototype` written as structure inside a string value: a
 * quoted object key (`{"__proto__": {...}}`, `"constructor": {"prototype": ...}`), a bracket segment
 * (`a[__proto__][b]=1`, `a[constructor][prototype]`) or the start of a parameter name
 * (`__proto__.admin=1`, `?constructor[prototype][x]=y`). Prose and code (`obj.__proto__ = x`,
 * `Foo.constructor.prototype`) are none of these.
 */
export function findStructuredPollution(text: string): number {
  for (let at = text.indexOf(PROTO); at !== -1; at = text.indexOf(PROTO, at + PROTO.length)) {
    if (isStructuredKey(text, at, PROTO.length)) return at;
  }
  // Every structured `prototype` sits under `constructor`: that word is the cheaper test on rich text.
  if (text.indexOf(CONSTRUCTOR) === -1) return -1;
  for (let at = text.indexOf(PROTOTYPE); at !== -1; at = text.indexOf(PROTOTYPE, at + PROTOTYPE.length)) {
    const pathStart = constructorInPath(text, at);
    if (pathStart !== -1 && isStructuredKey(text, pathStart, CONSTRUCTOR.length)) return pathStart;
    const keyStart = constructorAsJsonKey(text, at);
    if (keyStart !== -1 && isStructuredKey(text, at, PROTOTYPE.length)) return keyStart;
  }
  return -1;
}

/** Longest value read as a property path; `_.set` paths are short. */
const MAX_PATH_LENGTH = 512;

/**
 * Index of `__proto__` or `constructor` → `prototype` in a value that is all one property path of two
 * segments or more (identifier characters, dots, brackets, quotes: `a.__proto__.b`, `x[__proto__]`),
 * or -1. A bare word or a sentence is no path.
 */
export function findPathPollution(text: string): number {
  if (text.length > MAX_PATH_LENGTH || !isPropertyPath(text)) return -1;
  const proto = findSegment(text, PROTO);
  return proto !== -1 ? proto : findConstructorPrototype(text);
}

function isPropertyPath(text: string): boolean {
  let separators = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46 || code === 91) separators++;
    else if (!isPathChar(code)) return false;
  }
  return separators > 0;
}

/** Identifier characters (`_`, `$`, `-` of kebab keys), closing brackets and quotes. */
function isPathChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === 45 || code === 93 || code === 34 || code === 39;
}

const MAGIC_WORDS = [PROTO, CONSTRUCTOR, PROTOTYPE];

/**
 * `name` with every occurrence of one magic word deleted once, as a naive sanitiser does
 * (`replace(/__proto__/g, '')`), for each word it holds: what such a filter passes on.
 */
export function stripMagicWordsOnce(name: string): string[] {
  const variants: string[] = [];
  for (const word of MAGIC_WORDS) if (name.indexOf(word) !== -1) variants.push(name.split(word).join(''));
  return variants;
}

function isStructuredKey(text: string, at: number, length: number): boolean {
  const before = text[at - 1];
  const after = text[at + length];
  if ((before === '"' || before === "'") && after === before) return text[skipSpaces(text, at + length + 1)] === ':';
  if (before === '[') return after === ']';
  const isNameStart = at === 0 || before === '?' || before === '&';
  return isNameStart && (after === '[' || after === '.' || after === '=');
}

/** Where `constructor` starts in `constructor[prototype`, `constructor][prototype` or `constructor.prototype`, or -1. */
function constructorInPath(text: string, at: number): number {
  let end = at - 1;
  while (end >= 0 && at - end <= 2 && (text[end] === '[' || text[end] === ']' || text[end] === '.')) end--;
  const start = end + 1 - CONSTRUCTOR.length;
  return end < at - 1 && start >= 0 && text.startsWith(CONSTRUCTOR, start) ? start : -1;
}

/** Where `constructor` starts in `"constructor" : { "prototype"`, or -1. */
function constructorAsJsonKey(text: string, at: number): number {
  const quote = text[at - 1];
  if (quote !== '"' && quote !== "'") return -1;
  let cursor = skipSpacesBack(text, at - 2);
  if (text[cursor] !== '{') return -1;
  cursor = skipSpacesBack(text, cursor - 1);
  if (text[cursor] !== ':') return -1;
  cursor = skipSpacesBack(text, cursor - 1);
  const start = cursor - CONSTRUCTOR.length;
  return text[cursor] === quote && start >= 1 && text.startsWith(CONSTRUCTOR, start) && text[start - 1] === quote ? start : -1;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** Bounded: a long run of spaces before each `prototype` would otherwise be read again and again. */
function skipSpacesBack(text: string, at: number): number {
  const limit = at - 16;
  while (at >= 0 && at > limit && isSpace(text.charCodeAt(at))) at--;
  return at;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
