// The cheap first test (paranoia 1 and 2): whether any rule could match, decided from the few places
// where the grammar starts looking, without tokenizing. Most values are identifiers, numbers and prose;
// prose has apostrophes, parentheses, `;` and the words `or`, `and`, `like`, but not where SQL puts them:
//
//   - after the first closing quote (the breakout), an operator, a comment, `;` or a clause keyword;
//   - at the start, a boolean or clause keyword (` or 1=1`, `) order by 3`), a batch statement
//     (`exec ...`), or a literal followed by one of the above (`1 or 1=1`);
//   - anywhere: a function keyword before `(`, SELECT after `(`, `;` or a comparison, a statement
//     verb after `;`, a keyword that takes a string before a quote (`delay '0:0:5'`, `outfile '/x'`),
//     UNION, an `xp_` / `sp_` procedure, a JSON operator before a string.
//
// Each check mirrors a place breakout.ts, anywhere.ts or statements.ts reads, and says "maybe" when in
// doubt (a look-around that runs into a comment or too much whitespace), so the test can only cost a
// tokenization, never a match. Linear: each look-around is bounded and starts from a distinct character.
//
// The test runs on nearly every value, so it keeps its own small tables and calls nothing in other
// modules while it runs (run from CommonJS, as tsx does for scripts outside the package, every
// imported binding read is a getter call).
import { CHAR, TOKEN_CHARS } from '../../text-profile.js';
import {
  BLIND, COMMAND, CONVERSION, ERROR, FILE, KEYWORD_NAMES, MAX_KEYWORD_LENGTH, OBJECT_TYPE, STATEMENT, SYSTEM_FUNCTION, TIME,
  keywordFlags, keywordId,
} from './keywords.js';

// What a word can be to the test (bits of WORD_KINDS).
/** Starts a fragment made to follow the application's value (` or 1=1`, `order by 3--`). */
const W_FRAGMENT = 1;
/** A SQL Server batch statement that counts as the whole value (`exec ...`, `shutdown--`). */
const W_BATCH = 2;
/** After a leading literal: a condition, a clause or a batch statement follows (`1 or 1=1`, `1 procedure analyse`). */
const W_NUMERIC_HEAD = 4;
/** After a breakout quote: also word comparisons, UNION and any statement verb. */
const W_QUOTED_HEAD = 8;
/** A comparison or arithmetic spelled as a word (`like`, `in`, `div`): after a number it needs more. */
const W_OPERATOR = 16;
/** A keyword a string follows in the rules (`waitfor delay '...'`, `into outfile '...'`, `xp_cmdshell 'dir'`). */
const W_STRING_TAKER = 32;
/** A keyword whose call the rules weigh (delay, error, file, system and blind functions, `exec(...)`). */
const W_CALL = 64;
/** A statement verb (`; drop ...`). */
const W_STATEMENT = 128;
const W_SELECT = 256;
/** NULL, TRUE, FALSE: literals a numeric-context value may start with. */
const W_CONSTANT = 512;

const CALL_FLAGS = TIME | ERROR | CONVERSION | FILE | COMMAND | SYSTEM_FUNCTION | BLIND | OBJECT_TYPE | STATEMENT;
const OPERATOR_WORDS = ['like', 'rlike', 'regexp', 'ilike', 'similar', 'sounds', 'glob', 'in', 'between', 'is', 'div', 'mod'];

function kindOf(name: string): number {
  const flags = keywordFlags(keywordId(name));
  let kind = 0;
  if (['and', 'or', 'xor', 'order', 'group', 'having', 'where'].includes(name)) kind |= W_FRAGMENT | W_NUMERIC_HEAD | W_QUOTED_HEAD;
  if (['exec', 'execute', 'declare', 'waitfor', 'shutdown'].includes(name)) kind |= W_BATCH | W_NUMERIC_HEAD | W_QUOTED_HEAD;
  if (name === 'procedure') kind |= W_NUMERIC_HEAD | W_QUOTED_HEAD;
  if (name === 'union' || (flags & STATEMENT) !== 0) kind |= W_QUOTED_HEAD;
  if (OPERATOR_WORDS.includes(name)) kind |= W_OPERATOR | W_QUOTED_HEAD;
  if (['delay', 'time', 'outfile', 'dumpfile', 'infile', 'program', 'database'].includes(name) || (flags & COMMAND) !== 0) kind |= W_STRING_TAKER;
  if ((flags & CALL_FLAGS) !== 0) kind |= W_CALL;
  if ((flags & STATEMENT) !== 0) kind |= W_STATEMENT;
  if (name === 'select') kind |= W_SELECT;
  if (name === 'null' || name === 'true' || name === 'false') kind |= W_CONSTANT;
  return kind;
}

/** The words the test knows, and an open-addressing table of their indexes by the hash below. */
const WORDS = KEYWORD_NAMES.filter((name) => kindOf(name) !== 0);
const WORD_KINDS = Uint16Array.from(WORDS.map(kindOf));
const TABLE_MASK = 511;
const TABLE = new Int16Array(TABLE_MASK + 1).fill(-1);
for (let index = 0; index < WORDS.length; index++) {
  const name = WORDS[index] ?? '';
  let hash = 0;
  for (let at = 0; at < name.length; at++) hash = hashStep(hash, name.charCodeAt(at));
  let slot = hash & TABLE_MASK;
  while (TABLE[slot] !== -1) slot = (slot + 1) & TABLE_MASK;
  TABLE[slot] = index;
}

/** Case-insensitive (ASCII letters) rolling hash. */
function hashStep(hash: number, code: number): number {
  return ((hash * 31) + (code >= 65 && code <= 90 ? code | 0x20 : code)) & 0xfffff;
}

/** Word characters as the tokenizer reads them: ASCII letters, digits, `_`, `$`, and non-ASCII but NBSP and BOM. */
const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const lower = code | 0x20;
  if ((lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 36) ASCII_WORD[code] = 1;
}
const isWordCode = (code: number): boolean => (code < 128 ? ASCII_WORD[code] === 1 : code !== 0xa0 && code !== 0xfeff);

// Profile bits, copied once.
const SINGLE_QUOTE = CHAR.singleQuote;
const DOUBLE_QUOTE = CHAR.doubleQuote;
const PAREN = CHAR.paren;
const SEMICOLON = CHAR.semicolon;
const COMPARISONS = CHAR.equals | CHAR.lessThan | CHAR.greaterThan;
const EQUALS = CHAR.equals;
const LESS_THAN = CHAR.lessThan;
const GREATER_THAN = CHAR.greaterThan;
const DASH = CHAR.dash;
const LETTER = CHAR.letter;
const WORD_ONLY = TOKEN_CHARS;
const MAX_WORD = MAX_KEYWORD_LENGTH;
/** Characters that separate two keywords (`union select`, `union/**\/select`, `union(select`, `exec 'x'`). */
const SEPARATORS = CHAR.space | CHAR.newline | CHAR.control | CHAR.nonAscii | CHAR.slash | CHAR.paren | CHAR.singleQuote | CHAR.doubleQuote;

/** Whitespace (or a run of closing parentheses) a look-around crosses at most; longer runs count as "maybe". */
const MAX_LOOK = 64;
/** UNION (its SELECT may be anywhere after comments), `xp_cmdshell` or `sp_oacreate`. */
const ANYWHERE_WORD = /union|(?:^|[^a-z0-9_$])[xs]p_/i;
/** Clause keywords that can follow an arithmetic expression after a number (`1-1 order by 3--`). */
const CLAUSE_WORD = /order|group|procedure/i;

// What a head (the token after the breakout or the leading literal) says.
const H_NONE = 0;
/** Enough to tokenize in every context. */
const H_STRONG = 1;
/** An operator: enough after a quote; after a number only with a call, a system variable or a clause later. */
const H_WEAK = 2;

/** Whether `text` may hold SQL a rule enabled at paranoia 1 or 2 matches; `profile` is profileOf(text). */
export function mayHoldSql(text: string, profile: number): boolean {
  // Letters, digits, `.`, `-`, `_` only (ids, dates, UUIDs, locales): words joined by `-` at most, which
  // is SQL only as a fragment or batch statement ended by a comment (`or-1--`, `shutdown--`).
  if ((profile & ~WORD_ONLY) === 0) return (profile & DASH) !== 0 && text.indexOf('--') !== -1 && isLeadingSql(text, profile);
  if (isLeadingSql(text, profile)) return true;
  if ((profile & SINGLE_QUOTE) !== 0 && hasQuotedSql(text, 39, "'", profile)) return true;
  if ((profile & DOUBLE_QUOTE) !== 0 && hasQuotedSql(text, 34, '"', profile)) return true;
  if ((profile & PAREN) !== 0 && hasCallOrSubquery(text)) return true;
  if ((profile & SEMICOLON) !== 0 && hasStackedStatement(text)) return true;
  if ((profile & COMPARISONS) !== 0 && hasComparedSelectOrJsonPath(text, profile)) return true;
  return (profile & LETTER) !== 0 && (profile & SEPARATORS) !== 0 && ANYWHERE_WORD.test(text);
}

/** The start of the value: a fragment, a batch statement, or a literal followed by SQL. */
function isLeadingSql(text: string, profile: number): boolean {
  let at = skipSpace(text, 0);
  if (at === -1) return true;
  let code = text.charCodeAt(at);
  if (code === 41) {
    // `) or ('a'='a`, `1) order by 3--`: only a boolean or a clause follows closing parentheses at the start.
    const end = Math.min(text.length, at + MAX_LOOK);
    while (at < end && (text.charCodeAt(at) === 41 || isSpaceCode(text.charCodeAt(at)))) at++;
    if (at === end && end < text.length) return true;
    return isDoubled(text, at) || isCommentAt(text, at) || (wordKindAt(text, at) & W_FRAGMENT) !== 0;
  }
  // N'...', X'...', B'...', E'...': a string literal with a prefix, read as the string.
  if (isStringPrefix(code) && text.charCodeAt(at + 1) === 39) {
    const close = closingQuote(text, at + 2, 39, "'");
    return close !== -1 && isHeadEnough(text, close + 1, false, profile);
  }
  if (isWordCode(code) && !isDigit(code)) {
    const kind = wordKindAt(text, at);
    if ((kind & (W_FRAGMENT | W_BATCH)) !== 0) return true;
    return (kind & W_CONSTANT) !== 0 && isHeadEnough(text, afterWord(text, at), false, profile);
  }
  if (isDoubled(text, at)) return true;
  // A sign, then a number, a literal string or `\N`.
  if (code === 43 || (code === 45 && text.charCodeAt(at + 1) !== 45)) {
    at = skipSpace(text, at + 1);
    if (at === -1) return true;
    code = text.charCodeAt(at);
  }
  if (code === 39 || code === 34) {
    const close = closingQuote(text, at + 1, code, code === 39 ? "'" : '"');
    return close !== -1 && isHeadEnough(text, close + 1, false, profile);
  }
  if (code === 92 && (text.charCodeAt(at + 1) | 0x20) === 110) return isHeadEnough(text, at + 2, false, profile);
  const isNumber = isDigit(code) || (code === 46 && isDigit(text.charCodeAt(at + 1)));
  return isNumber && isHeadEnough(text, afterNumber(text, at), false, profile);
}

/** A breakout from a literal opened by `quote` (`mark`), or a keyword that takes a string before one (`delay '0:0:5'`). */
function hasQuotedSql(text: string, quote: number, mark: string, profile: number): boolean {
  // The literal the value starts inside ends at the first quote that is not doubled.
  const close = closingQuote(text, 0, quote, mark);
  if (close !== -1 && isHeadEnough(text, close + 1, true, profile)) return true;
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
    const before = skipSpaceBack(text, at - 1);
    if (before === -2 || (wordKindBefore(text, before) & W_STRING_TAKER) !== 0) return true;
  }
  return false;
}

/** `sleep(`, `extractvalue (`, `exec(`: a keyword called; `(select`: a subquery. */
function hasCallOrSubquery(text: string): boolean {
  for (let at = text.indexOf('('); at !== -1; at = text.indexOf('(', at + 1)) {
    const before = skipSpaceBack(text, at - 1);
    if (before === -2 || (wordKindBefore(text, before) & W_CALL) !== 0 || isSelectAfter(text, at + 1)) return true;
  }
  return false;
}

/** `; drop table`, `;exec ...`: a statement verb after `;`. */
function hasStackedStatement(text: string): boolean {
  for (let at = text.indexOf(';'); at !== -1; at = text.indexOf(';', at + 1)) {
    const next = skipSpace(text, at + 1);
    if (next === -1 || (wordKindAt(text, next) & W_STATEMENT) !== 0) return true;
  }
  return false;
}

/** `=select ... from sysobjects`; `data->>'role'`, `tags @> '...'`, `x <@ '...'`: JSON operators before a path. */
function hasComparedSelectOrJsonPath(text: string, profile: number): boolean {
  // One native search per comparison character the value holds: query strings are full of `=`.
  if ((profile & EQUALS) !== 0) {
    for (let at = text.indexOf('='); at !== -1; at = text.indexOf('=', at + 1)) if (isSelectAfter(text, at + 1)) return true;
  }
  if ((profile & LESS_THAN) !== 0) {
    for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
      if (isSelectAfter(text, at + 1) || (text.charCodeAt(at + 1) === 64 && isQuoteAfter(text, at + 2))) return true;
    }
  }
  if ((profile & GREATER_THAN) !== 0) {
    for (let at = text.indexOf('>'); at !== -1; at = text.indexOf('>', at + 1)) {
      const previous = text.charCodeAt(at - 1);
      const isJson = previous === 45 || previous === 35 || previous === 64 || previous === 62;
      if (isSelectAfter(text, at + 1) || (isJson && isQuoteAfter(text, at + 1))) return true;
    }
  }
  return false;
}

/** Whether what follows a breakout (`quoted`) or a leading literal at `from` can be SQL a rule weighs. */
function isHeadEnough(text: string, from: number, quoted: boolean, profile: number): boolean {
  const head = headAt(text, from, quoted);
  if (head === H_STRONG) return true;
  return head === H_WEAK && (quoted || isWeakHeadEnough(text, profile));
}

/**
 * After a number, an operator alone adds no condition (`3 < 4`, `2025-06-01`, `2 in stock`): a rule
 * needs a call or a subquery in it, a system variable, or a clause after it.
 */
function isWeakHeadEnough(text: string, profile: number): boolean {
  return (profile & PAREN) !== 0 || text.indexOf('@@') !== -1 || CLAUSE_WORD.test(text);
}

/** Classifies the token at `from` (after whitespace and closing parentheses) as breakout.ts's analyzeClause would. */
function headAt(text: string, from: number, quoted: boolean): number {
  let at = from;
  const end = Math.min(text.length, from + MAX_LOOK);
  while (at < end && (text.charCodeAt(at) === 41 || isSpaceCode(text.charCodeAt(at)))) at++;
  if (at === end) return end < text.length ? H_STRONG : H_NONE;
  const code = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  if (isWordCode(code) && !isDigit(code)) {
    const kind = wordKindAt(text, at);
    if (quoted) return (kind & W_QUOTED_HEAD) !== 0 ? H_STRONG : H_NONE;
    return (kind & W_NUMERIC_HEAD) !== 0 ? H_STRONG : (kind & W_OPERATOR) !== 0 ? H_WEAK : H_NONE;
  }
  switch (code) {
    case 59: return H_STRONG; // ;
    case 47: return next === 42 ? H_STRONG : H_WEAK; // a comment may hide anything; `/` divides
    case 124: case 38: return next === code ? H_STRONG : H_WEAK; // || && are boolean, | & arithmetic
    case 45: return next === 45 ? (quoted ? H_STRONG : H_NONE) : H_WEAK; // -- comments only end a breakout
    case 35: return next === 62 ? H_WEAK : quoted ? H_STRONG : H_NONE; // # likewise; #> is JSON
    case 61: case 60: case 62: case 42: case 43: case 37: case 94: case 126: return H_WEAK;
    case 33: return next === 61 ? H_WEAK : H_NONE;
    case 58: return next === 58 || next === 61 ? H_WEAK : H_NONE;
    case 63: return next === 124 || next === 38 ? H_WEAK : H_NONE;
    case 64: return next === 62 ? H_WEAK : H_NONE;
    default: return H_NONE;
  }
}

/** SELECT at `from` after whitespace (a `(` there is looked at on its own). */
function isSelectAfter(text: string, from: number): boolean {
  const at = skipSpace(text, from);
  return at === -1 || ((text.charCodeAt(at) | 0x20) === 115 && (wordKindAt(text, at) & W_SELECT) !== 0);
}

/** A quote (a literal) at `from` after whitespace. */
function isQuoteAfter(text: string, from: number): boolean {
  const at = skipSpace(text, from);
  return at === -1 || text.charCodeAt(at) === 39 || text.charCodeAt(at) === 34;
}

/**
 * What the (dotted) name starting at `start` is to the test: its last part counts, as the tokenizer
 * keeps it (`dbms_lock.sleep`, `master..xp_cmdshell`); 0 for ordinary words.
 */
function wordKindAt(text: string, start: number): number {
  let part = start;
  let hash = 0;
  let at = start;
  for (; at < text.length && at - part <= MAX_WORD; at++) {
    const code = text.charCodeAt(at);
    if (isWordCode(code)) {
      hash = hashStep(hash, code);
    } else if (code === 46 && (isWordCode(text.charCodeAt(at + 1)) || text.charCodeAt(at + 1) === 46)) {
      part = at + 1;
      hash = 0;
    } else {
      break;
    }
  }
  return at - part > MAX_WORD ? 0 : lookUp(text, part, at, hash);
}

/** What the word ending at `end` (inclusive) is to the test, read back to a non-word character or a dot. */
function wordKindBefore(text: string, end: number): number {
  if (end < 0 || !isWordCode(text.charCodeAt(end))) return 0;
  let start = end;
  while (start > 0 && end - start < MAX_WORD && isWordCode(text.charCodeAt(start - 1))) start--;
  if (start > 0 && isWordCode(text.charCodeAt(start - 1))) return 0;
  let hash = 0;
  for (let at = start; at <= end; at++) hash = hashStep(hash, text.charCodeAt(at));
  return lookUp(text, start, end + 1, hash);
}

function lookUp(text: string, start: number, end: number, hash: number): number {
  if (end === start) return 0;
  for (let slot = hash & TABLE_MASK; ; slot = (slot + 1) & TABLE_MASK) {
    const index = TABLE[slot] ?? -1;
    if (index === -1) return 0;
    if (isWord(text, start, end, WORDS[index] ?? '')) return WORD_KINDS[index] ?? 0;
  }
}

function isWord(text: string, start: number, end: number, name: string): boolean {
  if (name.length !== end - start) return false;
  for (let index = 0; index < name.length; index++) {
    const code = text.charCodeAt(start + index);
    if ((code >= 65 && code <= 90 ? code | 0x20 : code) !== name.charCodeAt(index)) return false;
  }
  return true;
}

function afterWord(text: string, at: number): number {
  let end = at;
  while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
  return end;
}

/** The end of the number at `at` as the tokenizer reads it: hexadecimal or binary, or digits, decimals and an exponent. */
function afterNumber(text: string, at: number): number {
  let end = at;
  const prefix = text.charCodeAt(at + 1) | 0x20;
  if (text.charCodeAt(at) === 48 && (prefix === 120 || prefix === 98)) {
    end += 2;
    while (end < text.length && isHexDigit(text.charCodeAt(end))) end++;
    return end;
  }
  while (end < text.length && (isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 46)) end++;
  if ((text.charCodeAt(end) | 0x20) !== 101) return end;
  let digit = end + 1;
  if (text.charCodeAt(digit) === 43 || text.charCodeAt(digit) === 45) digit++;
  if (!isDigit(text.charCodeAt(digit))) return end;
  while (digit < text.length && isDigit(text.charCodeAt(digit))) digit++;
  return digit;
}

/** The closing quote of a literal whose text starts at `from` (a doubled quote is an escaped one); -1 when none. */
function closingQuote(text: string, from: number, quote: number, mark: string): number {
  let at = text.indexOf(mark, from);
  while (at !== -1 && text.charCodeAt(at + 1) === quote) at = text.indexOf(mark, at + 2);
  return at;
}

/**
 * The first non-space at or after `from`; the text's length at the end; -1 ("maybe") after MAX_LOOK
 * spaces or at a block comment, which SQL reads as a space and may hide anything behind.
 */
function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpaceCode(text.charCodeAt(at))) {
    if (at - from >= MAX_LOOK) return -1;
    at++;
  }
  return isCommentAt(text, at) ? -1 : at;
}

/** The last non-space at or before `from`; -1 at the start; -2 ("maybe") after MAX_LOOK spaces or at the end of a block comment. */
function skipSpaceBack(text: string, from: number): number {
  let at = from;
  while (at >= 0 && isSpaceCode(text.charCodeAt(at))) {
    if (from - at >= MAX_LOOK) return -2;
    at--;
  }
  return text.charCodeAt(at) === 47 && text.charCodeAt(at - 1) === 42 ? -2 : at;
}

const isCommentAt = (text: string, at: number): boolean => text.charCodeAt(at) === 47 && text.charCodeAt(at + 1) === 42;
/** `&&` or `||`: boolean operators. */
const isDoubled = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  return (code === 38 || code === 124) && text.charCodeAt(at + 1) === code;
};
const isStringPrefix = (code: number): boolean => {
  const lower = code | 0x20;
  return lower === 110 || lower === 120 || lower === 98 || lower === 101;
};
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isHexDigit = (code: number): boolean => isDigit(code) || ((code | 0x20) >= 97 && (code | 0x20) <= 102);
/** Whitespace as the tokenizer skips it: tab to CR, space, NBSP, BOM. */
const isSpaceCode = (code: number): boolean => (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0xfeff;
