// Server-side JavaScript injection into MongoDB's `$where`, `mapReduce` or `$function` strings, where the
// application concatenates input into code (`"this.name == '" + input + "'"`): the input closes the
// string and continues as JavaScript (OWASP WSTG-INPV-05.6, "NoSQL injection"). Linear: each operator
// character gets a bounded look back for the quote and a bounded look at what follows.

/** Statement starts after `';` that mean code, not prose ("Press 'Next'; return to ..." must pass). */
const STATEMENTS = ['sleep(', 'while(', 'while (', 'for(', 'for (', 'if(', 'if (', 'this.', 'db.', 'function(', 'function (', 'process.', 'require(', 'emit(', 'var ', 'let ', 'const '];
/** What `return` must return to be code: a literal, `this`, a call, a negation, an expression. */
const RETURNED = ['true', 'false', 'this', 'db.', 'sleep(', '1', '0', '!', '(', "'", '"', '{', '['];
/** Operands after `' ||` that mean code: a tautology's quote or digit (checked for `==`), or `this.`. */
const CODE_OPERANDS = ['this.', 'true', 'sleep(', 'db.', 'function'];
const TAUTOLOGY_WINDOW = 40;

/** What can follow a closing quote to continue as code: `;`, `||`, `&&`, `+`. */
const OPERATOR_CHARS = [';', '|', '&', '+'] as const;
/** Spaces between the quote and the operator, at most. */
const SPACES_BEFORE_OPERATOR = 8;

/**
 * Index of a string breakout that continues as JavaScript, or -1. Walks the operator characters (rare
 * in prose) rather than the quotes (apostrophes are everywhere: "O'Brien didn't"), looking back for a quote.
 */
export function findJavascriptBreakout(text: string): number {
  if (text.indexOf("'") === -1 && text.indexOf('"') === -1) return -1;
  for (const operator of OPERATOR_CHARS) {
    for (let at = text.indexOf(operator); at !== -1; at = text.indexOf(operator, at + 1)) {
      let quote = at - 1;
      while (quote >= 0 && at - quote <= SPACES_BEFORE_OPERATOR && isSpace(text.charCodeAt(quote))) quote--;
      const char = text[quote];
      if ((char === "'" || char === '"') && continuesAsCode(text, quote + 1)) return quote;
    }
  }
  return -1;
}

function continuesAsCode(text: string, afterQuote: number): boolean {
  const at = skipSpaces(text, afterQuote);
  const char = text[at];
  if (char === ';') {
    const statement = skipSpaces(text, at + 1);
    if (startsWithAny(text, statement, STATEMENTS)) return true;
    return text.startsWith('return', statement) && startsWithAny(text, skipSpaces(text, statement + 6), RETURNED);
  }
  if ((char === '|' || char === '&') && text[at + 1] === char) return isCodeOperand(text, skipSpaces(text, at + 2));
  if (char === '+') return startsWithAny(text, skipSpaces(text, at + 1), CODE_OPERANDS);
  return false;
}

/** `'1'=='1`, `1==1`, `this.password.match(...)`: what follows an injected `||` or `&&`. */
function isCodeOperand(text: string, at: number): boolean {
  if (startsWithAny(text, at, CODE_OPERANDS)) return true;
  const char = text.charCodeAt(at);
  const isLiteralStart = char === 39 || char === 34 || (char >= 48 && char <= 57);
  if (!isLiteralStart) return false;
  // Bounded window: an unbounded search per `||` would be quadratic on `' || '` repeated.
  return text.slice(at, at + TAUTOLOGY_WINDOW).includes('==');
}

/** `this.constructor.constructor("return process")()`: reaching Function from inside the sandbox. */
export function findConstructorEscape(text: string): number {
  // A call needs a parenthesis; looking for that single character first is the cheap test.
  return text.indexOf('(') === -1 ? -1 : text.indexOf('constructor.constructor(');
}

function startsWithAny(text: string, at: number, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (text.startsWith(prefix, at)) return true;
  return false;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
