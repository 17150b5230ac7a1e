// Where a command sits decides whether it is an injection or prose about one: `127.0.0.1; id` is a
// payload, "try cd app && ls -la" is advice, and a command inside a markdown code span or a table row
// of a developer's comment is documentation. These checks only run once a command has been found.

/** Characters looked back over for sentence words; a longer run of text before counts as prose. */
const LOOK_BACK = 256;

/**
 * Sentence words before `index` on its line (or in the whole value when `acrossLines`), counted up
 * to `limit`: prose has several, an injected value one at most (`127.0.0.1;`, `name';`), and shell
 * code none (`str=$(echo x);if [ 3 -ne 4 ];`). A longer stretch than LOOK_BACK counts as prose.
 */
export function wordsBefore(text: string, index: number, acrossLines: boolean, limit: number): number {
  let count = 0;
  let end = index;
  const stop = Math.max(0, index - LOOK_BACK);
  for (let at = index - 1; at >= -1; at--) {
    const code = at < 0 ? 10 : text.charCodeAt(at);
    const isBreak = code === 10 || code === 13;
    if (code === 32 || code === 9 || isBreak) {
      if (isSentenceWord(text, at + 1, end) && ++count >= limit) return limit;
      end = at;
      if (isBreak && !acrossLines) return count;
    }
    if (at < stop && at >= 0) return limit;
  }
  return count;
}

/** Two or more letters, lowercase after the first, with a trailing `.,!?:;` allowed: a word of prose. */
export function isSentenceWord(text: string, start: number, end: number): boolean {
  let last = end;
  const trailing = text.charCodeAt(end - 1);
  if (trailing === 46 || trailing === 44 || trailing === 33 || trailing === 63 || trailing === 58 || trailing === 59) last--;
  if (last - start < 2) return false;
  const first = text.charCodeAt(start);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
  for (let at = start + 1; at < last; at++) {
    const code = text.charCodeAt(at);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/**
 * A separator where an injection puts it: first in the value (after spaces and quotes), right after a
 * closing quote, a parenthesis, a space or (for `;` and `|`) a number, or before a space (`x; ls`).
 * `name;id` is a list.
 */
export function isInjectionPoint(text: string, separator: number): boolean {
  let at = separator - 1;
  while (at >= 0 && isQuoteOrSpace(text.charCodeAt(at))) at--;
  if (at < 0) return true;
  const before = text.charCodeAt(separator - 1);
  if (isQuoteOrSpace(before) || before === 41 || isQuoteOrSpace(text.charCodeAt(separator + 1))) return true;
  return before >= 48 && before <= 57 && text.charCodeAt(separator) !== 38;
}

function isQuoteOrSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 39 || code === 34;
}

/** Documentation regions of a value: markdown code spans and fenced blocks inside prose. */
export interface Documentation {
  /** Sorted, disjoint [start, end) ranges. */
  readonly ranges: readonly number[];
}

/**
 * Markdown code (CommonMark 6.1, 4.5): a fence of three or more backticks runs to the next fence; a
 * shorter run opens a span closed by a run of the same length. A span counts as documentation when it
 * sits in prose: space or the start before it, space or punctuation after it, and text around it.
 */
export function findDocumentation(text: string): Documentation {
  const ranges: number[] = [];
  const bounds = textBounds(text);
  let index = text.indexOf('`');
  while (index !== -1) {
    const run = runLength(text, index);
    const close = findRun(text, index + run, run >= 3 ? 3 : run, run >= 3);
    if (close === -1) break;
    const closeRun = runLength(text, close);
    if (run >= 3 || isProseSpan(text, index, close + closeRun, bounds)) ranges.push(index, close + closeRun);
    index = text.indexOf('`', close + closeRun);
  }
  return { ranges };
}

export function isDocumentation(documentation: Documentation, index: number): boolean {
  const { ranges } = documentation;
  // Binary search over the range starts (even slots).
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = ranges[middle * 2]!;
    if (index < start) high = middle - 1;
    else if (index >= ranges[middle * 2 + 1]!) low = middle + 1;
    else return true;
  }
  return false;
}

function isProseSpan(text: string, start: number, end: number, bounds: readonly [number, number]): boolean {
  const before = start === 0 ? 32 : text.charCodeAt(start - 1);
  const after = end >= text.length ? 32 : text.charCodeAt(end);
  const isOpen = before === 32 || before === 9 || before === 10 || before === 40 || before === 42 || before === 95;
  const isClosed = after === 32 || after === 9 || after === 10 || after === 13 || ',.;:!?)*_'.includes(text[end] ?? ' ');
  return isOpen && isClosed && (bounds[0] < start || bounds[1] > end);
}

/** [first non-space index, last non-space index + 1]. */
function textBounds(text: string): readonly [number, number] {
  let first = 0;
  while (first < text.length && text.charCodeAt(first) <= 32) first++;
  let last = text.length;
  while (last > first && text.charCodeAt(last - 1) <= 32) last--;
  return [first, last];
}

function runLength(text: string, index: number): number {
  let end = index;
  while (end < text.length && text.charCodeAt(end) === 96) end++;
  return end - index;
}

/** The next run of exactly `length` backticks (at least `length` for fences). */
function findRun(text: string, from: number, length: number, isFence: boolean): number {
  for (let index = text.indexOf('`', from); index !== -1; ) {
    const run = runLength(text, index);
    if (run === length || (isFence && run >= length)) return index;
    index = text.indexOf('`', index + run);
  }
  return -1;
}

/** The line last read by isTableRow; candidates arrive in order, so each line is read once. */
export interface LineMemo {
  start: number;
  end: number;
  isRow: boolean;
}

export const newLineMemo = (): LineMemo => ({ start: -1, end: -1, isRow: false });

/** A markdown table row (`| id | name |` in a multi-line value): pipes between cells, not pipelines. */
export function isTableRow(text: string, index: number, memo: LineMemo): boolean {
  if (index >= memo.start && index < memo.end) return memo.isRow;
  let start = index;
  while (start > 0 && text.charCodeAt(start - 1) !== 10) start--;
  let end = text.indexOf('\n', index);
  if (end === -1) end = text.length;
  const line = text.slice(start, end).trim();
  memo.start = start;
  memo.end = end;
  // A single line is the whole value: `| id |` there is a payload, not a table.
  memo.isRow = (start > 0 || end < text.length) && line.length > 2 && line.startsWith('|') && line.endsWith('|');
  return memo.isRow;
}
