// One pass over a value for the places a shell starts a new command (OWASP WSTG-INPV-12): the value's
// start, after `;` `|` `||` `&` `&&` and newlines, and inside `$(...)`, backticks, `<(...)`, `>(...)`.
// At each, the word there is read as the shell would (shell-word.ts), resolved to a known command,
// and judged by its argument and its surroundings (arguments.ts, context.ts).
import { isTerminator } from './arguments.js';
import { commandWordAt } from './command-start.js';
import { inspectPosition, type PositionKind } from './position.js';
import { CMDI_RULES } from './rules.js';
import { report, type ShellScan } from './scan-state.js';
import { ifsLength } from './shell-word.js';
import { CHAR } from '../../text-profile.js';

/** Where a command can start or an evasion shows; each is followed through the value with indexOf. */
const NEEDLES = [';', '|', '&', '\n', '\r', '`', '$(', '<(', '>(', 'IFS'] as const;
const NEEDLE_COUNT = NEEDLES.length;
/** The profile bit each needle needs (text-profile.ts): an absent one is not searched for. */
const NEEDLE_BITS: readonly number[] = [
  CHAR.semicolon, CHAR.pipe, CHAR.ampersand, CHAR.newline, CHAR.newline, CHAR.backtick, CHAR.dollar, CHAR.lessThan, CHAR.greaterThan, CHAR.dollar,
];

/**
 * The value's start (when `withStart`: the caller found it may hold a command word, command-start.ts),
 * then every needle the profile allows, in order: the nearest of the next occurrences is handled and
 * its needle searched again past it. indexOf is vectorised, so prose without needles costs little.
 * `profile` 0: the start only (the value holds no needle).
 */
export function scanShell(scan: ShellScan, profile: number, withStart: boolean): void {
  const { text } = scan;
  if (withStart) inspect(scan, 'start', 0, 0);
  if (profile === 0) return;
  // The needles found, and where each occurs next: usually one or two (`;` in a User-Agent).
  const needles: number[] = [];
  const next: number[] = [];
  for (let needle = 0; needle < NEEDLE_COUNT; needle++) {
    const at = (profile & NEEDLE_BITS[needle]!) === 0 ? -1 : text.indexOf(NEEDLES[needle]!);
    if (at !== -1) {
      needles.push(needle);
      next.push(at);
    }
  }
  let backticks = 0;
  for (;;) {
    let slot = -1;
    let at = text.length;
    for (let index = 0; index < next.length; index++) {
      const position = next[index]!;
      if (position !== -1 && position < at) {
        at = position;
        slot = index;
      }
    }
    if (slot === -1) return;
    let resume = at + 1;
    const code = text.charCodeAt(at);
    const after = text.charCodeAt(at + 1);
    if (code === 59 || ((code === 124 || code === 38) && isTerminator(text, at))) {
      const isDoubled = after === code;
      inspect(scan, 'separator', at, at + (isDoubled ? 2 : 1), isDoubled);
      if (isDoubled) resume++;
    } else if (code === 10 || (code === 13 && after !== 10)) {
      inspect(scan, 'newline', at, at + 1);
    } else if (code === 96) {
      // Only an opening backtick starts a command; the closing one ends it.
      if (backticks++ % 2 === 0) inspect(scan, 'substitution', at, at + 1);
    } else if (code === 36) {
      if (text.charCodeAt(at + 2) !== 40) inspect(scan, 'substitution', at, at + 2);
    } else if (code === 60 || code === 62) {
      if (!isArrow(text, at)) inspect(scan, 'substitution', at, at + 2);
    } else if (code === 73) {
      const dollar = text.charCodeAt(at - 1) === 36 ? at - 1 : text.charCodeAt(at - 1) === 123 && text.charCodeAt(at - 2) === 36 ? at - 2 : -1;
      if (dollar !== -1 && ifsLength(text, dollar) > 0) inspectIfs(scan, dollar);
    }
    next[slot] = text.indexOf(NEEDLES[needles[slot]!]!, resume);
  }
}

function inspect(scan: ShellScan, kind: PositionKind, separator: number, from: number, isDoubled = false): void {
  // Most separators in prose and headers (`en;q=0.9`, `Win64; x64`) are followed by no command word.
  if (commandWordAt(scan.text, from, kind === 'start') !== -1) inspectPosition(scan, { kind, separator, from, isDoubled });
}

/**
 * `${IFS}` anywhere, and `$IFS` glued to other text (`cat$IFS/etc/passwd`, `$IFS$9`): the field
 * separator used as a space only appears in payloads; "the $IFS variable" in prose does not count.
 */
function inspectIfs(scan: ShellScan, index: number): void {
  const { text } = scan;
  const length = ifsLength(text, index);
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index + length);
  const isGlued = text.charCodeAt(index + 1) === 123 || (index > 0 && before > 32) || (after > 32 && after !== 46 && after !== 44);
  if (isGlued) report(scan, CMDI_RULES.evasion, text.slice(Math.max(0, index - 20), index + length + 40));
}

/** `=>(` and `->(`: arrows in code, not process substitution. */
function isArrow(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  return text.charCodeAt(index) === 62 && (before === 61 || before === 45);
}

