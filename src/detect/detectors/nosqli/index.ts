// NoSQL injection (OWASP WSTG-INPV-05.6, CWE-943): MongoDB query operators smuggled in as keys or
// parameter names (`{"password": {"$ne": null}}`, `password[$ne]=1`), the JavaScript of `$where`, and
// string breakouts into server-side JavaScript. Legitimate `$` keys (JSON Schema's `$ref`, OData's
// `$filter`, .NET's `$type`) and `$` in prose and GraphQL variables pass at paranoia 1.
import type { Detection, ValueDetector } from '../../detector.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { findConstructorEscape, findJavascriptBreakout } from './javascript.js';
import { operatorInName, operatorInValue, type OperatorMatch } from './operators.js';
import { findCouchDbPath, findShellCall } from './shell.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'nosqli', title, owasp: OWASP.injection, severity, paranoia });

export const NOSQLI_RULES = {
  operatorName: rule('nosqli.operator-name', 'MongoDB query operator as a key or parameter name', 'critical', 1),
  where: rule('nosqli.where', 'MongoDB $where (server-side JavaScript)', 'critical', 1),
  operatorInValue: rule('nosqli.operator-in-value', 'MongoDB query operator in operator syntax inside a value', 'critical', 1),
  javascript: rule('nosqli.js-injection', 'String breakout into server-side JavaScript', 'critical', 1),
  weakOperator: rule('nosqli.weak-operator', 'MongoDB update, aggregation or ambiguous operator as a key', 'medium', 2),
  shell: rule('nosqli.mongo-shell', 'MongoDB shell call in a value', 'high', 2),
  couchdb: rule('nosqli.couchdb', 'CouchDB system path in a value', 'medium', 2),
} as const;

const DOLLAR = CHAR.dollar;
const QUOTES = CHAR.singleQuote | CHAR.doubleQuote;
const PAREN = CHAR.paren;
const UNDERSCORE = CHAR.underscore;
/** What continues a JavaScript breakout after its quote: `;`, `||`, `&&`, `+` (`other` holds `+`). */
const JS_OPERATORS = CHAR.semicolon | CHAR.pipe | CHAR.ampersand | CHAR.other;

/**
 * Every rule needs one of these: operators start with `$`; a JavaScript breakout needs its quote, and
 * the constructor escape and shell calls a `(`; every CouchDB system path has a `_` (`_all_docs`).
 */
const TRIGGERS = DOLLAR | QUOTES | PAREN | UNDERSCORE;

export const nosqliDetector: ValueDetector = {
  name: 'nosqli',
  triggers: TRIGGERS,
  rules: Object.values(NOSQLI_RULES),
  detect(text, field, paranoia, found, profile) {
    if (field.isName) {
      // Header names never become query objects; every other name can (qs, body-parser, JSON).
      if (field.kind !== 'header' && (profile & DOLLAR) !== 0) reportOperator(operatorInName(text), NOSQLI_RULES.operatorName, text, paranoia, found);
      return;
    }
    inspectValue(text, paranoia, found, profile);
  },
};

function inspectValue(text: string, paranoia: Paranoia, found: Detection[], profile: number): void {
  if ((profile & DOLLAR) !== 0) {
    const match = operatorInValue(text);
    reportOperator(match, NOSQLI_RULES.operatorInValue, match?.operator ?? '', paranoia, found);
  }
  const breakout = (profile & QUOTES) !== 0 && (profile & JS_OPERATORS) !== 0 ? findJavascriptBreakout(text) : -1;
  if (breakout !== -1) report(found, NOSQLI_RULES.javascript, paranoia, excerpt(text, breakout));
  else if ((profile & PAREN) !== 0) {
    const escape = findConstructorEscape(text);
    if (escape !== -1) report(found, NOSQLI_RULES.javascript, paranoia, excerpt(text, escape));
  }
  if (paranoia < 2) return;
  const call = (profile & PAREN) !== 0 ? findShellCall(text) : -1;
  if (call !== -1) report(found, NOSQLI_RULES.shell, paranoia, excerpt(text, call));
  const couch = (profile & UNDERSCORE) !== 0 ? findCouchDbPath(text) : -1;
  if (couch !== -1) report(found, NOSQLI_RULES.couchdb, paranoia, excerpt(text, couch));
}

function reportOperator(match: OperatorMatch | undefined, strongRule: DetectionRule, fragment: string, paranoia: Paranoia, found: Detection[]): void {
  if (match === undefined) return;
  const matched = match.strength === 'where' ? NOSQLI_RULES.where : match.strength === 'strong' ? strongRule : NOSQLI_RULES.weakOperator;
  report(found, matched, paranoia, fragment);
}

function excerpt(text: string, at: number): string {
  return text.slice(at, at + 120);
}

/** Pushes a match of a rule enabled at `paranoia`, once per call. */
function report(found: Detection[], matched: DetectionRule, paranoia: Paranoia, fragment: string): void {
  if (matched.paranoia <= paranoia && !found.some((detection) => detection.rule === matched)) found.push({ rule: matched, fragment });
}
