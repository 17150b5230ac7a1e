// createAjv / compileSchema: OpenAPI formats, linear-time patterns (RE2), the marker keywords, and
// coercion for parameters only.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { compileSchema, createAjv } from './create-ajv.js';

const bodyAjv = createAjv('body');
const parametersAjv = createAjv('parameters');

function check(schema: Record<string, unknown>, value: unknown): boolean {
  return compileSchema(bodyAjv, schema)(value);
}

describe('createAjv: formats', () => {
  it('int32 accepts exactly the 32-bit signed integers', () => {
    const int32 = { type: 'integer', format: 'int32' };
    assert.equal(check(int32, 2 ** 31 - 1), true);
    assert.equal(check(int32, -(2 ** 31)), true);
    assert.equal(check(int32, 0), true);
    assert.equal(check(int32, 2 ** 31), false);
    assert.equal(check(int32, -(2 ** 31) - 1), false);
    assert.equal(check({ type: 'number', format: 'int32' }, 1.5), false);
  });

  it('int64 accepts the safe-integer range only', () => {
    const int64 = { type: 'integer', format: 'int64' };
    assert.equal(check(int64, Number.MAX_SAFE_INTEGER), true);
    assert.equal(check(int64, Number.MIN_SAFE_INTEGER), true);
    assert.equal(check(int64, 2 ** 53), false);
  });

  it('float and double accept any finite number', () => {
    for (const format of ['float', 'double']) {
      assert.equal(check({ type: 'number', format }, 1.25), true);
      assert.equal(check({ type: 'number', format }, -1e300), true);
      assert.equal(check({ type: 'number', format }, Number.POSITIVE_INFINITY), false);
    }
  });

  it('byte is padded RFC 4648 base64', () => {
    const byte = { type: 'string', format: 'byte' };
    for (const valid of ['', 'aGVsbG8=', 'aGVsbA==', 'aGVs', 'ab+/']) assert.equal(check(byte, valid), true, valid);
    for (const invalid of ['aGVsbG8', 'aGV*bG8=', 'a===', '====', 'aGVsbG8=\n', 'ab-_']) assert.equal(check(byte, invalid), false, invalid);
    assert.equal(check(byte, 'QUFB'.repeat(250_000)), true, 'a megabyte checks in one pass');
  });

  it('binary and password accept any string, and ajv-formats formats apply', () => {
    assert.equal(check({ type: 'string', format: 'binary' }, '\u0000\u00ff'), true);
    assert.equal(check({ type: 'string', format: 'password' }, ''), true);
    assert.equal(check({ type: 'string', format: 'uuid' }, '123e4567-e89b-12d3-a456-426614174000'), true);
    assert.equal(check({ type: 'string', format: 'uuid' }, 'not-a-uuid'), false);
    assert.equal(check({ type: 'string', format: 'date-time' }, '2024-02-30T00:00:00Z'), false);
  });

  it('an unknown format is an annotation: it validates and Ajv logs nothing', () => {
    const warn = mock.method(console, 'warn', () => undefined);
    const log = mock.method(console, 'log', () => undefined);
    try {
      assert.equal(check({ type: 'string', format: 'phone-number', 'x-vendor': 1 }, 'anything'), true);
      assert.equal(warn.mock.callCount() + log.mock.callCount(), 0);
    } finally {
      warn.mock.restore();
      log.mock.restore();
    }
  });
});

describe('createAjv: patterns run on RE2', () => {
  it('a catastrophic-backtracking pattern answers on a 50k-character input', () => {
    const validate = compileSchema(bodyAjv, { type: 'string', pattern: '^(a+)+$' });
    assert.equal(validate(`${'a'.repeat(50_000)}!`), false);
    assert.equal(validate('a'.repeat(50_000)), true);
  });

  it('patternProperties run on RE2 too', () => {
    const validate = compileSchema(bodyAjv, { type: 'object', patternProperties: { '^(x+x+)+y$': { type: 'integer' } } });
    assert.equal(validate({ [`${'x'.repeat(30_000)}y`]: 1 }), true);
    assert.equal(validate({ [`${'x'.repeat(30_000)}y`]: 'one' }), false);
    assert.equal(validate({ [`${'x'.repeat(30_000)}z`]: 'one' }), true);
  });

  it('patterns are unanchored searches, and distinct patterns do not share a compiled engine', () => {
    const validate = compileSchema(bodyAjv, {
      type: 'object',
      properties: { a: { type: 'string', pattern: 'b' }, b: { type: 'string', pattern: '^\\d{3}$' } },
    });
    assert.equal(validate({ a: 'abc', b: '123' }), true);
    assert.equal(validate({ a: 'ac', b: '123' }), false);
    assert.equal(validate({ a: 'abc', b: '1234' }), false);
  });

  it('JavaScript escapes RE2 spells differently still work (\\uXXXX, named groups)', () => {
    assert.equal(check({ type: 'string', pattern: '^[\\u0041-\\u005A]+$' }, 'ABC'), true);
    assert.equal(check({ type: 'string', pattern: '^[\\u0041-\\u005A]+$' }, 'abc'), false);
    assert.equal(check({ type: 'string', pattern: '^(?<year>\\d{4})-\\d{2}$' }, '2024-05'), true);
    assert.equal(check({ type: 'string', pattern: '^\\p{L}+$' }, 'Ωmega'), true);
  });

  it('a lookahead pattern throws at compile, naming the pattern', () => {
    assert.throws(
      () => compileSchema(bodyAjv, { type: 'string', pattern: '^(?=.*[A-Z]).{8,}$' }),
      (error: Error) => error.message.startsWith('the schema cannot be compiled: ') && error.message.includes('"^(?=.*[A-Z]).{8,}$"'),
    );
  });

  it('backreferences throw instead of being rewritten into something else', () => {
    for (const pattern of ['^(a)\\1$', '^(?<x>a)\\k<x>$']) {
      assert.throws(() => compileSchema(bodyAjv, { type: 'string', pattern }), /backreferences/, pattern);
    }
    // An escaped backslash followed by "1" is no backreference.
    assert.equal(check({ type: 'string', pattern: '^\\\\1$' }, '\\1'), true);
  });

  it('a pattern JavaScript itself rejects throws', () => {
    assert.throws(() => compileSchema(bodyAjv, { type: 'object', patternProperties: { '(': {} } }), /cannot be compiled/);
  });
});

describe('createAjv: marker keywords', () => {
  const cases = [
    ['bulwarkReadOnly', 'is read-only and must not be sent'],
    ['bulwarkWriteOnly', 'is write-only and must not be returned'],
    ['bulwarkUndeclared', 'is not declared in the schema'],
  ] as const;
  for (const [keyword, message] of cases) {
    it(`${keyword} fails wherever the property is present, and only when true`, () => {
      const validate = compileSchema(bodyAjv, {
        type: 'object',
        properties: { on: { type: 'integer', [keyword]: true }, off: { type: 'integer', [keyword]: false } },
      });
      assert.equal(validate({ off: 1 }), true);
      assert.equal(validate({}), true);
      assert.equal(validate({ on: 1, off: 2 }), false);
      assert.deepEqual(validate.errors?.map((e) => [e.keyword, e.instancePath, e.message]), [[keyword, '/on', message]]);
    });
  }

  it('lists every failure (allErrors)', () => {
    const validate = compileSchema(bodyAjv, { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['c'] });
    assert.equal(validate({ a: 1, b: 2 }), false);
    assert.deepEqual(validate.errors?.map((e) => e.instancePath || e.keyword).sort(), ['/a', '/b', 'required']);
  });
});

describe('createAjv: coercion', () => {
  const schema = {
    type: 'object',
    properties: { n: { type: 'integer' }, flag: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } } },
  };

  it("'parameters' coerces strings to the declared types, and a scalar to an array", () => {
    const validate = compileSchema(parametersAjv, schema);
    const value: Record<string, unknown> = { n: '5', flag: 'true', tags: 'x' };
    assert.equal(validate(value), true);
    assert.deepEqual(value, { n: 5, flag: true, tags: ['x'] });
    assert.equal(validate({ n: 'five' }), false);
  });

  it("'body' never coerces", () => {
    const validate = compileSchema(bodyAjv, schema);
    const value = { n: '5', flag: 'true', tags: 'x' };
    assert.equal(validate(value), false);
    assert.deepEqual(value, { n: '5', flag: 'true', tags: 'x' });
    assert.deepEqual(validate.errors?.map((e) => e.instancePath), ['/n', '/flag', '/tags']);
  });
});

describe('compileSchema', () => {
  it('wraps an Ajv error in a one-line message', () => {
    assert.throws(
      () => compileSchema(bodyAjv, { type: 'no-such-type' }),
      (error: Error) => /^the schema cannot be compiled: .*schema is invalid/.test(error.message) && !error.message.includes('\n'),
    );
  });

  it('wraps an unresolvable reference', () => {
    assert.throws(() => compileSchema(bodyAjv, { $ref: '#/$defs/missing' }), /the schema cannot be compiled: .*missing/);
  });
});

describe('createAjv: only own properties count', () => {
  it('a property named like an Object.prototype member is absent unless the data has it', () => {
    const validate = createAjv('body').compile({ type: 'object', properties: { toString: { type: 'string' } }, required: ['constructor'] });
    assert.equal(validate({}), false, 'inherited constructor does not satisfy required');
    assert.equal(validate({ constructor: 'x' }), true, 'an object without toString is not checked against the inherited function');
    assert.equal(validate({ constructor: 'x', toString: 7 }), false);
  });
});
