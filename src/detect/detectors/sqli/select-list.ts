// Whether a SELECT is followed by a select list as code writes one, the test that separates
// `union select 1,2--` from "the union select committee" and `(select 1 from t)` from "(select one)".
import { RESERVED, keywordFlags, keywordId } from './keywords.js';
import { ARITHMETIC, COMMENT, CONSTANT, NUMBER, OPEN, PROSE, SEMICOLON, STRING, SYSTEM_VARIABLE, VARIABLE, WORD, type TokenStream } from './tokens.js';

const FROM = keywordId('from');
const DISTINCT = keywordId('distinct');
const ALL = keywordId('all');
const TOP = keywordId('top');
const AS = keywordId('as');

/**
 * SELECT followed by a select list as code writes it: a literal, `*`, a variable, a call or a
 * subquery first, or names that reach FROM; not `select the best option` (prose).
 */
export function looksLikeSelect(stream: TokenStream, select: number): boolean {
  const { classes, ids } = stream;
  let at = select + 1;
  while (classes[at] === WORD && (ids[at] === DISTINCT || ids[at] === ALL || ids[at] === TOP)) at += ids[at] === TOP ? 2 : 1;
  if (at >= stream.count) return false;
  switch (classes[at]) {
    case NUMBER: case CONSTANT: case VARIABLE: case SYSTEM_VARIABLE: case OPEN: return true;
    // A literal, not the rest of a sentence in quotes ("a 'union select' query").
    case STRING: return (stream.flags[at]! & PROSE) === 0;
    case ARITHMETIC: return ids[at] === 42;
    case WORD: break;
    default: return false;
  }
  if ((keywordFlags(ids[at] ?? 0) & RESERVED) !== 0) return false;
  if (classes[at + 1] === OPEN) return true;
  // Names up to FROM (`select username, password from users`). The walk stops at the first other
  // keyword, so each list is scanned by one SELECT only and the whole pass stays linear.
  for (let word = 0; at < stream.count; at++) {
    const tokenClass = classes[at];
    if (tokenClass === COMMENT || tokenClass === SEMICOLON) return true;
    const isKeyword = tokenClass === WORD && (keywordFlags(ids[at] ?? 0) & RESERVED) !== 0;
    if (isKeyword && ids[at] !== AS) return ids[at] === FROM;
    // Three names in a row are prose: a column and an alias is the most SQL puts side by side.
    word = tokenClass === WORD && !isKeyword ? word + 1 : 0;
    if (word === 3) return false;
  }
  return false;
}
