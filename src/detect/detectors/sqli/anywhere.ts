// Structures that prove an injection wherever they sit in the value, because prose never takes their
// shape: UNION SELECT with a select list, a statement after `;`, WAITFOR DELAY '...', a delay or error
// function called where an expression goes, INTO OUTFILE '...', a system catalog read in a subquery.
import { F_COMMAND, F_ERROR, F_FILE, F_TIME, isSystemObjectName } from './features.js';
import { looksLikeSelect } from './select-list.js';
import { RESERVED, STATEMENT, keywordFlags, keywordId, keywordIds } from './keywords.js';
import { isEnabled, recordMatch } from './matches.js';
import { SQLI_RULES } from './rules.js';
import { isFileStatement, isStatementAt, isWaitfor } from './statements.js';
import {
  BOOLEAN, CLOSE, COMMA, COMMENT, COMPARE, ARITHMETIC, JSON_OPERATOR, NOT, OPEN, QUALIFIED, SEMICOLON, SPACED, STRING, SYSTEM_VARIABLE, WORD,
  type TokenStream,
} from './tokens.js';

const id = keywordId;
const [UNION, ALL, DISTINCT, SELECT, WAITFOR, INTO, OUTFILE, DUMPFILE, LOAD, COPY, ATTACH, FROM, JOIN] =
  keywordIds('union', 'all', 'distinct', 'select', 'waitfor', 'into', 'outfile', 'dumpfile', 'load', 'copy', 'attach', 'from', 'join');
const [EXEC, EXECUTE, THEN, ELSE, WHEN, BY] = keywordIds('exec', 'execute', 'then', 'else', 'when', 'by');
/** Delay and error functions whose names alone are specific enough to count wherever they are called. */
const SPECIFIC_CALLS = new Set(['randomblob', 'xmltype'].map(id));

/** Checks every token of the stream for the structures above. */
export function scanAnywhere(stream: TokenStream, text: string): void {
  const { classes } = stream;
  for (let at = 0; at < stream.count; at++) {
    switch (classes[at]) {
      case WORD:
        if (stream.ids[at] !== 0 || stream.qualifiers[at] !== 0) scanWord(stream, at);
        break;
      case SEMICOLON:
        if (isStatementAt(stream, at + 1, false)) recordMatch(SQLI_RULES.stackedQuery, stream.starts[at]!);
        break;
      case SYSTEM_VARIABLE:
        if (isEnabled(SQLI_RULES.systemObjectMention)) recordMatch(SQLI_RULES.systemObjectMention, stream.starts[at]!);
        break;
      case JSON_OPERATOR:
        if (isEnabled(SQLI_RULES.jsonOperator) && isJsonPath(stream, text, at)) recordMatch(SQLI_RULES.jsonOperator, stream.starts[stream.classes[at - 1] === WORD ? at - 1 : at]!);
        break;
      default:
    }
  }
}

function scanWord(stream: TokenStream, at: number): void {
  const word = stream.ids[at] ?? 0;
  const start = stream.starts[at]!;
  switch (word) {
    case UNION: if (isUnionSelect(stream, at)) recordMatch(SQLI_RULES.unionSelect, start); break;
    case WAITFOR: if (isWaitfor(stream, at)) recordMatch(SQLI_RULES.timeBased, start); break;
    case INTO: if (isWordAt(stream, at + 1, OUTFILE, DUMPFILE) && stream.classes[at + 2] === STRING) recordMatch(SQLI_RULES.fileAccess, start); break;
    case LOAD: case COPY: case ATTACH: if (isFileStatement(stream, at)) recordMatch(SQLI_RULES.fileAccess, start); break;
    case FROM: case JOIN: if (isSystemRead(stream, at)) recordMatch(SQLI_RULES.systemObjects, start); break;
    default:
  }
  const features = stream.features[at] ?? 0;
  if (stream.classes[at + 1] === OPEN && (features & (F_TIME | F_ERROR | F_FILE)) !== 0) {
    // A dotted call that got here went through its Oracle package (dbms_lock.sleep, utl_inaddr...): specific too.
    const isSpecific = SPECIFIC_CALLS.has(word) || (stream.flags[at]! & QUALIFIED) !== 0;
    const isAnywhere = isSpecific || (features & F_FILE) !== 0 || isExpressionPosition(stream, at);
    if (isAnywhere && (features & F_TIME) !== 0) recordMatch(SQLI_RULES.timeBased, start);
    if (isAnywhere && (features & F_ERROR) !== 0) recordMatch(SQLI_RULES.errorBased, start);
    if (isAnywhere && (features & F_FILE) !== 0) recordMatch(SQLI_RULES.fileAccess, start);
  }
  if ((features & F_COMMAND) !== 0 && (isWordAt(stream, at - 1, EXEC, EXECUTE) || stream.classes[at + 1] === STRING || stream.classes[at + 1] === OPEN)) {
    recordMatch(SQLI_RULES.stackedQuery, start);
  }
  if (isEnabled(SQLI_RULES.systemObjectMention) && ((features & F_COMMAND) !== 0 || isSystemObjectName(stream, at, false))) {
    recordMatch(SQLI_RULES.systemObjectMention, start);
  }
  if (isEnabled(SQLI_RULES.statementText) && (keywordFlags(word) & STATEMENT) !== 0 && isStatementAt(stream, at, true)) recordMatch(SQLI_RULES.statementText, start);
}

const isWordAt = (stream: TokenStream, at: number, first: number, second: number): boolean =>
  stream.classes[at] === WORD && (stream.ids[at] === first || stream.ids[at] === second);

/** UNION [ALL|DISTINCT] [(] SELECT <select list>; comments between the keywords are allowed, as in SQL. */
function isUnionSelect(stream: TokenStream, union: number): boolean {
  let at = union + 1;
  while (stream.classes[at] === COMMENT) at++;
  if (isWordAt(stream, at, ALL, DISTINCT)) at++;
  while (stream.classes[at] === OPEN || stream.classes[at] === COMMENT) at++;
  return stream.classes[at] === WORD && stream.ids[at] === SELECT && looksLikeSelect(stream, at);
}

/**
 * A delay or error function called where SQL expects an expression: after an operator, SELECT,
 * THEN/ELSE, ORDER BY, `;`, or as an argument of a known function (`if(1=1,sleep(5),0)`).
 */
function isExpressionPosition(stream: TokenStream, name: number): boolean {
  let before = name - 1;
  while (before >= 0 && stream.classes[before] === OPEN) before--;
  // At the very start, only a value that is nothing but the call counts (breakout.ts, numeric context).
  if (before < 0) return false;
  switch (stream.classes[before]) {
    // `eat and sleep (8)` is prose; `and sleep(8)` with the parenthesis attached is a call.
    case BOOLEAN: case NOT: return (stream.flags[name + 1]! & SPACED) === 0;
    case COMPARE: case ARITHMETIC: case SEMICOLON: return true;
    case COMMA: {
      const parent = stream.parents[name] ?? -1;
      return parent > 0 && stream.classes[parent - 1] === WORD && stream.ids[parent - 1] !== 0;
    }
    case WORD: {
      const word = stream.ids[before];
      return word === SELECT || word === THEN || word === ELSE || word === WHEN || word === BY;
    }
    default: return false;
  }
}

/** FROM/JOIN a system catalog, inside a subquery or a UNION SELECT: reading the schema to plan the attack. */
function isSystemRead(stream: TokenStream, from: number): boolean {
  if (stream.classes[from + 1] !== WORD || !isSystemObjectName(stream, from + 1, true)) return false;
  // The SELECT this FROM belongs to: the nearest one before it at the same nesting level.
  const parent = stream.parents[from] ?? -1;
  for (let at = from - 1, steps = 0; at > parent && steps < 256; at--, steps++) {
    if (stream.classes[at] === CLOSE) {
      at = Math.max(stream.partners[at] ?? at, parent + 1);
      continue;
    }
    if (stream.classes[at] !== WORD || stream.ids[at] !== SELECT) continue;
    let before = at - 1;
    if (parent !== -1 && before === parent) return true;
    while (before >= 0 && (stream.classes[before] === OPEN || isWordAt(stream, before, ALL, DISTINCT))) before--;
    return before >= 0 && (stream.ids[before] === UNION || stream.classes[before] === SEMICOLON || stream.classes[before] === COMPARE);
  }
  return false;
}

/** `column->>'key'`, `data #> '{a,b}'`, `tags @> '["x"]'`: a JSON operator between a column and a literal path. */
function isJsonPath(stream: TokenStream, text: string, at: number): boolean {
  const before = stream.classes[at - 1];
  const isColumn = (before === WORD && (keywordFlags(stream.ids[at - 1] ?? 0) & RESERVED) === 0) || before === CLOSE;
  return isColumn && stream.classes[at + 1] === STRING && text.charCodeAt(stream.starts[at]!) !== 63;
}
