// Runs one value detector the way the engine does, trigger gate included, so a detector's unit tests
// also prove its `triggers` never skip a string one of its rules matches.
import type { Detection, ValueDetector } from '../detector.js';
import type { InputField } from '../field.js';
import type { Paranoia } from '../rule.js';
import { profileOf } from '../text-profile.js';

export function runDetector(detector: ValueDetector, text: string, field: InputField, paranoia: Paranoia, found: Detection[]): void {
  const profile = profileOf(text);
  if ((profile & detector.triggers) !== 0) detector.detect(text, field, paranoia, found, profile);
}
