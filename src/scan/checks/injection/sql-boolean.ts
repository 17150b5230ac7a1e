// Boolean-based (blind) SQL injection: a condition that is always true widens the answer, the same
// condition made false does not, and both answers repeat — so it is the database evaluating the
// condition, not noise, a timestamp or the payload echoed back (OWASP WSTG-INPV-05, CWE-89).
import type { ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { InjectionPoint } from '../../requests/index.js';
import { isSuccess } from '../probe.js';
import { appended, inject, isIntegerPoint, sendVariant, type InjectionTarget } from './injection-targets.js';

export interface BooleanPair {
  readonly whenTrue: string;
  readonly whenFalse: string;
}

/**
 * `LIKE` rather than the classic `'1'='1`: inside `LIKE '%…%'` the query's own closing `%'` turns
 * `'1'='1%'` false, while `'a' LIKE 'a%'` stays true; in `= '…'` both behave alike. The two
 * variants have the same length and differ in one letter, so a length limit or an input filter
 * treats them alike and only the database can tell them apart.
 */
export const QUOTED_PAIR: BooleanPair = { whenTrue: "' OR 'a' LIKE 'a", whenFalse: "' OR 'a' LIKE 'b" };
/** For an unquoted integer (`WHERE id = 3`). */
export const NUMERIC_PAIR: BooleanPair = { whenTrue: ' OR 1=1', whenFalse: ' OR 1=2' };

export interface BooleanProof {
  readonly pair: BooleanPair;
  /** True, false, true again, false again. */
  readonly exchanges: readonly Exchange[];
}

export async function booleanProof(context: ScanContext, target: InjectionTarget, point: InjectionPoint): Promise<BooleanProof | undefined> {
  const pairs = isIntegerPoint(point) ? [NUMERIC_PAIR, QUOTED_PAIR] : [QUOTED_PAIR];
  for (const pair of pairs) {
    const send = (suffix: string): Promise<Exchange> => sendVariant(context, target, inject(target.built, point, appended(point, suffix)));
    const first = [await send(pair.whenTrue), await send(pair.whenFalse)] as const;
    // Most targets stop here: the two answers are the same, two requests spent.
    if (!isWidened(first[0], first[1], point, pair)) continue;
    const again = [await send(pair.whenTrue), await send(pair.whenFalse)] as const;
    const exchanges = [first[0], first[1], again[0], again[1]];
    if (isRepeated(exchanges, point, pair)) return { pair, exchanges };
  }
  return undefined;
}

/**
 * The true variant answered 2xx and more than the false one: a longer answer (more rows) or a
 * success where the false one was refused (no row found). A 5xx or 429 is not an answer to compare.
 */
function isWidened(whenTrue: Exchange, whenFalse: Exchange, point: InjectionPoint, pair: BooleanPair): boolean {
  const status = whenFalse.response?.status;
  if (!isSuccess(whenTrue) || status === undefined || status === 429 || status >= 500) return false;
  const trueShape = shapeOf(whenTrue, appended(point, pair.whenTrue));
  const falseShape = shapeOf(whenFalse, appended(point, pair.whenFalse));
  return !isSuccess(whenFalse) ? true : trueShape.length > falseShape.length;
}

/** Both variants answered the same way twice, and differently from each other. */
function isRepeated(exchanges: readonly Exchange[], point: InjectionPoint, pair: BooleanPair): boolean {
  const [true1, false1, true2, false2] = exchanges;
  if (true1 === undefined || false1 === undefined || true2 === undefined || false2 === undefined) return false;
  const trueText = appended(point, pair.whenTrue);
  const falseText = appended(point, pair.whenFalse);
  return isWidened(true2, false2, point, pair) &&
    shapeOf(true1, trueText) === shapeOf(true2, trueText) && shapeOf(false1, falseText) === shapeOf(false2, falseText);
}

/**
 * Status and body with the sent value removed wherever the answer echoes it (as is, JSON-escaped,
 * percent- or form-encoded), so an API that repeats the search term does not look widened.
 */
export function shapeOf(exchange: Exchange, sent: string): string {
  const response = exchange.response;
  if (response === undefined) return `error ${exchange.error ?? ''}`;
  const echoes = new Set([sent, JSON.stringify(sent).slice(1, -1), encodeURIComponent(sent), new URLSearchParams({ v: sent }).toString().slice(2)]);
  let body = response.body;
  for (const echo of echoes) if (echo !== '') body = body.replaceAll(echo, '');
  return `${response.status}\n${body}`;
}
