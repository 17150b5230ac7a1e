// MongoDB query operators where a request can smuggle them in: as a JSON key (`{"$ne": null}`), as a
// segment of a bracket or dotted parameter name (`password[$ne]=1`, which qs and friends turn into
// that same object), or in operator syntax inside a string the server parses again (`{"$gt": ""}`).
// Names and lists from the MongoDB manual ("Query and Projection Operators", "Update Operators").

/** Operators that turn an equality match into a condition an attacker chooses (OWASP WSTG-INPV-05.6). */
export const STRONG_OPERATORS: ReadonlySet<string> = new Set([
  'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'regex', 'where', 'expr', 'function', 'accumulator', 'or', 'and', 'nor',
  'not', 'exists', 'elemMatch', 'jsonSchema', 'all', 'size', 'mod', 'lookup',
]);

/**
 * Operators that also turn up as ordinary keys (`$type` in .NET's JSON, `$text`) or only
 * matter where a body reaches an update or an aggregation pipeline unfiltered (mass assignment).
 */
export const WEAK_OPERATORS: ReadonlySet<string> = new Set([
  'eq', 'type', 'text', 'options', 'slice', 'meta', 'natural',
  'set', 'unset', 'inc', 'push', 'pull', 'pullAll', 'addToSet', 'rename', 'setOnInsert', 'currentDate', 'mul', 'pop', 'bit', 'min', 'max',
  'match', 'group', 'project', 'unwind', 'out', 'merge', 'unionWith', 'graphLookup', 'addFields', 'replaceRoot', 'facet',
]);
// Not operators, and common: JSON Schema's `$schema`, `$ref`, `$id`, `$defs`, `$comment`; .NET's `$values`;
// OData's system query options `$filter`, `$top`, `$skip`, `$select`, `$orderby`, `$expand`, `$count`,
// `$format`, `$search` (MongoDB's `$search` only works inside `$text`, which is listed).

export type OperatorStrength = 'where' | 'strong' | 'weak';

export interface OperatorMatch {
  readonly strength: OperatorStrength;
  readonly operator: string;
}

function strengthOf(name: string): OperatorStrength | undefined {
  if (name === 'where') return 'where';
  if (STRONG_OPERATORS.has(name)) return 'strong';
  return WEAK_OPERATORS.has(name) ? 'weak' : undefined;
}

/**
 * The strongest operator among the segments of a key or parameter name: `$ne`, `password[$ne]`,
 * `user.$regex`, `filter[$or][0][name]`. Segments are split on `[`, `]` and `.`.
 */
export function operatorInName(name: string): OperatorMatch | undefined {
  let best: OperatorMatch | undefined;
  for (let dollar = name.indexOf('$'); dollar !== -1; dollar = name.indexOf('$', dollar + 1)) {
    if (dollar > 0 && !isSegmentDelimiter(name.charCodeAt(dollar - 1))) continue;
    const end = skipIdentifier(name, dollar + 1);
    if (end < name.length && !isSegmentDelimiter(name.charCodeAt(end))) continue;
    const strength = strengthOf(name.slice(dollar + 1, end));
    if (strength !== undefined && isStronger(strength, best)) best = { strength, operator: name.slice(dollar, end) };
    if (best?.strength === 'where') break;
  }
  return best;
}

/**
 * The strongest operator written in operator syntax inside a string value: a quoted key followed by a
 * colon (`"$ne": 1`), an unquoted key right after a brace (`{ $gt: '' }`, shell syntax) or a bracket
 * segment (`user[$ne]=x`). A `$` in prose, prices or GraphQL variables (`query ($size: Int)`) is none of these.
 */
export function operatorInValue(text: string): OperatorMatch | undefined {
  let best: OperatorMatch | undefined;
  for (let dollar = text.indexOf('$'); dollar !== -1; dollar = text.indexOf('$', dollar + 1)) {
    const end = skipIdentifier(text, dollar + 1);
    if (end === dollar + 1) continue;
    const strength = strengthOf(text.slice(dollar + 1, end));
    if (strength === undefined || !isStronger(strength, best) || !isOperatorPosition(text, dollar, end)) continue;
    best = { strength, operator: text.slice(Math.max(0, dollar - 2), end + 2) };
    if (strength === 'where') break;
  }
  return best;
}

function isOperatorPosition(text: string, dollar: number, end: number): boolean {
  const before = text[dollar - 1];
  const after = text[end];
  if ((before === '"' || before === "'") && after === before) return text[skipSpaces(text, end + 1)] === ':';
  if (before === '[') return after === ']';
  // Shell syntax: the operator is the first key of an object literal,
  let at = dollar - 1;
  while (at >= 0 && dollar - at <= 16 && isSpace(text.charCodeAt(at))) at--;
  const colon = skipSpaces(text, end);
  if (text[colon] !== ':') return false;
  if (text[at] === '{') return true;
  // or a later key with a literal value, the input closing the application's value first (`true, $where: '1 == 1'`,
  // pasted into a PHP or shell query string). GraphQL variable definitions (`$size: Int`) have a type there.
  return text[at] === ',' && isLiteralStart(text, skipSpaces(text, colon + 1));
}

/** A JavaScript literal or function starts at `at`: a quote, a digit, `{`, `/regex/`, `-1`, or `function`, `true`, `false`, `null`. */
function isLiteralStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code === 39 || code === 34 || code === 123 || code === 47 || code === 45 || (code >= 48 && code <= 57)) return true;
  return text.startsWith('function', at) || text.startsWith('true', at) || text.startsWith('false', at) || text.startsWith('null', at);
}

const RANK: Readonly<Record<OperatorStrength, number>> = { weak: 1, strong: 2, where: 3 };

function isStronger(strength: OperatorStrength, than: OperatorMatch | undefined): boolean {
  return than === undefined || RANK[strength] > RANK[than.strength];
}

function skipIdentifier(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at) | 0x20;
    if (code < 97 || code > 122) break;
    at++;
  }
  return at;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** `[`, `]`, `.`: how qs, PHP and body-parser spell nesting in a flat parameter name. */
function isSegmentDelimiter(code: number): boolean {
  return code === 91 || code === 93 || code === 46;
}
