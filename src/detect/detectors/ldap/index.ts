// LDAP injection (CWE-90, OWASP "LDAP Injection"): values that break out of the search filter they are
// pasted into (`*)(uid=*))(|(uid=*`, `admin)(&)`), wildcard-and-close probes (`*))%00`), and at
// paranoia 2 distinguished-name fragments (`,ou=admins,dc=example`) that re-root a DN built from input.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { findFilterInjection } from './filter-scan.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: DetectionRule['paranoia']): DetectionRule =>
  ({ id: `ldap.${id}`, attackClass: 'ldapi', title, owasp: OWASP.injection, severity, paranoia });

export const FILTER_INJECTION = rule('filter-injection', 'LDAP filter breakout or composition: )(attr=, (|(attr=, )(&)', 'critical', 1);
export const WILDCARD_BREAKOUT = rule('wildcard-breakout', 'LDAP wildcard closing the filter: *)) or the *()|& probe', 'critical', 1);
export const DN_INJECTION = rule('dn-injection', 'Distinguished-name components (,ou=…,dc=…) in a value', 'medium', 2);

/** DN attribute types distinctive enough to tell a DN from `a=1,b=2` (RFC 4514 section 3; `o`, `c`, `l` are not). */
const DN_ATTRIBUTES = new Set(['cn', 'ou', 'dc', 'uid']);
const FRAGMENT_LENGTH = 80;

export const ldapDetector: ValueDetector = {
  name: 'ldap',
  // The filter rules need a parenthesis (a `(` item or the `*))` breakout), the DN rule (paranoia 2) an
  // `attr=` component: each bit is necessary for its rules, and `=` is rarer in values than `,`.
  triggers: CHAR.paren | CHAR.equals,
  rules: [FILTER_INJECTION, WILDCARD_BREAKOUT, DN_INJECTION],
  detect(text: string, field: InputField, paranoia: Paranoia, found: Detection[], profile: number): void {
    if ((profile & CHAR.paren) !== 0 && !isWholeFilterInFilterField(text, field)) {
      const injection = findFilterInjection(text);
      if (injection !== -1) found.push({ rule: FILTER_INJECTION, fragment: fragmentAround(text, injection) });
      const wildcard = findWildcardBreakout(text);
      if (wildcard !== -1) found.push({ rule: WILDCARD_BREAKOUT, fragment: fragmentAround(text, wildcard) });
    }
    if (paranoia >= 2 && (profile & CHAR.equals) !== 0 && text.includes(',')) {
      const dn = findDnComponents(text);
      if (dn !== -1) found.push({ rule: DN_INJECTION, fragment: fragmentAround(text, dn) });
    }
  },
};

/**
 * A directory admin API's `filter` field holding one well-formed filter (`(&(objectClass=person)(uid=j))`)
 * is the feature, not an injection: a whole filter, parentheses balanced and closing only at the end.
 */
function isWholeFilterInFilterField(text: string, field: InputField): boolean {
  if (field.isName || !field.name.toLowerCase().includes('filter')) return false;
  const trimmed = text.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) return false;
  let depth = 0;
  for (let index = 0; index < trimmed.length; index++) {
    const code = trimmed.charCodeAt(index);
    if (code === 40) depth++;
    else if (code === 41 && --depth === 0 && index !== trimmed.length - 1) return false;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * `*))` ending the value or before a new item (`admin*))`, `*))%00` once the NUL is gone), not after
 * another `*` (Markdown bold in parentheses, `(**a**))`); and the fuzzing string `*()|&'`.
 */
function findWildcardBreakout(text: string): number {
  const probe = text.indexOf('*()|&');
  if (probe !== -1) return probe;
  for (let index = text.indexOf('*))'); index !== -1; index = text.indexOf('*))', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 42) continue;
    const after = text.charCodeAt(index + 3);
    if (Number.isNaN(after) || after === 40 || after === 124 || after === 38) return index;
  }
  return -1;
}

/** Two or more `,attr=` components with a DN attribute among them: `x,ou=admins,dc=example,dc=com`. */
function findDnComponents(text: string): number {
  let components = 0;
  let first = -1;
  let hasDnAttribute = false;
  for (let comma = text.indexOf(','); comma !== -1; comma = text.indexOf(',', comma + 1)) {
    let start = comma + 1;
    while (text.charCodeAt(start) === 32) start++;
    let end = start;
    while (end < text.length && end - start < 32 && isWordChar(text.charCodeAt(end))) end++;
    if (end === start || text.charCodeAt(end) !== 61) continue;
    components++;
    if (first === -1) first = comma;
    if (DN_ATTRIBUTES.has(text.slice(start, end).toLowerCase())) hasDnAttribute = true;
    if (components >= 2 && hasDnAttribute) return first;
  }
  return -1;
}

function isWordChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 45;
}

function fragmentAround(text: string, at: number): string {
  const start = Math.max(0, at - 20);
  return text.slice(start, start + FRAGMENT_LENGTH);
}
