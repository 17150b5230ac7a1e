// Whole statements an attacker stacks after `;` (or, in SQL Server batches, after a breakout alone):
// each verb must be followed by the shape the grammar requires (`drop table <name>`, `exec
// xp_cmdshell`, `waitfor delay '<time>'`), so "drop me a line" or "select your plan" stay prose.
import { F_FILE, F_SYSTEM, F_TIME } from './features.js';
import { looksLikeSelect } from './select-list.js';
import { parseCondition, parsed, S_INCOMPLETE } from './expression.js';
import { T_COMMENT, T_NONE, T_OPEN_PROSE, T_SEMICOLON, terminatorAt } from './terminators.js';
import { COMMAND, OBJECT_TYPE, RESERVED, keywordFlags, keywordId, keywordIds } from './keywords.js';
import { ARITHMETIC, COMMA, COMPARE, OPEN, QUALIFIED, QUOTED, STRING, VARIABLE, WORD, type TokenStream } from './tokens.js';

const id = keywordId;
const [SELECT, INSERT, UPDATE, DELETE, DROP, CREATE, ALTER, TRUNCATE, EXEC, EXECUTE, DECLARE, WAITFOR, SHUTDOWN, SET] = keywordIds('select', 'insert', 'update', 'delete', 'drop', 'create', 'alter', 'truncate', 'exec', 'execute', 'declare', 'waitfor', 'shutdown', 'set');
const [FROM, INTO, VALUES, TABLE, IF, EXISTS, NOT_WORD, WITH, NOWAIT, DELAY, TIME, IMMEDIATE, AS, WHERE, DISTINCT, ALL, TOP] = keywordIds('from', 'into', 'values', 'table', 'if', 'exists', 'not', 'with', 'nowait', 'delay', 'time', 'immediate', 'as', 'where', 'distinct', 'all', 'top');
const ORDER = id('order');
const [LOAD, COPY, ATTACH, DATA, LOCAL, INFILE, PROGRAM, DATABASE, TO, IDENTIFIED] =
  keywordIds('load', 'copy', 'attach', 'data', 'local', 'infile', 'program', 'database', 'to', 'identified');
const LIMIT = id('limit');

/** Statements SQL Server runs after a breakout without `;` (a batch); the others need the semicolon. */
const BATCH_VERBS = new Set([EXEC, EXECUTE, DECLARE, WAITFOR, SHUTDOWN]);

/**
 * Whether a statement of the grammar's shape starts at `at`. `relaxed` (right after a breakout) also
 * accepts forms that end the input plainly (`; shutdown`, `; select name from users`); `batchOnly`
 * limits the verbs to those a batch accepts without `;`.
 */
export function isStatementAt(stream: TokenStream, at: number, relaxed: boolean, batchOnly = false): boolean {
  if (stream.classes[at] !== WORD) return false;
  const verb = stream.ids[at] ?? 0;
  if (batchOnly && !BATCH_VERBS.has(verb)) return false;
  switch (verb) {
    case SELECT: return isSelectStatement(stream, at, relaxed);
    case DROP: case TRUNCATE: return isDropStatement(stream, at);
    case CREATE: case ALTER: return isDefinition(stream, at);
    case DELETE: return isWord(stream, at + 1, FROM) && isName(stream, at + 2) && (isWord(stream, at + 3, WHERE) || isEnd(stream, at + 3));
    case INSERT: return isWord(stream, at + 1, INTO) && isName(stream, at + 2) && (isWord(stream, at + 3, VALUES) || isWord(stream, at + 3, SELECT) || isWord(stream, at + 3, SET) || stream.classes[at + 3] === OPEN);
    case UPDATE: return isName(stream, at + 1) && isWord(stream, at + 2, SET) && isName(stream, at + 3) && stream.classes[at + 4] === COMPARE;
    case SET: return stream.classes[at + 1] === VARIABLE && stream.classes[at + 2] === COMPARE;
    case EXEC: case EXECUTE: return isExecuteTarget(stream, at + 1, batchOnly);
    case DECLARE: return stream.classes[at + 1] === VARIABLE;
    case WAITFOR: return isWaitfor(stream, at);
    case LOAD: case COPY: case ATTACH: return isFileStatement(stream, at);
    case SHUTDOWN: return (isWord(stream, at + 1, WITH) && isWord(stream, at + 2, NOWAIT)) || isEnd(stream, at + 1, relaxed);
    default: return false;
  }
}

/** LOAD DATA INFILE, COPY ... PROGRAM, ATTACH DATABASE: statements that read, write or run files. */
export function isFileStatement(stream: TokenStream, at: number): boolean {
  switch (stream.ids[at]) {
    case LOAD: return isLoadData(stream, at);
    case COPY: return isCopyProgram(stream, at);
    case ATTACH: return stream.ids[at + 1] === DATABASE && stream.classes[at + 2] === STRING;
    default: return false;
  }
}

/** LOAD DATA [LOCAL] INFILE '<file>' (MySQL). */
function isLoadData(stream: TokenStream, load: number): boolean {
  let at = load + 1;
  if (stream.ids[at] !== DATA) return false;
  at++;
  if (stream.ids[at] === LOCAL) at++;
  return stream.ids[at] === INFILE && stream.classes[at + 1] === STRING;
}

/** COPY <table or (query)> TO|FROM PROGRAM '<command>' (PostgreSQL 9.3+, CVE-2019-9193). */
function isCopyProgram(stream: TokenStream, copy: number): boolean {
  let at = copy + 1;
  if (stream.classes[at] === OPEN) at = (stream.partners[at] ?? -1) === -1 ? stream.count : (stream.partners[at] ?? 0) + 1;
  else if (stream.classes[at] === WORD && (keywordFlags(stream.ids[at] ?? 0) & RESERVED) === 0) at++;
  else return false;
  return (isWord(stream, at, TO) || isWord(stream, at, FROM)) && stream.ids[at + 1] === PROGRAM && stream.classes[at + 2] === STRING;
}

/** `waitfor delay '0:0:5'` / `waitfor time '23:59'` (SQL Server). */
export function isWaitfor(stream: TokenStream, at: number): boolean {
  return (isWord(stream, at + 1, DELAY) || isWord(stream, at + 1, TIME)) && stream.classes[at + 2] === STRING;
}

const isWord = (stream: TokenStream, at: number, wanted: number): boolean => stream.classes[at] === WORD && stream.ids[at] === wanted;

/** An object name: a word that is no structure keyword, or a quoted identifier. */
function isName(stream: TokenStream, at: number): boolean {
  return stream.classes[at] === WORD && (keywordFlags(stream.ids[at] ?? 0) & RESERVED) === 0;
}

/** The statement ends at `at`: a comment, `;`, the application's closing quote, or (relaxed) the input's end. */
function isEnd(stream: TokenStream, at: number, relaxed = true): boolean {
  const terminator = terminatorAt(stream, at);
  return terminator === T_COMMENT || terminator === T_SEMICOLON || (relaxed && terminator !== T_NONE && terminator !== T_OPEN_PROSE);
}

/** `drop table users`, `drop database if exists shop`, `truncate table logs`. */
function isDropStatement(stream: TokenStream, verb: number): boolean {
  let at = verb + 1;
  const isTruncate = stream.ids[verb] === TRUNCATE;
  if (!isTruncate || isWord(stream, at, TABLE)) {
    if (stream.classes[at] !== WORD || (keywordFlags(stream.ids[at] ?? 0) & OBJECT_TYPE) === 0) return false;
    at++;
  }
  if (isWord(stream, at, IF) && isWord(stream, at + 1, EXISTS)) at += 2;
  if (!isName(stream, at)) return false;
  return isEnd(stream, at + 1) || stream.classes[at + 1] === COMMA;
}

/** `create table x (`, `create user x identified ...`, `alter table x ...`: a type, a name, then more definition. */
function isDefinition(stream: TokenStream, verb: number): boolean {
  let at = verb + 1;
  if (stream.classes[at] !== WORD || (keywordFlags(stream.ids[at] ?? 0) & OBJECT_TYPE) === 0) return false;
  at++;
  if (isWord(stream, at, IF)) at += stream.ids[at + 1] === NOT_WORD ? 3 : 2;
  if (!isName(stream, at)) return false;
  const next = stream.classes[at + 1];
  return next === OPEN || next === STRING || isWord(stream, at + 1, AS) || isWord(stream, at + 1, WITH) || isWord(stream, at + 1, IDENTIFIED) || isEnd(stream, at + 1);
}

/**
 * What EXEC runs: a command procedure (`xp_cmdshell`, `sp_configure`), a dotted procedure name,
 * EXECUTE IMMEDIATE, or, after `;` only, dynamic SQL in a variable or a string (`exec(@q)`, `exec('...')`).
 * Python's `exec(code)` and prose like "exec summary" are none of these.
 */
function isExecuteTarget(stream: TokenStream, at: number, batchOnly: boolean): boolean {
  const tokenClass = stream.classes[at];
  if (tokenClass === VARIABLE) return !batchOnly;
  if (tokenClass === OPEN) return !batchOnly && (stream.classes[at + 1] === VARIABLE || stream.classes[at + 1] === STRING);
  if (tokenClass !== WORD) return false;
  const flags = stream.flags[at]!;
  const target = stream.ids[at] ?? 0;
  if ((keywordFlags(target) & COMMAND) !== 0 || target === IMMEDIATE) return true;
  return (flags & QUALIFIED) !== 0 && (flags & QUOTED) === 0 && stream.classes[at + 1] !== COMPARE && stream.classes[at + 1] !== OPEN;
}

/**
 * `select ... ` as a statement of its own: the select list must look like code and the statement must
 * prove itself (a FROM, a comment or `;` after it, or a delay, file or system function in it);
 * right after a breakout, reaching the end of the input is enough.
 */
function isSelectStatement(stream: TokenStream, select: number, relaxed: boolean): boolean {
  if (!looksLikeSelect(stream, select)) return false;
  let at = select + 1;
  while (stream.classes[at] === WORD && (stream.ids[at] === DISTINCT || stream.ids[at] === ALL || stream.ids[at] === TOP)) at += stream.ids[at] === TOP ? 2 : 1;
  // Away from a breakout, `; select all items from the list` is an instruction: code selects a literal, `*`, a call...
  if (!relaxed && stream.classes[at] === WORD && stream.classes[at + 1] !== OPEN) return false;
  let features = 0;
  for (let item = 0; item < 64; item++) {
    if (stream.classes[at] === ARITHMETIC && stream.ids[at] === 42) {
      at++;
    } else {
      at = parseCondition(stream, at, false);
      if ((parsed.shape & S_INCOMPLETE) !== 0) return false;
      features |= parsed.features;
    }
    if (isWord(stream, at, AS)) at++;
    if (isName(stream, at) && stream.classes[at + 1] !== OPEN) at++;
    if (stream.classes[at] !== COMMA) break;
    at++;
  }
  if (isWord(stream, at, FROM) || isWord(stream, at, INTO) || isWord(stream, at, ORDER) || isWord(stream, at, LIMIT)) return true;
  if ((features & (F_TIME | F_FILE | F_SYSTEM)) !== 0) return true;
  return isEnd(stream, at, relaxed);
}
