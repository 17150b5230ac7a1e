// The state of one detect() call: the value, where to report, and what has been learned so far
// (documentation ranges, the table-row memo), shared by the scanner and the position judge.
import type { Detection } from '../../detector.js';
import type { DetectionRule, Paranoia } from '../../rule.js';
import { findDocumentation, isDocumentation, type Documentation, type LineMemo } from './context.js';

export interface ShellScan {
  readonly text: string;
  readonly paranoia: Paranoia;
  readonly found: Detection[];
  /** found.length when the call started: each rule is reported once per call. */
  readonly base: number;
  documentation: Documentation | undefined;
  /** Created by the first `|` judged (see context.ts, isTableRow). */
  lineMemo: LineMemo | undefined;
  /** The value is one segment of a URL path, cut at a literal `/` (see position.ts, cutArgument). */
  readonly isPathSegment: boolean;
  /** Index of the value's first `=` (-1: none), searched once when first needed (-2: not yet). */
  firstEquals: number;
}

export function newShellScan(text: string, paranoia: Paranoia, found: Detection[], base: number, isPathSegment: boolean): ShellScan {
  return { text, paranoia, found, base, documentation: undefined, lineMemo: undefined, isPathSegment, firstEquals: -2 };
}

/** Whether `index` lies in a markdown code span or fence of the value (computed once, on demand). */
export function isInDocumentation(scan: ShellScan, index: number): boolean {
  if (scan.text.indexOf('`') === -1) return false;
  scan.documentation ??= findDocumentation(scan.text);
  return isDocumentation(scan.documentation, index);
}

/** Nothing more to learn about `rule` in this call: reported already, or above the paranoia level. */
export function isSettled(scan: ShellScan, rule: DetectionRule): boolean {
  return rule.paranoia > scan.paranoia || isReported(scan, rule);
}

export function isReported(scan: ShellScan, rule: DetectionRule): boolean {
  for (let index = scan.base; index < scan.found.length; index++) if (scan.found[index]!.rule === rule) return true;
  return false;
}

export function report(scan: ShellScan, rule: DetectionRule, fragment: string): void {
  reportOnce(scan.found, scan.base, scan.paranoia, rule, fragment);
}

/** Pushes a match of `rule` unless it is above `paranoia` or already in `found` since `base`. */
export function reportOnce(found: Detection[], base: number, paranoia: Paranoia, rule: DetectionRule, fragment: string): void {
  if (rule.paranoia > paranoia) return;
  for (let index = base; index < found.length; index++) if (found[index]!.rule === rule) return;
  found.push({ rule, fragment });
}
