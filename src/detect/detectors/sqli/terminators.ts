// What may follow an injected condition for the query to stay valid: the end, a comment, `;`, a
// clause keyword, or a string the application's own closing quote completes.
import { keywordId } from './keywords.js';
import { CLOSE, CLOSED, COMMENT, PROSE, SEMICOLON, STRING, WORD, type TokenStream } from './tokens.js';

export const T_NONE = 0;
export const T_END = 1;
export const T_COMMENT = 2;
export const T_SEMICOLON = 3;
/** A clause keyword: ORDER, GROUP, LIMIT, UNION, INTO, HAVING, PROCEDURE. */
export const T_CLAUSE = 4;
/** A string left open at the very end: the application's own closing quote completes it. */
export const T_OPEN_STRING = 5;
/** The same with whitespace in it (`' or 1=1 or ' x`): enough after a comparison, not for weaker evidence. */
export const T_OPEN_PROSE = 6;

const CLAUSES = new Set(['order', 'group', 'limit', 'union', 'into', 'having', 'procedure'].map(keywordId));

/** What follows the condition ending at `at` (after any closing parentheses). */
export function terminatorAt(stream: TokenStream, from: number): number {
  let at = from;
  while (stream.classes[at] === CLOSE) at++;
  if (at >= stream.count) return T_END;
  switch (stream.classes[at]) {
    case COMMENT: return T_COMMENT;
    case SEMICOLON: return T_SEMICOLON;
    case STRING:
      if (at !== stream.count - 1 || (stream.flags[at]! & CLOSED) !== 0) return T_NONE;
      return (stream.flags[at]! & PROSE) === 0 ? T_OPEN_STRING : T_OPEN_PROSE;
    case WORD: return CLAUSES.has(stream.ids[at] ?? 0) ? T_CLAUSE : T_NONE;
    default: return T_NONE;
  }
}
