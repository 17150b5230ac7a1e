// The markup scan: every start tag and its attributes, judged as a browser would act on them (script
// elements, event handlers, script URLs, plugin and frame elements, dangerous style), and end tags of
// raw-text elements that payloads close to escape. Quoted values holding markup are read as markup
// too (`<img alt="<script>...">` runs where the value is echoed unquoted).
import { isDangerousStyle } from './css.js';
import { isKnownEventAttribute } from './events.js';
import { isHandlerName, lookupName, spellsName } from './names.js';
import { XSS_RULES, isPending, report, type XssScan } from './rules.js';
import { hasCall, isCodeLike, isInertHandler } from './script-code.js';
import { isStartTagAt, newQuoteMemo, readStartTag, type QuoteMemo, type TagListener } from './tag-scanner.js';
import { classifyUrl, type SchemeKind } from './url-scheme.js';
import {
  ACTIVE_TAGS, DOCUMENT_FRAMES, FRAMEWORK_ATTRIBUTE_PREFIXES, JUDGED_ATTRIBUTES, JUDGED_TAGS, PLUGIN_TAGS, RAW_TEXT_TAGS,
  RICH_TEXT_TAGS, URL_ATTRIBUTES, URL_LIST_ATTRIBUTES, isElementName,
} from './vocabulary.js';

/** Markup inside quoted values is read this deep; quotes of two kinds cannot nest deeper anyway. */
const MAX_DEPTH = 2;

interface MarkupJudge extends TagListener {
  readonly scan: XssScan;
  readonly memo: QuoteMemo;
  /** The current tag's name if it is one of JUDGED_TAGS, else ''. */
  tag: string;
  tagStart: number;
  attributes: number;
  /** The last search for `</script`: from where, and where it was found (-1: nowhere after). */
  scriptEndFrom: number;
  scriptEndAt: number;
  /** End of the last script text judged to be prose: later scripts ending there are prose too. */
  proseEnd: number;
  /** Ranges read as markup once their tag is done (quoted values, names holding `<`): start, end pairs. */
  readonly nested: number[];
}

/** Judges every tag in the scan's text (the caller has seen a `<`). */
export function scanMarkup(scan: XssScan): void {
  const text = scan.text;
  const judge: MarkupJudge = {
    scan, memo: newQuoteMemo(), tag: '', tagStart: 0, attributes: 0, scriptEndFrom: Number.MAX_SAFE_INTEGER, scriptEndAt: -1, proseEnd: -1, nested: [],
    startTag(start, nameEnd) {
      judge.tag = lookupName(text, start + 1, nameEnd, JUDGED_TAGS);
      judge.tagStart = start;
      judge.attributes = 0;
      judgeTag(judge, nameEnd);
      // `<` is part of a tag name (13.2.5.8), but a filter that strips `<script>` once turns
      // `<scr<script>ipt>` into a script element: the inner tag is read too.
      const inner = indexOfLess(text, start + 1, nameEnd);
      if (inner !== -1) judge.nested.push(inner, nameEnd);
    },
    attribute(nameStart, nameEnd, valueStart, valueEnd, isQuoted) {
      judge.attributes++;
      if (valueStart === -1) return;
      judgeAttribute(judge, nameStart, nameEnd, valueStart, valueEnd);
      if (isQuoted && indexOfLess(text, valueStart, valueEnd) !== -1) judge.nested.push(valueStart, valueEnd);
    },
  };
  scanRange(judge, 0, text.length, 0);
}

function scanRange(judge: MarkupJudge, from: number, limit: number, depth: number): void {
  const text = judge.scan.text;
  let index = text.indexOf('<', from);
  while (index !== -1 && index < limit) {
    let next = index + 1;
    if (isStartTagAt(text, index)) {
      const mark = judge.nested.length;
      next = readStartTag(text, index, limit, judge.memo, judge);
      if (judge.tag === 'script') judgeScriptElement(judge, next);
      else if (judge.tag === 'style') judgeStyleElement(judge, next, limit);
      if (judge.nested.length > mark) scanNested(judge, judge.nested.splice(mark), depth);
    } else if (text.charCodeAt(index + 1) === 47 && isAsciiLetter(text.charCodeAt(index + 2)) && isEndTagJudged(judge.scan)) {
      judgeEndTag(judge, index, limit);
    }
    index = text.indexOf('<', next);
  }
}

/** End tags matter only to paranoia 2 and 3 rules (`</script>`, `</title>`): paranoia 1 skips them. */
function isEndTagJudged(scan: XssScan): boolean {
  return isPending(scan, XSS_RULES.jsSink) || isPending(scan, XSS_RULES.genericTag);
}

function scanNested(judge: MarkupJudge, nested: readonly number[], depth: number): void {
  for (let pair = 0; depth < MAX_DEPTH && pair < nested.length; pair += 2) scanRange(judge, nested[pair]!, nested[pair + 1]!, depth + 1);
}

function judgeTag(judge: MarkupJudge, nameEnd: number): void {
  const { scan, tag, tagStart } = judge;
  if (tag === '') {
    if (isPending(scan, XSS_RULES.genericTag)) judgeOtherTag(scan, tagStart, nameEnd);
  } else if (PLUGIN_TAGS.has(tag)) report(scan, XSS_RULES.dangerousTag, tagStart);
  else if (ACTIVE_TAGS.has(tag)) report(scan, XSS_RULES.htmlInjection, tagStart);
}

/** Paranoia 3: any element outside the rich-text allowlist (`<svg>`, `<marquee>`, custom elements). */
function judgeOtherTag(scan: XssScan, tagStart: number, nameEnd: number): void {
  const name = scan.text.slice(tagStart + 1, nameEnd).toLowerCase();
  if (!RICH_TEXT_TAGS.has(name) && isElementName(name)) report(scan, XSS_RULES.genericTag, tagStart);
}

/** Index of the first `<` in [start, end), or -1; bounded, unlike indexOf, by the range. */
function indexOfLess(text: string, start: number, end: number): number {
  for (let index = start; index < end; index++) if (text.charCodeAt(index) === 60) return index;
  return -1;
}

function judgeAttribute(judge: MarkupJudge, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
  const { scan, tag } = judge;
  const text = scan.text;
  if (isHandlerName(text, nameStart, nameEnd)) return judgeHandler(scan, nameStart, nameEnd, valueStart, valueEnd);
  const name = lookupName(text, nameStart, nameEnd, JUDGED_ATTRIBUTES);
  if (URL_ATTRIBUTES.has(name)) {
    if (name === 'content' && tag !== 'meta') return;
    const kind = URL_LIST_ATTRIBUTES.has(name) ? classifyUrlList(text, valueStart, valueEnd) : classifyUrl(text, skipBacktick(text, valueStart), valueEnd);
    if (kind === 'script' || kind === 'html-data' || (kind === 'svg-data' && DOCUMENT_FRAMES.has(tag))) report(scan, XSS_RULES.javascriptUrl, nameStart, valueEnd);
    if (name === 'href' && tag === 'base') report(scan, XSS_RULES.dangerousTag, judge.tagStart, valueEnd);
  } else if (name === 'style') {
    if (isDangerousStyle(text, valueStart, valueEnd)) report(scan, XSS_RULES.styleExpression, nameStart, valueEnd);
  } else if (name !== '' && isDangerousTagAttribute(tag, name, text, valueStart, valueEnd)) {
    report(scan, XSS_RULES.dangerousTag, judge.tagStart, valueEnd);
  } else if (isFrameworkAttribute(text, nameStart)) {
    if (hasCall(text, valueStart, valueEnd)) report(scan, XSS_RULES.templateInjection, nameStart, valueEnd);
  } else if (isPending(scan, XSS_RULES.jsSink) && classifyUrl(text, valueStart, valueEnd) === 'script') {
    // A script URL where no browser follows one (title, alt): likely a probe, or a reflection elsewhere.
    report(scan, XSS_RULES.jsSink, nameStart, valueEnd);
  }
}

/** `on<event>=` with a value that runs: known events always, unknown `on*` names only with code in them. */
function judgeHandler(scan: XssScan, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
  const text = scan.text;
  if (isInertHandler(text, valueStart, valueEnd)) return;
  const isKnown = isKnownEventAttribute(text.slice(nameStart, nameEnd).toLowerCase());
  if (isKnown || isCodeLike(text, valueStart, valueEnd)) report(scan, XSS_RULES.eventHandler, nameStart, valueEnd);
  else report(scan, XSS_RULES.genericTag, nameStart, valueEnd);
}

/** srcdoc on a frame, meta refresh or set-cookie, link rel=import (HTML Imports). */
function isDangerousTagAttribute(tag: string, name: string, text: string, valueStart: number, valueEnd: number): boolean {
  if (name === 'srcdoc') return tag === 'iframe' || tag === 'frame';
  if (tag === 'meta' && name === 'http-equiv') {
    const value = text.slice(valueStart, valueEnd).trim().toLowerCase();
    return value === 'refresh' || value === 'set-cookie';
  }
  return tag === 'link' && name === 'rel' && text.slice(valueStart, valueEnd).toLowerCase().includes('import');
}

function isFrameworkAttribute(text: string, nameStart: number): boolean {
  return FRAMEWORK_ATTRIBUTE_PREFIXES.some((prefix) => spellsName(text, nameStart, prefix));
}

/** The worst URL in a list value: at its start, and after each `;`, `,` or `=` (`0;url=javascript:...`). */
function classifyUrlList(text: string, start: number, end: number): SchemeKind {
  let worst: SchemeKind = classifyUrl(text, start, end);
  for (let index = start; index < end && worst === 'none'; index++) {
    const code = text.charCodeAt(index);
    if (code === 59 || code === 44 || code === 61) worst = classifyUrl(text, index + 1, end);
  }
  return worst;
}

/** Old IE read a backtick as a quote; an unquoted value starting with one is judged without it. */
function skipBacktick(text: string, start: number): number {
  return text.charCodeAt(start) === 96 ? start + 1 : start;
}

/**
 * A script element runs its text, or its src: one with attributes, an empty one (a probe) or one whose
 * text has code (a call, an assignment, an index, a template) is a script. "Use the <script> tag to load
 * it" (often escaped text the engine has decoded: `&lt;script&gt;`) has prose for text and runs nothing
 * if echoed; it counts at paranoia 2. The text runs to `</script`, as the HTML tokenizer's script data state.
 */
function judgeScriptElement(judge: MarkupJudge, from: number): void {
  const { scan } = judge;
  if (!isPending(scan, XSS_RULES.scriptTag)) return;
  if (judge.attributes > 0) return report(scan, XSS_RULES.scriptTag, judge.tagStart);
  const end = scriptEnd(judge, from);
  if (end === judge.proseEnd) return report(scan, XSS_RULES.htmlInjection, judge.tagStart);
  if (scan.text.slice(from, end).trim() === '' || isCodeLike(scan.text, from, end)) return report(scan, XSS_RULES.scriptTag, judge.tagStart);
  judge.proseEnd = end;
  report(scan, XSS_RULES.htmlInjection, judge.tagStart);
}

/** Index of the next `</script` (any case) from `from`, or the text's length; remembered across calls. */
function scriptEnd(judge: MarkupJudge, from: number): number {
  const text = judge.scan.text;
  if (from < judge.scriptEndFrom || (judge.scriptEndAt !== -1 && judge.scriptEndAt < from)) {
    judge.scriptEndFrom = from;
    judge.scriptEndAt = -1;
    for (let at = text.indexOf('</', from); at !== -1; at = text.indexOf('</', at + 2)) {
      if (spellsName(text, at + 2, 'script')) {
        judge.scriptEndAt = at;
        break;
      }
    }
  }
  return judge.scriptEndAt === -1 ? text.length : judge.scriptEndAt;
}

/** The style element's text runs to the next `<` (its end tag); judged like a style attribute. */
function judgeStyleElement(judge: MarkupJudge, from: number, limit: number): void {
  const next = judge.scan.text.indexOf('<', from);
  const end = next === -1 || next > limit ? limit : next;
  if (isDangerousStyle(judge.scan.text, from, end)) report(judge.scan, XSS_RULES.styleExpression, judge.tagStart, end);
}

/** `</script>` ends the script a value is echoed into; other raw-text end tags escape titles, textareas. */
function judgeEndTag(judge: MarkupJudge, start: number, limit: number): void {
  const text = judge.scan.text;
  let end = start + 2;
  while (end < limit && end - start < 16 && isAsciiLetter(text.charCodeAt(end))) end++;
  const name = lookupName(text, start + 2, end, RAW_TEXT_TAGS);
  if (name === 'script') report(judge.scan, XSS_RULES.jsSink, start, end + 1);
  else if (name !== '') report(judge.scan, XSS_RULES.genericTag, start, end + 1);
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}
