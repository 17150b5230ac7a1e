// A small recursive-descent reader for the SQL condition an attacker writes after breaking out
// (`or 1=1`, `and ascii(substr((select ...),1,1))>64`): it finds where the condition ends, what shape
// it has (a comparison, one bare constant ...) and what its operands do (features.ts).
import { F_BLIND, F_SYSTEM, F_SYSTEM_VARIABLE } from './features.js';
import { RESERVED, keywordFlags, keywordId } from './keywords.js';
import {
  ARITHMETIC, BOOLEAN, COMPARE, CONSTANT, JSON_OPERATOR, NOT, NUMBER, OPEN, PROSE, STRING, SYSTEM_VARIABLE, VARIABLE, WORD, type TokenStream,
} from './tokens.js';

// Shapes of a parsed condition.
/** Two operands compared (`1=1`, `'a' like 'a`, `x is not null`, `1 in (1)`). */
export const S_COMPARE = 1;
/** A comparison after a boolean operator: the condition an attacker adds to the query's own. */
export const S_BOOLEAN_COMPARE = 2;
/** Only literals on both sides (`1=1`, `'a'='a`, `2>1`): a tautology or a contradiction. */
export const S_CONSTANT_COMPARE = 4;
/** The whole condition is one literal (`or 1`, `or true`). */
export const S_BARE_CONSTANT = 8;
/** An operator without its operand: the text stops being SQL there. */
export const S_INCOMPLETE = 16;

const K_CONSTANT = 1;
const K_COLUMN = 2;
const K_OTHER = 3;

/** Nesting depth the reader follows into parentheses; deeper groups count by their features only. */
const MAX_DEPTH = 16;

const IS = keywordId('is');
const BETWEEN = keywordId('between');
const IN = keywordId('in');
const SOUNDS = keywordId('sounds');
const SIMILAR = keywordId('similar');
const LIKE = keywordId('like');
const AND = keywordId('and');
const CASE = keywordId('case');
const END = keywordId('end');
const SELECT = keywordId('select');

/** Results of the last parseCondition. */
export const parsed = { features: 0, shape: 0 };
let valueKind = 0;

/** Reads a condition from `from`; `afterBoolean` when a boolean operator came right before it. Returns its end. */
export function parseCondition(stream: TokenStream, from: number, afterBoolean: boolean): number {
  parsed.features = 0;
  parsed.shape = 0;
  return condition(stream, from, afterBoolean, 0);
}

function condition(stream: TokenStream, from: number, afterBoolean: boolean, depth: number): number {
  let at = from;
  let seenBoolean = afterBoolean;
  // Every round consumes at least one token, so the loop is linear in the condition's length.
  for (let operands = 0; ; operands++) {
    const left = value(stream, at, depth);
    if (left === -1) {
      parsed.shape |= S_INCOMPLETE;
      return at;
    }
    const leftKind = valueKind;
    at = left;
    if (isComparison(stream, at)) {
      const right = comparison(stream, at, depth);
      if (right === -1) {
        parsed.shape |= S_INCOMPLETE;
        return at;
      }
      parsed.shape |= S_COMPARE | (seenBoolean ? S_BOOLEAN_COMPARE : 0) | (leftKind === K_CONSTANT && valueKind === K_CONSTANT ? S_CONSTANT_COMPARE : 0);
      at = right;
    } else if (operands === 0 && leftKind === K_CONSTANT && stream.classes[at] !== BOOLEAN) {
      parsed.shape |= S_BARE_CONSTANT;
    }
    if (stream.classes[at] !== BOOLEAN) return at;
    seenBoolean = true;
    at++;
  }
}

/** Operands joined by arithmetic or JSON operators (`1+1`, `data->>'role'`); kind constant when all are. */
function value(stream: TokenStream, from: number, depth: number): number {
  let at = operand(stream, from, depth);
  if (at === -1) return -1;
  let kind = valueKind;
  while (stream.classes[at] === ARITHMETIC || (stream.classes[at] === JSON_OPERATOR && !isJsonPredicate(stream, at))) {
    const next = operand(stream, at + 1, depth);
    if (next === -1) return -1;
    if (kind !== valueKind) kind = kind === K_COLUMN || valueKind === K_COLUMN ? K_COLUMN : K_OTHER;
    at = next;
  }
  valueKind = kind;
  return at;
}

function operand(stream: TokenStream, from: number, depth: number): number {
  const { classes, ids } = stream;
  let at = from;
  // Unary NOT, !, -, +, ~.
  while (classes[at] === NOT || (classes[at] === ARITHMETIC && (ids[at] === 45 || ids[at] === 43 || ids[at] === 126))) at++;
  if (at >= stream.count) return -1;
  valueKind = K_OTHER;
  switch (classes[at]) {
    case STRING:
      // A string left open with spaces in it is the rest of a sentence, not a value the query closes.
      if ((stream.flags[at]! & PROSE) !== 0) return -1;
      valueKind = K_CONSTANT;
      return at + 1;
    case NUMBER: case CONSTANT:
      valueKind = K_CONSTANT;
      return at + 1;
    case VARIABLE: return at + 1;
    case SYSTEM_VARIABLE:
      parsed.features |= F_SYSTEM | F_SYSTEM_VARIABLE;
      return at + 1;
    case OPEN: return group(stream, at, depth);
    case WORD: return word(stream, at);
    default: return -1;
  }
}

function word(stream: TokenStream, at: number): number {
  const id = stream.ids[at] ?? 0;
  if (id === CASE) return caseExpression(stream, at);
  if ((keywordFlags(id) & RESERVED) !== 0) return -1;
  if (stream.classes[at + 1] === OPEN) {
    parsed.features |= stream.features[at + 1] ?? 0;
    return groupEnd(stream, at + 1);
  }
  parsed.features |= stream.features[at] ?? 0;
  valueKind = K_COLUMN;
  return at + 1;
}

/** `( ... )`: a subquery counts by its features, anything else is read as a nested condition. */
function group(stream: TokenStream, open: number, depth: number): number {
  parsed.features |= stream.features[open] ?? 0;
  const end = groupEnd(stream, open);
  const first = stream.classes[open + 1];
  if (first === WORD && stream.ids[open + 1] === SELECT) return end;
  if (depth >= MAX_DEPTH) return end;
  const shape = parsed.shape;
  parsed.shape = 0;
  condition(stream, open + 1, (shape & S_BOOLEAN_COMPARE) !== 0 || isAfterBoolean(stream, open), depth + 1);
  const inner = parsed.shape;
  parsed.shape = shape | (inner & ~(S_BARE_CONSTANT | S_INCOMPLETE));
  valueKind = (inner & S_BARE_CONSTANT) !== 0 || (inner & S_CONSTANT_COMPARE) !== 0 ? K_CONSTANT : K_OTHER;
  return end;
}

/** Whether a boolean operator (past any open parentheses) comes right before `at`. */
function isAfterBoolean(stream: TokenStream, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && stream.classes[before] === OPEN) before--;
  return before >= 0 && stream.classes[before] === BOOLEAN;
}

const groupEnd = (stream: TokenStream, open: number): number => {
  const close = stream.partners[open] ?? -1;
  return close === -1 ? stream.count : close + 1;
};

/** CASE ... END, nested CASEs included; counts as a blind test (`case when (1=1) then sleep(5) end`). */
function caseExpression(stream: TokenStream, at: number): number {
  parsed.features |= F_BLIND;
  let nesting = 0;
  for (let index = at; index < stream.count; index++) {
    if (stream.classes[index] === OPEN) {
      parsed.features |= stream.features[index] ?? 0;
      index = (stream.partners[index] ?? -1) === -1 ? stream.count : (stream.partners[index] ?? 0);
      continue;
    }
    parsed.features |= stream.features[index] ?? 0;
    if (stream.ids[index] === CASE && stream.classes[index] === WORD) nesting++;
    if (stream.ids[index] === END && stream.classes[index] === WORD && --nesting === 0) return index + 1;
  }
  return stream.count;
}

function isComparison(stream: TokenStream, at: number): boolean {
  const tokenClass = stream.classes[at];
  return tokenClass === COMPARE || (tokenClass === NOT && stream.classes[at + 1] === COMPARE) || isJsonPredicate(stream, at);
}

/** PostgreSQL's `@>`, `<@`, `?|`, `?&` test containment and return booleans; `->`, `#>` only fetch. */
function isJsonPredicate(stream: TokenStream, at: number): boolean {
  const id = stream.ids[at];
  return stream.classes[at] === JSON_OPERATOR && (id === 64 || id === 60 || id === 63);
}

/** The comparison operator at `at` and its right side; -1 when incomplete. Sets valueKind to the right side's. */
function comparison(stream: TokenStream, from: number, depth: number): number {
  const { classes, ids } = stream;
  let at = classes[from] === NOT ? from + 1 : from;
  const operator = ids[at];
  at++;
  if (operator === IS) {
    if (classes[at] === NOT) at++;
    // `x is null` tests a value; only literals compared with each other make a constant comparison.
    valueKind = K_OTHER;
    return classes[at] === CONSTANT ? at + 1 : -1;
  }
  if (operator === SOUNDS) at = ids[at] === LIKE ? at + 1 : -1;
  if (operator === SIMILAR) at = classes[at] === WORD ? at + 1 : -1;
  if (at === -1) return -1;
  if (operator === IN) {
    if (classes[at] !== OPEN) return -1;
    parsed.features |= stream.features[at] ?? 0;
    const first = classes[at + 1];
    valueKind = first === NUMBER || first === STRING || first === CONSTANT ? K_CONSTANT : K_OTHER;
    return groupEnd(stream, at);
  }
  const low = value(stream, at, depth);
  if (operator !== BETWEEN || low === -1) return low;
  const lowKind = valueKind;
  if (classes[low] !== BOOLEAN || ids[low] !== AND) return -1;
  const high = value(stream, low + 1, depth);
  if (lowKind !== K_CONSTANT) valueKind = K_OTHER;
  return high;
}
