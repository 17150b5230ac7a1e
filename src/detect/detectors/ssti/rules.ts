// The rules of the server-side template injection detector, in one place for the scanners and the detector.
import type { Detection } from '../../detector.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'ssti', title, owasp: OWASP.injection, severity, paranoia });

export const SSTI_RULES = {
  expressionProbe: rule('ssti.expression-probe', 'Arithmetic probe in template delimiters ({{7*7}}, ${7*7}, <%= 7*7 %>) or a template polyglot', 'critical', 1),
  objectTraversal: rule('ssti.object-traversal', 'Template expression walking the object graph (__class__, __globals__, getClass(), constructor, |attr)', 'critical', 1),
  codeExecution: rule('ssti.code-execution', 'Template expression running code or commands (T(java.lang.Runtime), os.popen, {php})', 'critical', 1),
  directive: rule('ssti.directive', 'Template directive or engine object that input rarely carries (<#assign, #set(, {% include, {{_self}}, {$smarty)', 'medium', 2),
  genericExpression: rule('ssti.generic-expression', 'Template expression with a call or an index', 'low', 3),
} as const;

/** What the scanners of one call share. */
export interface SstiScan {
  readonly text: string;
  readonly paranoia: Paranoia;
  readonly found: Detection[];
}

const FRAGMENT_LENGTH = 120;

/** Pushes a match of a rule enabled at the scan's paranoia, once per call. */
export function report(scan: SstiScan, matched: DetectionRule, start: number, end: number): void {
  if (matched.paranoia > scan.paranoia || scan.found.some((detection) => detection.rule === matched)) return;
  scan.found.push({ rule: matched, fragment: scan.text.slice(start, Math.min(end, start + FRAGMENT_LENGTH)) });
}
