// SQL injection (OWASP WSTG-INPV-05, CWE-89): a SQL tokenizer and a small grammar instead of keyword
// lists. The value is read three ways, as libinjection does: as it is (a numeric context), and as
// the rest of a string literal opened by `'` or by `"`; each reading is then checked for the code
// an attacker writes there (a breakout and a condition, UNION SELECT, a stacked statement, a delay,
// error or file function ...). Prose that merely uses SQL words, apostrophes or `--` does not parse.
import type { Detection, ValueDetector } from '../../detector.js';
import { scanAnywhere } from './anywhere.js';
import { analyzeBreakout, analyzeNumericStart } from './breakout.js';
import { linkStructure } from './features.js';
import { beginMatching, matchStarts } from './matches.js';
import { mayHoldSql } from './quick-test.js';
import { SQLI_RULE_LIST, SQLI_RULES } from './rules.js';
import { tokenize } from './tokenizer.js';
import { createTokenStream } from './tokens.js';
import { CHAR } from '../../text-profile.js';

export { SQLI_RULES };

/**
 * Every rule needs one of these. Keywords need letters (a lone `sysobjects` counts at paranoia 3);
 * without letters SQL can still be a breakout (`'`, `"`: `1'='1` at paranoia 2), a condition joined
 * by `||` or `&&` (`1 || 1=1`), or a system variable (`@@1`, `@` being in `other`). Numbers, spaces
 * and the other punctuation alone build nothing a rule reads.
 */
const TRIGGERS = CHAR.letter | CHAR.singleQuote | CHAR.doubleQuote | CHAR.pipe | CHAR.ampersand | CHAR.other;

/** Bound once: run from CommonJS (tsx, for scripts outside the package) an imported binding read is a getter call per value. */
const quickTest = mayHoldSql;

/** Reused by every call: detection is synchronous, so one stream serves all. */
const stream = createTokenStream(256);
const FRAGMENT_LENGTH = 120;

export const sqliDetector: ValueDetector = {
  name: 'sqli',
  triggers: TRIGGERS,
  rules: SQLI_RULE_LIST,
  detect(text, _field, paranoia, found, profile) {
    // From paranoia 3 bare mentions and whole statements count, which the quick test does not look for.
    if (paranoia < 3 && !quickTest(text, profile)) return;
    beginMatching(paranoia);
    inspect(text, 0);
    if (text.indexOf("'") !== -1) inspect(text, 39);
    if (text.indexOf('"') !== -1) inspect(text, 34);
    report(text, found);
  },
};

/** One reading of the value: as code (`quote` 0) or as the rest of a literal opened by `quote`. */
function inspect(text: string, quote: number): void {
  tokenize(text, quote, stream);
  linkStructure(stream);
  if (quote === 0) analyzeNumericStart(stream);
  else analyzeBreakout(stream, text);
  scanAnywhere(stream, text);
}

function report(text: string, found: Detection[]): void {
  for (let index = 0; index < SQLI_RULE_LIST.length; index++) {
    const start = matchStarts[index] ?? -1;
    const rule = SQLI_RULE_LIST[index];
    if (start !== -1 && rule !== undefined) found.push({ rule, fragment: text.slice(start, start + FRAGMENT_LENGTH) });
  }
}
