// OS command injection (CWE-78; OWASP WSTG-INPV-12), Unix and Windows: a known command where a shell
// starts one (after `;` `|` `&` newlines, in `$(...)` and backticks), obfuscated command names,
// PowerShell cradles, network redirections, and options injected into a program's arguments (CWE-88).
// Commands are judged by their arguments and context, so "cat and dog", "Tom & Jerry; Laurel &
// Hardy" and markdown code in a comment pass at paranoia 1.
import type { ValueDetector } from '../../detector.js';
import { commandWordAt } from './command-start.js';
import { findInjectedOption } from './options.js';
import { findPowerShell } from './powershell.js';
import { findNetworkRedirect, findRedirection } from './redirection.js';
import { CMDI_RULES } from './rules.js';
import { newShellScan, reportOnce } from './scan-state.js';
import { scanShell } from './scanner.js';
import { CHAR } from '../../text-profile.js';

export { CMDI_RULES } from './rules.js';

// Profile bits, read once (an imported binding costs a call per use under the tsx loader).
/** Where a shell starts a command or expands one: separators, newlines, substitutions, `$IFS`. */
const SHELL_SYNTAX = CHAR.semicolon | CHAR.pipe | CHAR.ampersand | CHAR.newline | CHAR.backtick | CHAR.dollar | CHAR.lessThan | CHAR.greaterThan;
/**
 * What a command line that is the whole value must show (position.ts, judgeCommand; shell-word.ts):
 * a stated argument (a switch `-` `+`, a path `/` `\` `~`, a variable `$` `%`, a redirection, a
 * quote), or a disguised name (quotes, `\`, `^`, `$`, backticks, a `/???/` glob, a `{a,b}` list).
 */
const START_EVIDENCE = CHAR.singleQuote | CHAR.doubleQuote | CHAR.backtick | CHAR.dollar | CHAR.lessThan | CHAR.greaterThan
  | CHAR.brace | CHAR.slash | CHAR.backslash | CHAR.percent | CHAR.dash | CHAR.other;
/**
 * What lets a command word at the value's start end before the value does, or disguises it: without
 * one of these (`en-US`, `ORD-2025-000123`, a UUID) the value is one word, a command name alone.
 */
const START_BREAKS = CHAR.space | CHAR.paren | CHAR.brace | CHAR.lessThan | CHAR.greaterThan | CHAR.singleQuote | CHAR.doubleQuote
  | CHAR.backslash | CHAR.other | CHAR.dollar | CHAR.backtick | CHAR.slash;
const PAREN = CHAR.paren;
const DASH = CHAR.dash;
const PIPE = CHAR.pipe;
const SLASH = CHAR.slash;
const REDIRECTS = CHAR.lessThan | CHAR.greaterThan;
/** A PowerShell name with a hyphen is used with an argument after a space or a call's `(` (powershell.ts). */
const HYPHEN_FORM_BREAKS = CHAR.space | CHAR.paren;

export const cmdiDetector: ValueDetector = {
  name: 'cmdi',
  // Every rule needs one of these bits: SHELL_SYNTAX for a command after a separator or in a
  // substitution; START_EVIDENCE for a whole-value command line or an obfuscated name; `(`, `-` or
  // `|` for a PowerShell cradle (`IEX(`, `-EncodedCommand`, `| iex`); `/` for `/dev/tcp/`; `-` for an
  // injected option; `<` `>` for a redirection. Words, numbers, ids and prose without them are skipped.
  triggers: SHELL_SYNTAX | START_EVIDENCE | PAREN,
  rules: Object.values(CMDI_RULES),
  detect(text, field, paranoia, found, profile) {
    const base = found.length;
    if ((profile & SHELL_SYNTAX) !== 0) {
      scanShell(newShellScan(text, paranoia, found, base, field.kind === 'path'), profile, commandWordAt(text, 0, true) !== -1);
    } else if ((profile & START_EVIDENCE) !== 0 && (profile & START_BREAKS) !== 0 && commandWordAt(text, 0, true) !== -1) {
      // No separator: only the value's start can hold a command, and most values start with a word no command starts with.
      scanShell(newShellScan(text, paranoia, found, base, field.kind === 'path'), 0, true);
    }
    if ((profile & SLASH) !== 0 && text.indexOf('/dev/') !== -1) {
      const device = findNetworkRedirect(text);
      if (device !== undefined) reportOnce(found, base, paranoia, CMDI_RULES.networkRedirect, device);
    }
    const hasHyphenForm = (profile & DASH) !== 0 && (profile & HYPHEN_FORM_BREAKS) !== 0;
    if ((profile & (PAREN | PIPE)) !== 0 || hasHyphenForm) {
      const cradle = findPowerShell(text, (profile & PAREN) !== 0, hasHyphenForm, (profile & PIPE) !== 0);
      if (cradle !== undefined) reportOnce(found, base, paranoia, CMDI_RULES.powershell, cradle);
    }
    // An option opens the value (after spaces or a quote) or follows its first token: `-` first or ` -`.
    if ((profile & DASH) !== 0 && (text.charCodeAt(0) === 45 || text.charCodeAt(0) <= 39 || text.indexOf(' -') !== -1)) {
      const option = findInjectedOption(text);
      if (option !== undefined) reportOnce(found, base, paranoia, CMDI_RULES.argumentInjection, option);
    }
    if (paranoia >= 2 && (profile & REDIRECTS) !== 0) {
      const redirection = findRedirection(text);
      if (redirection !== undefined) reportOnce(found, base, paranoia, CMDI_RULES.redirection, redirection);
    }
  },
};
