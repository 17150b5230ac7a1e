// The token stream the SQL tokenizer fills: parallel typed arrays reused from call to call, so a
// detection allocates nothing once the arrays have grown to the longest input seen.

// Token classes.
export const STRING = 1;
export const NUMBER = 2;
/** NULL, TRUE, FALSE and MySQL's `\N`. */
export const CONSTANT = 3;
/** Identifier or keyword (the keyword id says which). */
export const WORD = 4;
export const VARIABLE = 5;
export const SYSTEM_VARIABLE = 6;
export const OPEN = 7;
export const CLOSE = 8;
export const COMMA = 9;
export const SEMICOLON = 10;
/** AND, OR, XOR, `&&`, `||` (OR in MySQL, concatenation elsewhere: a binary operator either way). */
export const BOOLEAN = 11;
export const NOT = 12;
/** `=`, `<>`, `<=>`, LIKE, IN, BETWEEN, IS ... */
export const COMPARE = 13;
export const ARITHMETIC = 14;
/** PostgreSQL and MySQL JSON operators: `->`, `->>`, `#>`, `#>>`, `@>`, `<@`, `?|`, `?&`. */
export const JSON_OPERATOR = 15;
/** `--` or `#` to the end of the line, or a `/*` never closed (a closed one is whitespace). */
export const COMMENT = 16;
export const OTHER = 17;

// Token flags.
/** A string or quoted identifier whose closing quote is in the input. */
export const CLOSED = 1;
/** A comment with no letter, digit or quote in it (`--`, `-- -`, `#`, `/*`). */
export const WORDLESS = 2;
/** A dotted name (`information_schema.tables`); the id is the last part's, the qualifier the first's. */
export const QUALIFIED = 4;
/** Whitespace or a comment comes before the token. */
export const SPACED = 8;
/** A backtick-quoted identifier: never a keyword. */
export const QUOTED = 16;
/** A string with whitespace in it: prose or code between two quotes, not a value an injection compares. */
export const PROSE = 32;

export interface TokenStream {
  count: number;
  /** The quote the input starts inside: 0, `'` (39) or `"` (34). */
  quote: number;
  classes: Uint8Array;
  /** Keyword id for words, the first character's code for operators and punctuation. */
  ids: Uint16Array;
  /** Keyword id of the first part of a dotted name. */
  qualifiers: Uint16Array;
  flags: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Index of the matching parenthesis, -1 when none (filled by linkStructure). */
  partners: Int32Array;
  /** Index of the innermost enclosing `(`, -1 at the top level. */
  parents: Int32Array;
  /** What a token means for an attack; for a `(`, everything inside the group (see features.ts). */
  features: Uint16Array;
}

export function createTokenStream(capacity = 64): TokenStream {
  return {
    count: 0, quote: 0,
    classes: new Uint8Array(capacity), ids: new Uint16Array(capacity), qualifiers: new Uint16Array(capacity),
    flags: new Uint8Array(capacity), starts: new Int32Array(capacity), ends: new Int32Array(capacity),
    partners: new Int32Array(capacity), parents: new Int32Array(capacity), features: new Uint16Array(capacity),
  };
}

/** Appends a token, doubling the arrays when full. */
export function pushToken(stream: TokenStream, tokenClass: number, start: number, end: number, id: number, flags: number, qualifier = 0): void {
  if (stream.count === stream.classes.length) grow(stream);
  const index = stream.count++;
  stream.classes[index] = tokenClass;
  stream.ids[index] = id;
  stream.qualifiers[index] = qualifier;
  stream.flags[index] = flags;
  stream.starts[index] = start;
  stream.ends[index] = end;
}

function grow(stream: TokenStream): void {
  const capacity = stream.classes.length * 2;
  const widen = <T extends Uint8Array | Uint16Array | Int32Array>(array: T, make: (size: number) => T): T => {
    const wider = make(capacity);
    wider.set(array);
    return wider;
  };
  stream.classes = widen(stream.classes, (size) => new Uint8Array(size));
  stream.ids = widen(stream.ids, (size) => new Uint16Array(size));
  stream.qualifiers = widen(stream.qualifiers, (size) => new Uint16Array(size));
  stream.flags = widen(stream.flags, (size) => new Uint8Array(size));
  stream.starts = widen(stream.starts, (size) => new Int32Array(size));
  stream.ends = widen(stream.ends, (size) => new Int32Array(size));
  stream.partners = new Int32Array(capacity);
  stream.parents = new Int32Array(capacity);
  stream.features = new Uint16Array(capacity);
}
