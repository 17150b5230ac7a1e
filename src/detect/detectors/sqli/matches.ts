// Where each rule first matched during the current detect call: a fixed array reset per call, so
// the analysis records matches without allocating and each rule is reported once.
import type { DetectionRule, Paranoia } from '../../rule.js';
import { SQLI_RULE_LIST } from './rules.js';

const INDEX = new Map(SQLI_RULE_LIST.map((rule, index) => [rule, index]));
/** Character offset of each rule's first match, -1 when it has not matched. */
export const matchStarts = new Int32Array(SQLI_RULE_LIST.length);
matchStarts.fill(-1);
let paranoia: Paranoia = 1;
/** Whether matchStarts holds anything to clear (most calls match nothing). */
let isDirty = false;

export function beginMatching(level: Paranoia): void {
  if (isDirty) matchStarts.fill(-1);
  isDirty = false;
  paranoia = level;
}

/** Whether the call's paranoia enables `rule` (skip work for rules that cannot report). */
export const isEnabled = (rule: DetectionRule): boolean => rule.paranoia <= paranoia;

/** Records a match of `rule` at `start` unless it matched already or is above the paranoia. */
export function recordMatch(rule: DetectionRule, start: number): void {
  if (rule.paranoia > paranoia) return;
  const index = INDEX.get(rule) ?? -1;
  if (index !== -1 && matchStarts[index] === -1) {
    matchStarts[index] = start;
    isDirty = true;
  }
}

/** Whether `rule` has matched in this call. */
export const hasMatched = (rule: DetectionRule): boolean => (matchStarts[INDEX.get(rule) ?? 0] ?? -1) !== -1;
