// The shape of a detector: a small synchronous unit for one attack class that looks at one decoded
// string (or, for protocol anomalies, the request as a whole) and reports the rules it matched.
import type { InputField } from './field.js';
import type { InspectRequest } from './request.js';
import type { DetectionRule, Paranoia } from './rule.js';

/** One rule match; `fragment` is the matched text (the engine truncates and masks it for events). */
export interface Detection {
  readonly rule: DetectionRule;
  readonly fragment: string;
}

export interface ValueDetector {
  /** Unit id: the folder name under detectors/. */
  readonly name: string;
  readonly rules: readonly DetectionRule[];
  /**
   * CHAR bits (text-profile.ts) of which the text must hold at least one for any rule to match; the
   * engine skips the detector otherwise. A necessary condition only: when unsure, include the bit.
   */
  readonly triggers: number;
  /**
   * Inspects `text`, a decoded form of `field.value`, and pushes matches of rules whose paranoia is at
   * most `paranoia` onto `found`. Pure, synchronous, linear in `text.length` (no backtracking regexes),
   * and cheap on the common case: most strings are benign words and numbers and must be rejected by a
   * quick test before any real work. `profile` is `profileOf(text)`, for that quick test.
   */
  detect(text: string, field: InputField, paranoia: Paranoia, found: Detection[], profile: number): void;
  /**
   * Only for a detector whose verdict on a JSON key can depend on where the key sits (it reads
   * `field.location` for names): whether it can for `key`. The engine remembers the keys that matched
   * nothing and skips them in later requests, unless a detector answers yes here. Absent: what the
   * detector reports for a JSON key depends on the key alone (`field.name` is the key itself).
   */
  keyDependsOnLocation?(key: string): boolean;
}

/** A match that is not about one string: the engine takes its location from the detector. */
export interface RequestDetection extends Detection {
  readonly location: string;
}

export interface RequestDetector {
  readonly name: string;
  readonly rules: readonly DetectionRule[];
  /** Inspects the request as a whole (protocol anomalies); same purity and cost rules as ValueDetector. */
  detectRequest(request: InspectRequest, paranoia: Paranoia, found: RequestDetection[]): void;
}
