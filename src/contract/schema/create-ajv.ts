// The Ajv (JSON Schema 2020-12) instances that check requests and responses against API documents:
// OpenAPI's formats, the gateway's marker keywords, and document patterns run by a linear-time engine.
import type { CodeKeywordDefinition, CodeOptions, KeywordCxt, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace needs unwrapping.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options?: { mode?: 'fast' | 'full' }) => Ajv2020;

type RegExpEngine = NonNullable<CodeOptions['regExp']>;

export type AjvPurpose = 'body' | 'parameters';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** Patterns quoted in error messages are cut here: they come from documents and can be long. */
const QUOTED_PATTERN_MAX = 200;
const COMPILE_MESSAGE_MAX = 1_000;

/** One Ajv (2020-12) per purpose, shared by all operations of all documents. 'parameters' coerces strings (coerceTypes: 'array') because query/path/header/cookie values arrive as strings; 'body' never coerces. */
export function createAjv(purpose: AjvPurpose): Ajv2020 {
  const ajv = new Ajv2020({
    // Callers list every failed location; the input is bounded by the gateway's body limits.
    allErrors: true,
    // OpenAPI documents use keywords and formats Ajv does not know: they are annotations, not errors,
    // and Ajv's console warnings about them would bypass the gateway's logger.
    strict: false,
    logger: false,
    validateFormats: true,
    coerceTypes: purpose === 'parameters' ? 'array' : false,
    // Only the data's own properties count: otherwise a property named `constructor` or `toString`
    // is "present" on every object (inherited), so `required` passes without it and `properties`
    // validates the inherited function, refusing bodies that never sent it.
    ownProperties: true,
    code: { regExp: re2RegExp },
  });
  addFormats(ajv, { mode: 'full' });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
  // A JSON number past 2^53 has already lost precision when it reaches the validator, so int64 can
  // only be checked exactly within the safe-integer range; larger values are refused, not guessed.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('byte', { type: 'string', validate: isBase64 });
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  ajv.addKeyword(alwaysFailing('bulwarkReadOnly', 'is read-only and must not be sent'));
  ajv.addKeyword(alwaysFailing('bulwarkWriteOnly', 'is write-only and must not be returned'));
  ajv.addKeyword(alwaysFailing('bulwarkUndeclared', 'is not declared in the schema'));
  return ajv;
}

/** Compiles a schema; wraps Ajv compile errors in an Error whose message is safe to show to an operator. */
export function compileSchema(ajv: Ajv2020, schema: Record<string, unknown>): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (error) {
    // One line, bounded: the message ends up in load errors and logs, never a stack or generated code.
    const raw = String(error instanceof Error ? error.message : error);
    const reason = Array.from(raw, (ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch)).join('');
    const short = reason.length > COMPILE_MESSAGE_MAX ? `${reason.slice(0, COMPILE_MESSAGE_MAX)}…` : reason;
    throw new Error(`the schema cannot be compiled: ${short}`, { cause: error });
  }
}

/**
 * Markers placed by toJsonSchema: the data they are applied to is invalid whenever it is present,
 * so the error's instancePath locates the property and its keyword names the rule.
 */
function alwaysFailing(keyword: string, message: string): CodeKeywordDefinition {
  return {
    keyword,
    schemaType: 'boolean',
    error: { message },
    code(cxt: KeywordCxt) {
      if (cxt.schema === true) cxt.fail();
    },
  };
}

/**
 * Ajv's `code.regExp` hook. Every `pattern` / `patternProperties` of an API document runs on client
 * input, so it runs on RE2, which matches in linear time: no pattern can become a ReDoS (CWE-1333).
 * RE2 has no lookaround or backreferences; such a pattern throws here, at compile time.
 */
const re2RegExp: RegExpEngine = Object.assign(
  (source: string, flags: string) => {
    let re2Flags = 0;
    for (const flag of flags) {
      if (flag === 'i') re2Flags |= RE2JS.CASE_INSENSITIVE;
      else if (flag === 'm') re2Flags |= RE2JS.MULTILINE;
      else if (flag === 's') re2Flags |= RE2JS.DOTALL;
      // RE2 always matches by code point, which is what 'u' asks of JavaScript.
      else if (flag !== 'u') throw patternError(source, `the regular expression flag "${flag}" is not supported`);
    }
    try {
      // JSON Schema patterns are ECMA-262 regular expressions: refuse what JavaScript would refuse
      // (building a RegExp parses it; nothing is matched).
      new RegExp(source, flags);
    } catch {
      throw patternError(source, 'it is not a valid ECMA-262 regular expression');
    }
    assertNoBackreference(source);
    let compiled: RE2JS;
    try {
      // translateRegExp rewrites JavaScript-only syntax (\uXXXX, \u{...}, (?<name>...), [^]) for RE2.
      compiled = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags);
    } catch (error) {
      throw patternError(source, `the linear-time engine (RE2: no lookahead, lookbehind or backreferences) rejects it: ${(error as Error).message}`);
    }
    // Ajv shares compiled patterns by toString(): it must name pattern and flags, or they all collide.
    return { test: (input: string) => compiled.test(input), toString: () => `/${source}/${flags}` };
  },
  { code: 'bulwarkRe2' },
);

/** translateRegExp would turn `\k<name>` into a literal "k<name>": refuse backreferences before it runs. */
function assertNoBackreference(source: string): void {
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '\\') continue;
    const next = source[i + 1] ?? '';
    if (next === 'k' || (next >= '1' && next <= '9')) {
      throw patternError(source, 'the linear-time engine (RE2) has no backreferences');
    }
    i++; // skip the escaped character, so `\\k` is a backslash then "k"
  }
}

function patternError(source: string, reason: string): Error {
  const quoted = source.length > QUOTED_PATTERN_MAX ? `${source.slice(0, QUOTED_PATTERN_MAX)}…` : source;
  return new Error(`pattern ${JSON.stringify(quoted)} cannot be used: ${reason}`);
}

/** RFC 4648 §4 base64 with padding, checked character by character: linear, nothing to backtrack. */
function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  for (let i = 0; i < text.length - padding; i++) {
    const c = text.charCodeAt(i);
    const inAlphabet = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!inAlphabet) return false;
  }
  return true;
}
