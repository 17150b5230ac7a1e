// A single-pass SQL tokenizer over the union of the MySQL, PostgreSQL, SQL Server, Oracle and SQLite
// lexical rules that matter to an injection: strings with doubled quotes, numbers (hex, binary,
// `1e0union` splits as MySQL splits it), dotted names, variables, operators, the three comment forms
// and MySQL's executable `/*! ... */` comments, whose content is code.
import { hashStep, keywordAt, keywordClass } from './keywords.js';
import {
  ARITHMETIC, BOOLEAN, CLOSE, CLOSED, COMMA, COMMENT, COMPARE, CONSTANT, JSON_OPERATOR, NOT, NUMBER, OPEN, OTHER, PROSE,
  QUALIFIED, QUOTED, SEMICOLON, SPACED, STRING, SYSTEM_VARIABLE, VARIABLE, WORD, WORDLESS, pushToken, type TokenStream,
} from './tokens.js';

/** 1: part of a word; 2: whitespace; 4: digit; 8: hexadecimal digit. ASCII only (see charKind). */
const ASCII_KIND = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const lower = code | 0x20;
  if ((lower >= 97 && lower <= 122) || code === 95 || code === 36) ASCII_KIND[code] = 1;
  if (code >= 48 && code <= 57) ASCII_KIND[code] = 1 | 4 | 8;
  if (lower >= 97 && lower <= 102) ASCII_KIND[code] = 1 | 8;
}
for (const space of [9, 10, 11, 12, 13, 32]) ASCII_KIND[space] = 2;

/** Letters beyond ASCII are word characters, as MySQL and PostgreSQL allow them in identifiers; NBSP is space. */
function charKind(code: number): number {
  if (code < 128) return ASCII_KIND[code] ?? 0;
  return code === 0xa0 || code === 0xfeff ? 2 : 1;
}
export const isWordCode = (code: number): boolean => (charKind(code) & 1) !== 0;

/** Lowercase letters that prefix a string literal: n, x, b, e. */
const STRING_PREFIXES = [110, 120, 98, 101];

// Lexer state shared by the helpers of one tokenize call.
let spaced = false;
let versioned = false;
/** Next line feed and carriage return at or after the last comment (-1: none left; -2: not searched yet). */
let newlineAt = -2;
let carriageAt = -2;

/**
 * Fills `stream` with the tokens of `text` read as SQL. With `quote` (39 or 34) the text starts
 * inside a string literal opened by that quote: the first token is the string's remainder, and the
 * code after it is what an attacker who breaks out of the literal gets to write.
 */
export function tokenize(text: string, quote: number, stream: TokenStream): void {
  // The grammar looks a few tokens ahead without checking `count`: the tokens of a longer previous
  // value must not be read as this value's (a stale `/` after `' OR '1'='1` made it incomplete).
  stream.classes.fill(0, 0, stream.count);
  stream.ids.fill(0, 0, stream.count);
  stream.count = 0;
  stream.quote = quote;
  spaced = false;
  versioned = false;
  newlineAt = -2;
  carriageAt = -2;
  let at = 0;
  if (quote !== 0) at = scanString(text, 0, quote, stream, 0);
  while (at < text.length) {
    const code = text.charCodeAt(at);
    const kind = charKind(code);
    if ((kind & 2) !== 0) {
      spaced = true;
      at++;
    } else if ((kind & 4) !== 0 || (code === 46 && (charKind(text.charCodeAt(at + 1)) & 4) !== 0)) {
      at = scanNumber(text, at, stream);
    } else if ((kind & 1) !== 0) {
      at = scanWord(text, at, stream);
    } else if (code === 39 || code === 34) {
      at = scanString(text, at + 1, code, stream, at);
    } else {
      at = scanSymbol(text, at, code, stream);
    }
  }
}

function push(stream: TokenStream, tokenClass: number, start: number, end: number, id: number, flags = 0, qualifier = 0): void {
  pushToken(stream, tokenClass, start, end, id, spaced ? flags | SPACED : flags, qualifier);
  spaced = false;
}

/** A string literal from `from` (after its opening quote, at `start`); a doubled quote is an escaped one. */
function scanString(text: string, from: number, quote: number, stream: TokenStream, start: number): number {
  const quoteChar = quote === 39 ? "'" : '"';
  let at = text.indexOf(quoteChar, from);
  while (at !== -1 && text.charCodeAt(at + 1) === quote) at = text.indexOf(quoteChar, at + 2);
  if (at !== -1) {
    // Words between two apostrophes (`' + name + '` in generated code, a quoted sentence) are no
    // value an attacker compares; injected literals are single tokens ('1', 'a', '').
    push(stream, STRING, start, at + 1, quote, hasSpace(text, from, at) ? CLOSED | PROSE : CLOSED);
    return at + 1;
  }
  push(stream, STRING, start, text.length, quote, hasSpace(text, from, text.length) ? PROSE : 0);
  return text.length;
}

function scanNumber(text: string, start: number, stream: TokenStream): number {
  const length = text.length;
  let at = start;
  const prefix = text.charCodeAt(at + 1) | 0x20;
  if (text.charCodeAt(at) === 48 && (prefix === 120 || prefix === 98) && (charKind(text.charCodeAt(at + 2)) & 8) !== 0) {
    at += 2;
    while (at < length && (charKind(text.charCodeAt(at)) & 8) !== 0) at++;
    if (at < length && isWordCode(text.charCodeAt(at))) return scanWord(text, start, stream);
    push(stream, NUMBER, start, at, 0);
    return at;
  }
  while (at < length && (charKind(text.charCodeAt(at)) & 4) !== 0) at++;
  let isDecimal = false;
  if (text.charCodeAt(at) === 46) {
    isDecimal = true;
    at++;
    while (at < length && (charKind(text.charCodeAt(at)) & 4) !== 0) at++;
  }
  const exponentEnd = skipExponent(text, at);
  if (exponentEnd !== at) isDecimal = true;
  at = exponentEnd;
  // `2nd`, `3pm`, `1abc` are words; `1e0union` and `1.union` end the number where MySQL ends it.
  if (!isDecimal && at < length && isWordCode(text.charCodeAt(at))) return scanWord(text, start, stream);
  push(stream, NUMBER, start, at, 0);
  return at;
}

/** The end of an exponent (`e5`, `E-3`) at `at`, or `at` when there is none. */
function skipExponent(text: string, at: number): number {
  if ((text.charCodeAt(at) | 0x20) !== 101) return at;
  let digit = at + 1;
  const sign = text.charCodeAt(digit);
  if (sign === 43 || sign === 45) digit++;
  if ((charKind(text.charCodeAt(digit)) & 4) === 0) return at;
  while (digit < text.length && (charKind(text.charCodeAt(digit)) & 4) !== 0) digit++;
  return digit;
}

/** A word or dotted name (`master..xp_cmdshell`); the keyword ids of its first and last parts. */
function scanWord(text: string, start: number, stream: TokenStream): number {
  const length = text.length;
  let hash = 0;
  let partStart = start;
  let qualifier = 0;
  let isQualified = false;
  let at = start;
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    if (isWordCode(code)) {
      hash = hashStep(hash, code);
    } else if (code === 46 && at + 1 < length && (isWordCode(text.charCodeAt(at + 1)) || text.charCodeAt(at + 1) === 46)) {
      if (!isQualified) qualifier = keywordAt(text, partStart, at, hash);
      isQualified = true;
      hash = 0;
      partStart = at + 1;
    } else {
      break;
    }
  }
  // N'...', X'...', B'...', E'...': national, hexadecimal, bit and escape string literals.
  if (at === start + 1 && text.charCodeAt(at) === 39 && STRING_PREFIXES.includes(text.charCodeAt(start) | 0x20)) return scanString(text, at + 1, 39, stream, start);
  const id = keywordAt(text, partStart, at, hash);
  const tokenClass = isQualified || id === 0 ? WORD : keywordClass(id);
  push(stream, tokenClass, start, at, id, isQualified ? QUALIFIED : 0, qualifier);
  return at;
}

/** Operators, punctuation, comments, variables and quoted identifiers. */
function scanSymbol(text: string, at: number, code: number, stream: TokenStream): number {
  const next = text.charCodeAt(at + 1);
  switch (code) {
    case 40: return single(stream, OPEN, at, code);
    case 41: return single(stream, CLOSE, at, code);
    case 44: return single(stream, COMMA, at, code);
    case 59: return single(stream, SEMICOLON, at, code);
    case 96: return scanQuotedIdentifier(text, at, stream);
    case 45: // -
      if (next === 45) return scanLineComment(text, at, stream);
      if (next === 62) return operator(stream, JSON_OPERATOR, at, text.charCodeAt(at + 2) === 62 ? 3 : 2, code);
      return single(stream, ARITHMETIC, at, code);
    case 35: // # is MySQL's line comment, except in PostgreSQL's #> and #>>
      if (next === 62) return operator(stream, JSON_OPERATOR, at, text.charCodeAt(at + 2) === 62 ? 3 : 2, code);
      return scanLineComment(text, at, stream);
    case 47: return next === 42 ? scanBlockComment(text, at, stream) : single(stream, ARITHMETIC, at, code);
    case 42: // */ closes a MySQL executable comment
      if (versioned && next === 47) {
        versioned = false;
        spaced = true;
        return at + 2;
      }
      return single(stream, ARITHMETIC, at, code);
    default: return scanOperator(text, at, code, next, stream);
  }
}

function scanOperator(text: string, at: number, code: number, next: number, stream: TokenStream): number {
  switch (code) {
    case 61: return operator(stream, COMPARE, at, next === 61 ? 2 : 1, code);
    case 60: // <=> <= <> << <@ <
      if (next === 61) return operator(stream, COMPARE, at, text.charCodeAt(at + 2) === 62 ? 3 : 2, code);
      if (next === 64) return operator(stream, JSON_OPERATOR, at, 2, code);
      return operator(stream, next === 60 ? ARITHMETIC : COMPARE, at, next === 62 || next === 60 ? 2 : 1, code);
    case 62: return operator(stream, next === 62 ? ARITHMETIC : COMPARE, at, next === 61 || next === 62 ? 2 : 1, code);
    case 33: return next === 61 ? operator(stream, COMPARE, at, 2, code) : single(stream, NOT, at, code);
    case 124: return next === 124 ? operator(stream, BOOLEAN, at, 2, code) : single(stream, ARITHMETIC, at, code);
    case 38: return next === 38 ? operator(stream, BOOLEAN, at, 2, code) : single(stream, ARITHMETIC, at, code);
    case 43: case 37: case 94: case 126: return single(stream, ARITHMETIC, at, code);
    case 58: return next === 61 || next === 58 ? operator(stream, ARITHMETIC, at, 2, code) : single(stream, OTHER, at, code);
    case 63: return next === 124 || next === 38 ? operator(stream, JSON_OPERATOR, at, 2, code) : single(stream, OTHER, at, code);
    case 64: return scanVariable(text, at, next, stream);
    case 92: return (next | 0x20) === 110 ? operator(stream, CONSTANT, at, 2, code) : single(stream, OTHER, at, code);
    default: return single(stream, OTHER, at, code);
  }
}

const single = (stream: TokenStream, tokenClass: number, at: number, code: number): number => operator(stream, tokenClass, at, 1, code);

function operator(stream: TokenStream, tokenClass: number, at: number, length: number, code: number): number {
  push(stream, tokenClass, at, at + length, code);
  return at + length;
}

/** `@name` (user variable, SQL Server local), `@@name` (system variable), `@>` (JSON containment). */
function scanVariable(text: string, at: number, next: number, stream: TokenStream): number {
  if (next === 62) return operator(stream, JSON_OPERATOR, at, 2, 64);
  const isSystem = next === 64;
  let end = at + (isSystem ? 2 : 1);
  while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
  if (end === at + (isSystem ? 2 : 1)) return single(stream, OTHER, at, 64);
  push(stream, isSystem ? SYSTEM_VARIABLE : VARIABLE, at, end, 64);
  return end;
}

function scanQuotedIdentifier(text: string, at: number, stream: TokenStream): number {
  const close = text.indexOf('`', at + 1);
  const end = close === -1 ? text.length : close + 1;
  push(stream, WORD, at, end, 0, close === -1 ? QUOTED : QUOTED | CLOSED);
  return end;
}

function scanLineComment(text: string, at: number, stream: TokenStream): number {
  const end = lineEnd(text, at);
  push(stream, COMMENT, at, end, text.charCodeAt(at), isWordless(text, at + 1, end) ? WORDLESS : 0);
  return end;
}

/**
 * The first line break at or after `from`, or the text's length. The next `\n` and `\r` positions are
 * remembered between comments, so many comments on one long line cost one search, not one each.
 */
function lineEnd(text: string, from: number): number {
  if (newlineAt !== -1 && newlineAt < from) newlineAt = text.indexOf('\n', from);
  if (carriageAt !== -1 && carriageAt < from) carriageAt = text.indexOf('\r', from);
  const newline = newlineAt === -1 ? text.length : newlineAt;
  return carriageAt !== -1 && carriageAt < newline ? carriageAt : newline;
}


/** A closed comment is whitespace; `/*!` (optionally with a 5- or 6-digit version) opens executable code. */
function scanBlockComment(text: string, at: number, stream: TokenStream): number {
  if (text.charCodeAt(at + 2) === 33) {
    let digits = at + 3;
    while (digits < text.length && digits - at - 3 < 6 && (charKind(text.charCodeAt(digits)) & 4) !== 0) digits++;
    versioned = true;
    spaced = true;
    return digits - at - 3 >= 5 ? digits : at + 3;
  }
  const close = text.indexOf('*/', at + 2);
  if (close !== -1) {
    spaced = true;
    return close + 2;
  }
  push(stream, COMMENT, at, text.length, 47, isWordless(text, at + 2, text.length) ? WORDLESS : 0);
  return text.length;
}

function hasSpace(text: string, from: number, end: number): boolean {
  for (let at = from; at < end; at++) if ((charKind(text.charCodeAt(at)) & 2) !== 0) return true;
  return false;
}

/** No letter, digit or quote in the comment: `--`, `-- -`, `#`; not `#')` (a quoted `#` in code). */
function isWordless(text: string, from: number, end: number): boolean {
  for (let at = from; at < end; at++) {
    const code = text.charCodeAt(at);
    if ((code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || code >= 128) return false;
    if (code === 39 || code === 34 || code === 96) return false;
  }
  return true;
}
