// Where an injection starts: right after the quote that closes the application's string literal
// (`admin' or 1=1--`), or at the start of a value the application puts into SQL as a number
// (`1 or 1=1`, `sleep(5)`). What follows must be SQL an attacker would write there; prose after an
// apostrophe (`O'Brien`, `it's 5 o'clock`) is a word glued to a string, which no query accepts.
import { S_CONSTANT_COMPARE, parseCondition, parsed } from './expression.js';
import { T_COMMENT, T_END, T_NONE, T_OPEN_STRING, T_SEMICOLON, terminatorAt } from './terminators.js';
import { F_ERROR, F_FILE, F_SYSTEM, F_SYSTEM_VARIABLE, F_TIME } from './features.js';
import { keywordIds } from './keywords.js';
import { recordMatch } from './matches.js';
import { SQLI_RULES } from './rules.js';
import { isStatementAt } from './statements.js';
import { conditionRule, isOpenString, judgeFeatures, skipClosing, type Breakout } from './verdicts.js';
import {
  ARITHMETIC, BOOLEAN, CLOSE, CLOSED, COMMA, COMMENT, COMPARE, CONSTANT, JSON_OPERATOR, NUMBER, OPEN, SEMICOLON, SPACED,
  STRING, WORD, WORDLESS, type TokenStream,
} from './tokens.js';

const [ORDER, GROUP, BY, HAVING, WHERE, PROCEDURE, ANALYSE, ASC, DESC, UNION, ALL, DISTINCT, SELECT] =
  keywordIds('order', 'group', 'by', 'having', 'where', 'procedure', 'analyse', 'asc', 'desc', 'union', 'all', 'distinct', 'select');

const LEADING_CLAUSES = new Set([ORDER, GROUP, HAVING, WHERE]);

/** Text before the breaking quote longer than this, or with whitespace, quotes or brackets in it, is prose or code, not a field value. */
const MAX_CLEAN_PREFIX = 64;


/** In a quote context: the code after the quote that closes the application's literal. */
export function analyzeBreakout(stream: TokenStream, text: string): void {
  if (stream.count < 2 || (stream.flags[0]! & CLOSED) === 0) return;
  const quote = stream.ends[0]! - 1;
  analyzeClause(stream, 1, { isQuoted: true, isClean: isCleanPrefix(text, quote), start: quote });
}

function isCleanPrefix(text: string, quote: number): boolean {
  if (quote > MAX_CLEAN_PREFIX) return false;
  for (let at = 0; at < quote; at++) if (NOT_IN_VALUE.has(text.charCodeAt(at))) return false;
  return true;
}

/** Characters a one-word field value (`admin`, `42`, `a.b@c.d`) does not hold but code and prose do. */
const NOT_IN_VALUE = new Set([...Array.from({ length: 33 }, (_, code) => code), 0xa0, ...[...'\'"`(){}[];=,'].map((character) => character.charCodeAt(0))]);

/** In the numeric context: a value that starts as a number or a literal and goes on as SQL, or is one call. */
export function analyzeNumericStart(stream: TokenStream): void {
  const { classes } = stream;
  if (classes[0] === OPEN || (classes[0] === WORD && classes[1] === OPEN && (stream.flags[1]! & SPACED) === 0)) {
    // A value that is one call or group, alone or before a comment: a delay, an error or a file does
    // harm on its own (`sleep(5)`), a lone `version()` reads nothing. Indented (`    sleep(3)`) or
    // followed by more (`len(x) == 4 and ...`), it is code.
    const open = classes[0] === OPEN ? 0 : 1;
    const close = stream.partners[open] ?? -1;
    const ending = close === -1 ? T_END : terminatorAt(stream, close + 1);
    // `sleep(5)='` closes the application's literal with a comparison.
    const isCompared = stream.classes[close + 1] === COMPARE && close + 3 === stream.count && isOpenString(stream, close + 2);
    if (stream.starts[0] === 0 && (ending === T_END || ending === T_COMMENT || isCompared)) judgeFeatures((stream.features[open] ?? 0) & (F_TIME | F_ERROR | F_FILE), 0);
    return;
  }
  // A fragment made to follow the application's own value: ` or 1=1`, `) or ('a'='a`, ` order by 3--`.
  let lead = 0;
  while (classes[lead] === CLOSE) lead++;
  if (classes[lead] === BOOLEAN || (classes[lead] === WORD && LEADING_CLAUSES.has(stream.ids[lead] ?? 0))) {
    analyzeClause(stream, lead, { isQuoted: false, isClean: false, isFragment: true, start: stream.starts[0]! });
    return;
  }
  // A SQL Server batch statement as the whole value: `declare @q ...`, `exec master..xp_cmdshell 'dir'`.
  if (isStatementAt(stream, 0, false, true)) {
    recordMatch(SQLI_RULES.stackedQuery, 0);
    return;
  }
  const sign = classes[0] === ARITHMETIC && (stream.ids[0] === 45 || stream.ids[0] === 43) ? 1 : 0;
  const first = classes[sign];
  if (first !== NUMBER && first !== CONSTANT && first !== STRING) return;
  analyzeClause(stream, sign + 1, { isQuoted: false, isClean: false, start: 0 });
}

function analyzeClause(stream: TokenStream, from: number, breakout: Breakout): void {
  let head = from;
  while (stream.classes[head] === CLOSE) head++;
  if (head >= stream.count) return;
  switch (stream.classes[head]) {
    case BOOLEAN: return judgeCondition(stream, parseCondition(stream, head + 1, true), true, breakout, true);
    case COMPARE: case ARITHMETIC: case JSON_OPERATOR: return judgeCondition(stream, parseCondition(stream, head + 1, false), false, breakout, true, stream.classes[head] === COMPARE);
    case COMMENT:
      // `admin'--`; a comment with words or quotes in it (`split('#')`) is more likely code or prose.
      if (breakout.isQuoted && breakout.isClean && (stream.flags[head]! & WORDLESS) !== 0 && head === stream.count - 1) recordMatch(SQLI_RULES.commentTruncation, breakout.start);
      return;
    case SEMICOLON:
      if (isStatementAt(stream, head + 1, true)) recordMatch(SQLI_RULES.stackedQuery, breakout.start);
      else if (breakout.isQuoted && breakout.isClean && (head + 1 >= stream.count || (stream.classes[head + 1] === COMMENT && head + 2 === stream.count))) recordMatch(SQLI_RULES.commentTruncation, breakout.start);
      return;
    case WORD: return analyzeClauseWord(stream, head, breakout, true);
    default:
  }
}

/** A clause keyword after the breakout; `isFirst` unless it follows an injected condition (followed once only). */
function analyzeClauseWord(stream: TokenStream, head: number, breakout: Breakout, isFirst: boolean): void {
  const word = stream.ids[head];
  if ((word === ORDER || word === GROUP) && stream.ids[head + 1] === BY) return analyzeOrderBy(stream, head + 2, breakout);
  if ((word === HAVING || word === WHERE) && isFirst) {
    const end = parseCondition(stream, head + 1, true);
    // Without a breakout, `WHERE name LIKE 'A%' AND age > 30` is documentation; `WHERE 1=1` is not.
    if (breakout.isQuoted || (parsed.shape & S_CONSTANT_COMPARE) !== 0) judgeCondition(stream, end, true, breakout, false);
    return;
  }
  // `admin' union select` with the list still to come: the breakout says enough.
  if (word === UNION && isFirst && breakout.isClean && isUnionSelectHead(stream, head)) return recordMatch(SQLI_RULES.unionSelect, breakout.start);
  if (word === PROCEDURE && stream.ids[head + 1] === ANALYSE) {
    // MySQL 5's PROCEDURE ANALYSE(extractvalue(...)) reached error-based injection after LIMIT.
    if (stream.classes[head + 2] === OPEN) judgeFeatures(stream.features[head + 2] ?? 0, breakout.start);
    return recordMatch(SQLI_RULES.fingerprintGeneric, breakout.start);
  }
  // SQL Server runs a statement straight after the literal as the next statement of the batch. After
  // a one-word value and up to a final comment any statement counts (`'create user x ... --`);
  // otherwise only the batch verbs (`db.query("select ...")` and `"DROP TABLE x"` are quoted text).
  const isCommentedOut = stream.classes[stream.count - 1] === COMMENT || stream.classes[stream.count - 1] === SEMICOLON;
  if (isStatementAt(stream, head, false, !(breakout.isClean && isCommentedOut))) recordMatch(SQLI_RULES.stackedQuery, breakout.start);
}

/** UNION [ALL|DISTINCT] SELECT, with or without a select list after it. */
function isUnionSelectHead(stream: TokenStream, union: number): boolean {
  const next = stream.ids[union + 1] === ALL || stream.ids[union + 1] === DISTINCT ? union + 2 : union + 1;
  return stream.classes[next] === WORD && stream.ids[next] === SELECT;
}

/**
 * The condition after the breakout (parsed by parseCondition, ending at `end`): comparisons after a
 * boolean operator are tautologies (or blind tests when functions or subqueries take part), provided
 * the query stays valid after them (a comment, `;`, the end, a reopened string, another clause).
 */
function judgeCondition(stream: TokenStream, end: number, afterBoolean: boolean, breakout: Breakout, isFirst: boolean, isComparedFirst = false): void {
  // After an arithmetic or comparison operator (`'+@@version+'`) a system variable proves SQL; a
  // `version()` call there is as likely code (`f"<Version()>"`).
  const features = afterBoolean || (parsed.features & F_SYSTEM_VARIABLE) !== 0 ? parsed.features : parsed.features & ~F_SYSTEM;
  const terminator = terminatorAt(stream, end);
  const isProven = judgeFeatures(features, breakout.start);
  const matched = conditionRule(stream, end, parsed.shape, features, terminator, afterBoolean, breakout, isComparedFirst);
  if (matched !== undefined && !(isProven && matched === SQLI_RULES.fingerprintGeneric)) recordMatch(matched, breakout.start);
  const next = skipClosing(stream, end);
  if (isFirst && terminator !== T_NONE && stream.classes[next] === WORD) analyzeClauseWord(stream, next, breakout, false);
}

/** `order by 3--`, `group by 1,2 having 1=1`: counting columns before a UNION. */
function analyzeOrderBy(stream: TokenStream, from: number, breakout: Breakout): void {
  let at = from;
  let hasNumber = false;
  for (let item = 0; item < 32; item++) {
    const tokenClass = stream.classes[at];
    if (tokenClass === NUMBER) {
      hasNumber = true;
    } else if (tokenClass === WORD && stream.classes[at + 1] === OPEN) {
      // `group by concat(0x71,floor(rand(0)*2))`: the error-based duplicate-key trick.
      judgeFeatures(stream.features[at + 1] ?? 0, breakout.start);
      at = stream.partners[at + 1] ?? -1;
      if (at === -1) return;
    } else if (tokenClass !== WORD || stream.ids[at] !== 0) {
      return;
    }
    at++;
    if (stream.ids[at] === ASC || stream.ids[at] === DESC) at++;
    if (stream.classes[at] !== COMMA) break;
    at++;
  }
  if (stream.ids[at] === HAVING && stream.classes[at] === WORD) {
    // `group by id having 1=1` makes SQL Server name the columns in its error; "group by team having fun" is prose.
    const end = parseCondition(stream, at + 1, true);
    if (!breakout.isQuoted && (parsed.shape & S_CONSTANT_COMPARE) === 0) return;
    judgeCondition(stream, end, true, breakout, false);
    recordMatch(SQLI_RULES.orderByProbe, breakout.start);
    return;
  }
  const terminator = terminatorAt(stream, at);
  // `order by 3-- -`; "Order by 5 -- thanks" is a sentence.
  const isCommented = (terminator === T_COMMENT && (stream.flags[skipClosing(stream, at)]! & WORDLESS) !== 0) || terminator === T_SEMICOLON;
  const isEnded = terminator === T_END || terminator === T_OPEN_STRING;
  if (hasNumber && (isCommented || (isEnded && breakout.isClean))) recordMatch(SQLI_RULES.orderByProbe, breakout.start);
}
