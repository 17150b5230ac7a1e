// Server-side includes (CWE-97; OWASP WSTG-INPV-08) and Edge Side Includes (ESI Language Specification
// 1.0, W3C Note 2001): directives that a web server (Apache mod_include, nginx ssi, IIS) or a caching
// proxy (Varnish, Akamai, Squid) executes in a page it serves, run commands, read files or leak variables
// when input is echoed unescaped (`<!--#exec cmd="id"-->`, `<esi:include src="..."/>`). Plain HTML
// comments, `<!-- #region -->` editor markers and `<!--# hash-->` pass at paranoia 1.
import type { Detection, ValueDetector } from '../../detector.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'ssi', title, owasp: OWASP.injection, severity, paranoia });

export const SSI_RULES = {
  exec: rule('ssi.exec', 'SSI exec directive (runs a command or a CGI script)', 'critical', 1),
  include: rule('ssi.include', 'SSI include directive (reads a file or a URL)', 'critical', 1),
  directive: rule('ssi.directive', 'SSI directive (echo, config, set, printenv, fsize, flastmod, if, block)', 'critical', 1),
  esiInclude: rule('ssi.esi-include', 'ESI include or inline (the edge fetches a URL)', 'critical', 1),
  esiTag: rule('ssi.esi-tag', 'ESI markup (vars, choose, assign, eval, remove, comment ...)', 'critical', 1),
  esiVariable: rule('ssi.esi-variable', 'ESI variable or ESI comment block ($(HTTP_COOKIE), <!--esi)', 'medium', 2),
  unknownDirective: rule('ssi.unknown-directive', 'Directive-shaped comment (<!--#word)', 'low', 3),
} as const;

/** Apache mod_include and nginx ssi directives (nginx writes `<!--# include ...-->` with a space). */
const DIRECTIVES: Readonly<Record<string, DetectionRule>> = {
  exec: SSI_RULES.exec, include: SSI_RULES.include, echo: SSI_RULES.directive, config: SSI_RULES.directive,
  set: SSI_RULES.directive, printenv: SSI_RULES.directive, fsize: SSI_RULES.directive, flastmod: SSI_RULES.directive,
  if: SSI_RULES.directive, elif: SSI_RULES.directive, else: SSI_RULES.directive, endif: SSI_RULES.directive, block: SSI_RULES.directive,
};
/** ESI variables that carry request data: `$(HTTP_COOKIE)`, `$(QUERY_STRING{a})`. */
const ESI_VARIABLES = ['$(HTTP_', '$(QUERY_STRING', '$(REQUEST_', '$(REMOTE_'];
const MAX_NAME = 16;
const FRAGMENT_LENGTH = 120;

/**
 * The trigger gate: SSI directives (`<!--#exec`), ESI tags (`<esi:include`) and ESI comments (`<!--esi`)
 * all open with `<`; the only rule without one, ESI variables (`$(HTTP_COOKIE)`, paranoia 2), has `$`.
 */
const SSI_TRIGGERS = CHAR.lessThan | CHAR.dollar;
// A module constant: read per call, an imported object's property costs more than it looks.
const DOLLAR = CHAR.dollar;

export const ssiDetector: ValueDetector = {
  name: 'ssi',
  triggers: SSI_TRIGGERS,
  rules: Object.values(SSI_RULES),
  detect(text, _field, paranoia, found, profile) {
    for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
      // Cheap first test on the character after `<`: `!` (a comment) or `e` (an ESI tag).
      const next = text.charCodeAt(at + 1);
      if (next === 33 && text.startsWith('<!--', at)) inspectComment(text, at, paranoia, found);
      else if ((next | 0x20) === 101 && spellsAt(text, at + 1, 'esi:')) inspectEsiTag(text, at, paranoia, found);
    }
    if (paranoia >= 2 && (profile & DOLLAR) !== 0 && text.indexOf('$(') !== -1) {
      const variable = ESI_VARIABLES.map((name) => text.indexOf(name)).find((index) => index !== -1);
      if (variable !== undefined) report(found, SSI_RULES.esiVariable, paranoia, text, variable);
    }
  },
};

/** `<!--#name` (spaces allowed around the `#`, as nginx writes them) or `<!--esi`. */
function inspectComment(text: string, at: number, paranoia: Paranoia, found: Detection[]): void {
  let index = skipSpaces(text, at + 4);
  if (spellsAt(text, index, 'esi')) return report(found, SSI_RULES.esiVariable, paranoia, text, at);
  if (text.charCodeAt(index) !== 35) return;
  index = skipSpaces(text, index + 1);
  const name = readName(text, index);
  if (name === '') return;
  report(found, DIRECTIVES[name] ?? SSI_RULES.unknownDirective, paranoia, text, at);
}

function inspectEsiTag(text: string, at: number, paranoia: Paranoia, found: Detection[]): void {
  const name = readName(text, at + 5);
  if (name === '') return;
  report(found, name === 'include' || name === 'inline' ? SSI_RULES.esiInclude : SSI_RULES.esiTag, paranoia, text, at);
}

/** The lowercased directive or tag name at `at`: letters up to a space, `-`, `/`, `>` or the end; '' otherwise. */
function readName(text: string, at: number): string {
  let end = at;
  while (end < text.length && end - at <= MAX_NAME && isLetter(text.charCodeAt(end))) end++;
  const next = text.charCodeAt(end);
  // A name ends at the end, a space, `-` (of `-->`), `/` or `>`.
  const endsName = end === text.length || isSpace(next) || next === 45 || next === 47 || next === 62;
  return end > at && end - at <= MAX_NAME && endsName ? text.slice(at, end).toLowerCase() : '';
}

/** Whether `word` (lowercase letters and `:`) is spelled at `at`, in any case. */
function spellsAt(text: string, at: number, word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = text.charCodeAt(at + index);
    const expected = word.charCodeAt(index);
    if (code !== expected && code !== expected - 32) return false;
  }
  return true;
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Pushes a match of a rule enabled at `paranoia`, once per call. */
function report(found: Detection[], matched: DetectionRule, paranoia: Paranoia, text: string, at: number): void {
  if (matched.paranoia > paranoia || found.some((detection) => detection.rule === matched)) return;
  found.push({ rule: matched, fragment: text.slice(at, at + FRAGMENT_LENGTH) });
}
