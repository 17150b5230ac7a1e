// What a condition after a breakout proves: the decisions of breakout.ts, kept apart from the walk
// over the clauses. Each path names the weakest evidence it accepts and why prose or code lacks it.
import type { DetectionRule } from '../../rule.js';
import { S_BARE_CONSTANT, S_BOOLEAN_COMPARE, S_CONSTANT_COMPARE, S_INCOMPLETE } from './expression.js';
import { T_COMMENT, T_NONE, T_OPEN_PROSE, T_SEMICOLON } from './terminators.js';
import { F_BLIND, F_ERROR, F_FILE, F_SUBQUERY, F_SYSTEM, F_TIME } from './features.js';
import { recordMatch } from './matches.js';
import { SQLI_RULES } from './rules.js';
import { CLOSE, CLOSED, STRING, WORDLESS, type TokenStream } from './tokens.js';

export interface Breakout {
  readonly isQuoted: boolean;
  /** The value starts with the operator (` or 1=1`): code continuation lines look the same (`and len(x) == 4`). */
  readonly isFragment?: boolean;
  /** The value before the quote is one short token (`admin`, `1`): weak evidence is enough there. */
  readonly isClean: boolean;
  /** Where to start the reported fragment. */
  readonly start: number;
}

/** Records the rules the features of injected SQL prove on their own. Returns whether any did. */
export function judgeFeatures(features: number, start: number): boolean {
  if ((features & F_TIME) !== 0) recordMatch(SQLI_RULES.timeBased, start);
  if ((features & F_ERROR) !== 0) recordMatch(SQLI_RULES.errorBased, start);
  if ((features & F_FILE) !== 0) recordMatch(SQLI_RULES.fileAccess, start);
  if ((features & F_SYSTEM) !== 0) recordMatch(SQLI_RULES.systemObjects, start);
  return (features & (F_TIME | F_ERROR | F_FILE | F_SYSTEM)) !== 0;
}

/**
 * The rule a condition after the breakout proves, from its shape, its features and what follows it
 * (`terminator`); undefined when it proves nothing.
 */
export function conditionRule(
  stream: TokenStream, end: number, shape: number, features: number, terminator: number, afterBoolean: boolean, breakout: Breakout, isComparedFirst = false,
): DetectionRule | undefined {
  const isTerminated = terminator !== T_NONE && terminator !== T_OPEN_PROSE;
  const isProbing = (features & (F_BLIND | F_SUBQUERY)) !== 0;
  if (breakout.isFragment === true) return fragmentRule(stream, end, shape, features, terminator);
  // In the numeric context only a boolean operator right after the number adds a condition: `3 < 4 and 5 > 2` is arithmetic prose.
  if ((shape & S_BOOLEAN_COMPARE) !== 0 && (afterBoolean || breakout.isQuoted)) {
    if (isProbing) return SQLI_RULES.blindBoolean;
    // `' or 0=0 –` (a typographic dash for `--`) still proves the intent after a one-word value.
    const isConstant = breakout.isClean && (shape & S_CONSTANT_COMPARE) !== 0;
    return isTerminated || terminator === T_OPEN_PROSE || isConstant ? SQLI_RULES.tautology : SQLI_RULES.fingerprintGeneric;
  }
  if (!afterBoolean) {
    // `1 rlike (select case when ...)`, `'=(select ...)='`: a subquery compared with the value.
    // `'+(select char(65)+char(66))+'`, `'||(select ...)||'`: a subquery concatenated into the literal puts its
    // result where the application shows the value.
    if ((features & F_SUBQUERY) !== 0 && (isComparedFirst || (breakout.isQuoted && isTerminated))) return SQLI_RULES.blindBoolean;
    return isTerminated && breakout.isQuoted && (shape & S_INCOMPLETE) === 0 ? SQLI_RULES.fingerprintGeneric : undefined;
  }
  if (isProbing && isTerminated) return SQLI_RULES.blindBoolean;
  if ((shape & S_BARE_CONSTANT) !== 0) {
    if (terminator === T_COMMENT || (terminator === T_SEMICOLON && breakout.isQuoted)) return SQLI_RULES.tautology;
    // `admin'or'1`: the application's closing quote completes a truthy string.
    if (breakout.isClean && end === stream.count && isOpenString(stream, end - 1)) return SQLI_RULES.tautology;
  }
  return isTerminated && (shape & S_INCOMPLETE) === 0 && (breakout.isQuoted || terminator === T_COMMENT) ? SQLI_RULES.fingerprintGeneric : undefined;
}

/** A leading fragment must prove itself: literals compared (`or 1=1`), a subquery tested, or a literal before a comment. */
function fragmentRule(stream: TokenStream, end: number, shape: number, features: number, terminator: number): DetectionRule | undefined {
  // A comment with words in it ends code lines (`and x == y  # why`); `-- -` and `#` alone end injections.
  const isCommented = terminator === T_COMMENT && (stream.flags[skipClosing(stream, end)]! & WORDLESS) !== 0;
  if ((shape & S_BOOLEAN_COMPARE) !== 0) {
    if ((features & F_SUBQUERY) !== 0) return SQLI_RULES.blindBoolean;
    // The condition must end where the value does, at a comment, `;`, a clause or a quote the query closes:
    // "and 1=1 is how the kids write 'true'" goes on as a sentence.
    if (((shape & S_CONSTANT_COMPARE) !== 0 && terminator !== T_NONE) || isCommented) return SQLI_RULES.tautology;
  }
  return (shape & S_BARE_CONSTANT) !== 0 && terminator === T_COMMENT ? SQLI_RULES.tautology : undefined;
}

export const isOpenString = (stream: TokenStream, at: number): boolean => stream.classes[at] === STRING && (stream.flags[at]! & CLOSED) === 0;

export const skipClosing = (stream: TokenStream, from: number): number => {
  let at = from;
  while (stream.classes[at] === CLOSE) at++;
  return at;
};

