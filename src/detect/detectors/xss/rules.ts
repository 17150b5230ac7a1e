// The rules of the XSS detector, in one place for the markup, URL, breakout and template scanners.
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'xss', title, owasp: OWASP.injection, severity, paranoia });

export const XSS_RULES = {
  scriptTag: rule('xss.script-tag', 'Script element', 'critical', 1),
  eventHandler: rule('xss.event-handler', 'Event handler attribute (on<event>=) in markup', 'critical', 1),
  javascriptUrl: rule('xss.javascript-url', 'javascript:, vbscript: or data:text/html URL where a browser would load it', 'critical', 1),
  dangerousTag: rule('xss.dangerous-tag', 'Element that loads or runs content (object, embed, base href, meta refresh, link import, iframe srcdoc)', 'critical', 1),
  styleExpression: rule('xss.style-expression', 'Style that runs script or loads a sheet (expression(), behavior, -moz-binding, @import, javascript:)', 'critical', 1),
  attributeBreakout: rule('xss.attribute-breakout', 'Quote or space ending an attribute value, followed by an event handler', 'critical', 1),
  jsContextBreakout: rule('xss.js-context-breakout', 'Quote ending a JavaScript string, followed by a script sink call', 'critical', 1),
  templateInjection: rule('xss.template-injection', 'Client-side template expression reaching code (AngularJS, Vue, Alpine)', 'critical', 1),
  htmlInjection: rule('xss.html-injection', 'Active HTML element (iframe, frame, form, style, link, meta)', 'high', 2),
  jsSink: rule('xss.js-sink', 'Script sink call, script URL or </script> in text', 'medium', 2),
  genericTag: rule('xss.generic-tag', 'Markup outside the rich-text allowlist, or an unknown on* attribute', 'low', 3),
} as const;

/** What every scanner of one call shares: the text, where it came from, and where matches go. */
export interface XssScan {
  readonly text: string;
  readonly field: InputField;
  readonly paranoia: Paranoia;
  readonly found: Detection[];
}

/** Fragments longer than this add nothing to an event (the engine truncates further). */
const FRAGMENT_LENGTH = 120;

/** Pushes a match of a rule enabled at the scan's paranoia, once per call. */
export function report(scan: XssScan, matched: DetectionRule, at: number, end = at + FRAGMENT_LENGTH): void {
  if (matched.paranoia > scan.paranoia) return;
  if (scan.found.some((detection) => detection.rule === matched)) return;
  scan.found.push({ rule: matched, fragment: scan.text.slice(at, Math.min(end, at + FRAGMENT_LENGTH)) });
}

/** Whether a rule could still be reported: enabled at this paranoia and not yet found. */
export function isPending(scan: XssScan, candidate: DetectionRule): boolean {
  return candidate.paranoia <= scan.paranoia && !scan.found.some((detection) => detection.rule === candidate);
}
