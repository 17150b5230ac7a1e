// Tells random-looking strings (keys, tokens, secrets) from words, sentences, placeholders and
// masked values, by Shannon entropy per character and a few shape rules.

/** Counts of byte values, reused between calls: classification is synchronous and single-threaded. */
const counts = new Uint16Array(256);

/** Shannon entropy in bits per character, over UTF-16 code units folded to a byte. */
export function entropyPerChar(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  for (let index = 0; index < length; index++) counts[value.charCodeAt(index) & 0xff]!++;
  let bits = 0;
  for (let index = 0; index < length; index++) {
    const slot = value.charCodeAt(index) & 0xff;
    const count = counts[slot]!;
    if (count === 0) continue; // already summed
    const share = count / length;
    bits -= share * Math.log2(share);
    counts[slot] = 0;
  }
  return bits;
}

/** Below this many characters a string is too short to judge (and a weak secret anyway). */
export const MIN_RANDOM_LENGTH = 16;

/**
 * Whether `value` looks machine-generated: long enough, no whitespace, at least two character
 * classes (a hex digest has digits and letters) and ≥ 3 bits of entropy per character. English words
 * and sentences fail on whitespace or entropy; `xxxxxxxxxxxxxxxx` and `0000…` fail on entropy.
 */
export function looksRandom(value: string): boolean {
  if (value.length < MIN_RANDOM_LENGTH) return false;
  let classes = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 32) return false;
    if (code >= 48 && code <= 57) classes |= 1;
    else if (code >= 65 && code <= 90) classes |= 2;
    else if (code >= 97 && code <= 122) classes |= 4;
    else classes |= 8;
  }
  if (classes === 1 || classes === 2 || classes === 4 || classes === 8) return false;
  return entropyPerChar(value) >= 3;
}

/** Values that say there is no value. Weak passwords (`password`, `changeme`) are not among them: they are passwords. */
const PLACEHOLDER_WORDS = new Set(['redacted', 'hidden', 'masked', 'removed', 'null', 'undefined', 'none', 'n/a', 'empty']);

/** A value that is already masked (`********`, `••••`, `[REDACTED]`, `<hidden>`) or says there is none. */
export function isPlaceholder(value: string): boolean {
  let hasMaskChar = false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    // * • ● x X #, and the spaces and brackets around a masked value.
    if (code === 42 || code === 0x2022 || code === 0x25cf || code === 120 || code === 88 || code === 35) hasMaskChar = true;
    else if (code !== 32 && code !== 91 && code !== 93 && code !== 60 && code !== 62 && code !== 40 && code !== 41) return isPlaceholderWord(value);
  }
  return hasMaskChar;
}

function isPlaceholderWord(value: string): boolean {
  if (value.length > 12) return false;
  let word = value.toLowerCase();
  const first = word.charCodeAt(0);
  if (first === 91 || first === 60 || first === 40) word = word.slice(1, -1);
  return PLACEHOLDER_WORDS.has(word);
}
