// ASCII lowercasing for keyword matching (`SeLeCt`, `<ScRiPt>`): SQL keywords, HTML tag names and
// URI schemes are ASCII case-insensitive (HTML Living Standard 13.2.5; RFC 3986 section 3.1).
// Exported for detectors; not part of the inspection pipeline.
import { unchanged, type Normalized } from './normalizer.js';

const UPPER = /[A-Z]/;
const UPPER_RUNS = /[A-Z]+/g;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Only A-Z change, so the result has the input's length and offsets still point at the same
 * characters (String.prototype.toLowerCase alone would turn `İ` into two code units).
 */
export function foldCase(input: string): Normalized {
  if (!UPPER.test(input)) return unchanged(input);
  // Pure ASCII (the common case): the engine's own lowercasing is the fastest and only touches A-Z.
  const value = NON_ASCII.test(input) ? input.replace(UPPER_RUNS, (run) => run.toLowerCase()) : input.toLowerCase();
  return { value, changed: true };
}
