// Shellshock (CVE-2014-6271 and its follow-ups CVE-2014-7169, -6277, -6278): bash before 4.3 patch 25
// imported any environment value starting `() {` as a function and ran what followed it, and CGI
// servers copy headers, cookies and parameters into the environment, so the value itself is the attack.
import type { Detection, ValueDetector } from '../../detector.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'shellshock', title, owasp: `${OWASP.injection}; ${OWASP.components}`, severity, paranoia });

export const SHELLSHOCK_RULES = {
  functionDefinition: rule('shellshock.function-definition', 'Value starting with a bash function definition `() {` (Shellshock)', 'critical', 1),
  embeddedDefinition: rule('shellshock.embedded-definition', 'Shellshock no-op function body `() { :; }` inside a value', 'critical', 2),
} as const;

/** Characters read after the prefix to find the body: `() { :;` and `() {_;}` fit easily. */
const BODY_WINDOW = 8;

export const shellshockDetector: ValueDetector = {
  name: 'shellshock',
  // Every rule needs `() {`: the brace, rarer than parentheses in headers (User-Agent comments) and
  // prose, is the one bit the gate keys on; the parenthesis is checked from the profile below.
  triggers: CHAR.brace,
  rules: Object.values(SHELLSHOCK_RULES),
  detect(text, _field, paranoia, found, profile) {
    if ((profile & CHAR.paren) === 0) return;
    const firstParen = text.indexOf('(');
    if (firstParen === -1) return;
    const start = skipLeading(text);
    if (start === firstParen) {
      const brace = definitionBrace(text, start);
      if (brace !== -1) {
        push(found, SHELLSHOCK_RULES.functionDefinition, paranoia, text.slice(start, start + 80));
        return;
      }
    }
    if (paranoia >= 2) findEmbedded(text, firstParen, paranoia, found);
  },
};

/**
 * Bash checks the exact prefix `() {`; servers trim header whitespace and attackers quote cookie
 * values, so leading whitespace and quotes are skipped, and spacing inside the prefix is allowed
 * (other parsers and CRS 932170 accept it).
 */
function skipLeading(text: string): number {
  let index = 0;
  while (index < text.length && isLeading(text.charCodeAt(index))) index++;
  return index;
}

/** The index of `{` when `(` at `open` starts `(` ws* `)` ws* `{`, else -1. */
function definitionBrace(text: string, open: number): number {
  let index = skipSpaces(text, open + 1);
  if (text.charCodeAt(index) !== 41) return -1;
  index = skipSpaces(text, index + 1);
  return text.charCodeAt(index) === 123 ? index : -1;
}

/**
 * Anywhere in a value only the no-op bodies of the published exploits count (`{ :; }`, `{ _; }`):
 * `f() { return 1; }` is an ordinary code snippet, and bash would not import a mid-value prefix anyway.
 */
function findEmbedded(text: string, from: number, paranoia: Paranoia, found: Detection[]): void {
  for (let open = from; open !== -1; open = text.indexOf('(', open + 1)) {
    const brace = definitionBrace(text, open);
    if (brace === -1) continue;
    let index = skipSpaces(text, brace + 1);
    const body = text.charCodeAt(index);
    if (body !== 58 && body !== 95) continue;
    index = skipSpaces(text, index + 1);
    if (text.charCodeAt(index) === 59 && index - brace <= BODY_WINDOW) {
      push(found, SHELLSHOCK_RULES.embeddedDefinition, paranoia, text.slice(open, open + 80));
      return;
    }
  }
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isLeading(code: number): boolean {
  return isSpace(code) || code === 34 || code === 39;
}

function push(found: Detection[], rule: DetectionRule, paranoia: Paranoia, fragment: string): void {
  if (rule.paranoia <= paranoia) found.push({ rule, fragment });
}
