// The Ajv instances that validate requests and responses against API documents: JSON Schema
// 2020-12, every error listed (the input is bounded by the gateway's limits), OpenAPI's formats,
// the readOnly / writeOnly keywords, and document patterns run by a linear-time engine (RE2).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace needs unwrapping.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options?: { mode?: 'fast' | 'full' }) => Ajv2020;

export type AjvPurpose = 'body' | 'parameters';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * 'parameters' coerces strings to the schema's types (coerceTypes: 'array'), because query, path,
 * header and cookie values, and form fields, arrive as text; 'body' never coerces.
 */
export function createAjv(purpose: AjvPurpose): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateFormats: true,
    coerceTypes: purpose === 'parameters' ? 'array' : false,
    // Patterns come from API documents and run on client input: RE2 matches in linear time, so a
    // pattern like ^(a+)+$ cannot be turned into a ReDoS (CWE-1333).
    code: { regExp: re2RegExp, lines: false },
    logger: false,
  });
  addFormats(ajv, { mode: 'full' });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
  // Beyond 2^53 JSON numbers lose precision in JavaScript, so int64 is checked as a safe integer.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('byte', { type: 'string', validate: isBase64 });
  ajv.addFormat('binary', { type: 'string', validate: () => true });
  ajv.addFormat('password', { type: 'string', validate: () => true });
  ajv.addKeyword({
    keyword: 'bulwarkReadOnly',
    schemaType: 'boolean',
    errors: true,
    validate: function readOnly(isReadOnly: boolean) {
      if (!isReadOnly) return true;
      (readOnly as unknown as { errors: unknown[] }).errors = [{ keyword: 'bulwarkReadOnly', message: 'is read-only and must not be sent', params: {} }];
      return false;
    },
  });
  ajv.addKeyword({
    keyword: 'bulwarkWriteOnly',
    schemaType: 'boolean',
    errors: true,
    validate: function writeOnly(isWriteOnly: boolean) {
      if (!isWriteOnly) return true;
      (writeOnly as unknown as { errors: unknown[] }).errors = [{ keyword: 'bulwarkWriteOnly', message: 'is write-only and must not be returned', params: {} }];
      return false;
    },
  });
  ajv.addKeyword({
    keyword: 'bulwarkUndeclared',
    schemaType: 'boolean',
    errors: true,
    validate: function undeclared(isUndeclared: boolean) {
      if (!isUndeclared) return true;
      (undeclared as unknown as { errors: unknown[] }).errors = [{ keyword: 'bulwarkUndeclared', message: 'is not declared in the schema', params: {} }];
      return false;
    },
  });
  return ajv;
}

/** Compiles a schema; an Ajv or RE2 compile error becomes an Error whose message an operator can act on. */
export function compileSchema(ajv: Ajv2020, schema: Record<string, unknown>): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new Error(`a schema cannot be compiled: ${(error as Error).message}`, { cause: error });
  }
}

/** Ajv's `code.regExp` hook: (source, flags) → an object with test(). Unsupported syntax throws. */
function re2RegExp(source: string, flags: string): { test(input: string): boolean; toString(): string } {
  let compiled: RE2JS;
  try {
    // RE2 reads \d, \w and Unicode classes itself; the 'u' flag has no RE2 equivalent to set.
    compiled = RE2JS.compile(source, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new Error(`pattern ${JSON.stringify(source)} is not supported by the linear-time engine (RE2 has no lookaround or backreferences): ${(error as Error).message}`);
  }
  // Ajv caches compiled patterns by toString(): it must name the pattern, or they all collide.
  return { test: (input: string) => compiled.test(input), toString: () => `/${source}/${flags}` };
}
re2RegExp.code = 'RE2JS';

/** RFC 4648 §4 base64 (with padding), checked by character codes: no backtracking possible. */
export function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  for (let i = 0; i < text.length - padding; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}
