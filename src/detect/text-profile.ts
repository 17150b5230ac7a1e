// A one-pass summary of which kinds of characters a string holds, as a bit mask. The engine computes it
// once per inspected form and skips a detector whose trigger characters are all absent: most API values
// are words, numbers and ids, and 15 detectors each scanning them again cost more than all the real
// matching (see docs/benchmarks.md). A detector's triggers are a necessary condition, never a verdict.

export const CHAR = {
  singleQuote: 1 << 0,
  doubleQuote: 1 << 1,
  backtick: 1 << 2,
  semicolon: 1 << 3,
  pipe: 1 << 4,
  ampersand: 1 << 5,
  dollar: 1 << 6,
  lessThan: 1 << 7,
  greaterThan: 1 << 8,
  paren: 1 << 9,
  brace: 1 << 10,
  bracket: 1 << 11,
  slash: 1 << 12,
  backslash: 1 << 13,
  percent: 1 << 14,
  equals: 1 << 15,
  hash: 1 << 16,
  bang: 1 << 17,
  star: 1 << 18,
  colon: 1 << 19,
  /** CR or LF. */
  newline: 1 << 20,
  /** Any other C0 control or DEL (tab is `space`). */
  control: 1 << 21,
  /** Any code unit above 0x7f. */
  nonAscii: 1 << 22,
  /** Space or tab. */
  space: 1 << 23,
  digit: 1 << 24,
  letter: 1 << 25,
  dot: 1 << 26,
  dash: 1 << 27,
  underscore: 1 << 28,
  /** `@ , + ? ~ ^`: punctuation no detector keys on alone. */
  other: 1 << 29,
} as const;

/** Every bit: a detector with these triggers always runs. */
export const ANY_CHAR = (1 << 30) - 1;

/** A token: letters, digits and `_ . -` only (identifiers, numbers, enum values, UUIDs, JSON keys). */
export const TOKEN_CHARS = CHAR.letter | CHAR.digit | CHAR.dot | CHAR.dash | CHAR.underscore;

const ASCII_BITS = buildAsciiTable();

function buildAsciiTable(): Int32Array {
  const table = new Int32Array(128);
  const assign = (characters: string, bit: number): void => {
    for (const character of characters) table[character.charCodeAt(0)] = bit;
  };
  for (let code = 0; code < 0x20; code++) table[code] = CHAR.control;
  table[0x7f] = CHAR.control;
  assign('\r\n', CHAR.newline);
  assign(' \t', CHAR.space);
  assign('0123456789', CHAR.digit);
  assign('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', CHAR.letter);
  assign("'", CHAR.singleQuote);
  assign('"', CHAR.doubleQuote);
  assign('`', CHAR.backtick);
  assign(';', CHAR.semicolon);
  assign('|', CHAR.pipe);
  assign('&', CHAR.ampersand);
  assign('$', CHAR.dollar);
  assign('<', CHAR.lessThan);
  assign('>', CHAR.greaterThan);
  assign('()', CHAR.paren);
  assign('{}', CHAR.brace);
  assign('[]', CHAR.bracket);
  assign('/', CHAR.slash);
  assign('\\', CHAR.backslash);
  assign('%', CHAR.percent);
  assign('=', CHAR.equals);
  assign('#', CHAR.hash);
  assign('!', CHAR.bang);
  assign('*', CHAR.star);
  assign(':', CHAR.colon);
  assign('.', CHAR.dot);
  assign('-', CHAR.dash);
  assign('_', CHAR.underscore);
  assign('@,+?~^', CHAR.other);
  return table;
}

/** The CHAR bits of every code unit in `text`; linear, one table lookup per character. */
export function profileOf(text: string): number {
  let mask = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    mask |= code < 128 ? (ASCII_BITS[code] ?? 0) : CHAR.nonAscii;
  }
  return mask;
}
