// A single-pass reader of start tags and their attributes, following the tokenizer of the HTML Living
// Standard (13.2.5): a tag name ends at whitespace, `/` or `>`; `/` separates attributes like a space
// (`<svg/onload=...>`); values are double-quoted, single-quoted or unquoted; a tag runs to its `>`
// across lines, and one left open (`<svg onload=alert(1)`) still counts: the page's next `>` closes it.
import { isSpace } from './script-code.js';

/** Positions only: names are compared in place (see names.ts), so benign markup allocates nothing. */
export interface TagListener {
  /** A start tag at `start` (its `<`) whose name ends at `nameEnd`. */
  startTag(start: number, nameEnd: number): void;
  /** One attribute of the current tag, its name in [nameStart, nameEnd); `valueStart` is -1 when it has no value. */
  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, isQuoted: boolean): void;
}

/**
 * The next `"` and `'` found so far. Readers ask with increasing positions, so each search resumes
 * where the last one ended and a value left open costs one scan, not one per tag (linear time).
 */
export interface QuoteMemo {
  doubleFrom: number;
  doubleAt: number;
  singleFrom: number;
  singleAt: number;
}

const NEVER = Number.MAX_SAFE_INTEGER;

export function newQuoteMemo(): QuoteMemo {
  return { doubleFrom: NEVER, doubleAt: -1, singleFrom: NEVER, singleAt: -1 };
}

const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const SLASH = 47;
const EQUALS = 61;
const GREATER = 62;

/** Whether a start tag opens at `index`: `<` and an ASCII letter. */
export function isStartTagAt(text: string, index: number): boolean {
  const lower = text.charCodeAt(index + 1) | 0x20;
  return text.charCodeAt(index) === 60 && lower >= 97 && lower <= 122;
}

/** Reads the start tag at `start` (see isStartTagAt); returns the index after its `>`, or `limit`. */
export function readStartTag(text: string, start: number, limit: number, memo: QuoteMemo, listener: TagListener): number {
  let index = start + 1;
  while (index < limit && !endsTagName(text.charCodeAt(index))) index++;
  listener.startTag(start, index);
  return readAttributes(text, index, limit, memo, listener);
}

/** Reads attributes from `from` to the tag's `>`; returns the index after it, or `limit`. */
export function readAttributes(text: string, from: number, limit: number, memo: QuoteMemo, listener: TagListener): number {
  let index = from;
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (code === GREATER) return index + 1;
    if (isSpace(code) || code === SLASH) {
      index++;
      continue;
    }
    // An `=` first is part of the name (13.2.5.32), so the loop below starts one character in.
    const nameStart = index++;
    while (index < limit && !endsAttributeName(text.charCodeAt(index))) index++;
    const nameEnd = index;
    while (index < limit && isSpace(text.charCodeAt(index))) index++;
    if (index >= limit || text.charCodeAt(index) !== EQUALS) {
      listener.attribute(nameStart, nameEnd, -1, -1, false);
      continue;
    }
    index++;
    while (index < limit && isSpace(text.charCodeAt(index))) index++;
    index = readValue(text, index, limit, memo, nameStart, nameEnd, listener);
  }
  return limit;
}

function readValue(text: string, start: number, limit: number, memo: QuoteMemo, nameStart: number, nameEnd: number, listener: TagListener): number {
  const quote = text.charCodeAt(start);
  if (start < limit && (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE)) {
    const close = nextQuote(text, memo, quote, start + 1);
    const end = close === -1 || close >= limit ? limit : close;
    listener.attribute(nameStart, nameEnd, start + 1, end, true);
    return end === limit ? limit : end + 1;
  }
  let end = start;
  while (end < limit && !isSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== GREATER) end++;
  listener.attribute(nameStart, nameEnd, start, end, false);
  return end;
}

function nextQuote(text: string, memo: QuoteMemo, quote: number, from: number): number {
  if (quote === DOUBLE_QUOTE) {
    if (from < memo.doubleFrom || (memo.doubleAt !== -1 && memo.doubleAt < from)) {
      memo.doubleFrom = from;
      memo.doubleAt = text.indexOf('"', from);
    }
    return memo.doubleAt;
  }
  if (from < memo.singleFrom || (memo.singleAt !== -1 && memo.singleAt < from)) {
    memo.singleFrom = from;
    memo.singleAt = text.indexOf("'", from);
  }
  return memo.singleAt;
}

function endsTagName(code: number): boolean {
  return isSpace(code) || code === SLASH || code === GREATER;
}

function endsAttributeName(code: number): boolean {
  return isSpace(code) || code === SLASH || code === GREATER || code === EQUALS;
}
