// exampleFor on the schemas that are hard to satisfy: compositions, nullability, cycles, patterns,
// formats, bounds, visibility. Validity against the gateway itself is build-request.test.ts's job.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleFor, type ExampleOptions } from './example-value.js';
import { flattenAllOf } from './schema-facts.js';

const REQUEST: ExampleOptions = { direction: 'request' };

function make(schema: unknown, options: Partial<ExampleOptions> = {}): { value: unknown; problems: string[] } {
  const problems: string[] = [];
  const value = exampleFor(schema, { ...REQUEST, ...options, onProblem: (pointer, problem) => problems.push(`${pointer} ${problem}`) });
  return { value, problems };
}

describe('types', () => {
  it('prefers a non-null type, from 3.0 nullable and 3.1 type arrays', () => {
    assert.equal(typeof make({ type: 'string', nullable: true }).value, 'string');
    assert.equal(typeof make({ type: ['null', 'integer'] }).value, 'number');
    assert.equal(make({ type: 'null' }).value, null);
  });

  it('uses const, then a valid enum member, then a valid example or default', () => {
    assert.equal(make({ const: 'fixed' }).value, 'fixed');
    assert.equal(make({ type: 'string', enum: [null, 'a', 'b'] }).value, 'a');
    assert.equal(make({ type: 'string', enum: ['a', 'b'] }, { seed: 1 }).value, 'b');
    assert.equal(make({ type: 'integer', minimum: 5, example: 3, default: 7 }).value, 7);
    assert.deepEqual(make({ type: 'array', items: { type: 'string' }, examples: [['x', 'y']] }).value, ['x', 'y']);
    // An example carrying a property the schema does not declare is not used.
    assert.deepEqual(make({ type: 'object', properties: { a: { type: 'string' } }, example: { a: 'x', b: 1 } }).value, { a: 'example' });
  });
});

describe('compositions', () => {
  it('merges allOf, including nested allOf and bounds', () => {
    const { value, problems } = make({ allOf: [{ type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 3 } } }, { allOf: [{ required: ['name'], properties: { name: { type: 'string', minLength: 12 } } }] }] });
    assert.deepEqual(value, { id: 3, name: 'Jane Doexxxx' });
    assert.deepEqual(problems, []);
  });

  it('takes the first oneOf branch that only one branch accepts', () => {
    const schema = { oneOf: [{ type: 'integer', multipleOf: 2 }, { type: 'integer', multipleOf: 3 }] };
    const { value, problems } = make(schema);
    assert.ok(typeof value === 'number' && (value % 2 === 0) !== (value % 3 === 0), String(value));
    assert.deepEqual(problems, []);
    // Optional properties another branch requires are left out, or both branches would match.
    const docs = { type: 'object', properties: { title: { type: 'string' }, category: { type: 'string' }, slug: { type: 'string' } }, oneOf: [{ required: ['title', 'category'] }, { required: ['title', 'slug'] }] };
    assert.deepEqual(make(docs).value, { title: 'example', category: 'example' });
  });

  it('flags a oneOf no value can satisfy', () => {
    assert.equal(make({ oneOf: [{ type: 'string' }, { type: 'string' }] }).problems.length, 1);
  });
});

describe('objects, arrays, cycles', () => {
  it('leaves out readOnly properties in requests and writeOnly ones in responses', () => {
    const schema = { type: 'object', required: ['id', 'password'], properties: { id: { type: 'integer', readOnly: true }, password: { type: 'string', writeOnly: true } } };
    assert.deepEqual(Object.keys(make(schema).value as object), ['password']);
    assert.deepEqual(Object.keys(make(schema, { direction: 'response' }).value as object), ['id']);
  });

  it('ends recursion: optional cycles are skipped, nullable required ones become null', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['name', 'next'], properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).next = { ...node, nullable: true };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    const { value, problems } = make(node);
    assert.deepEqual(value, { name: 'Jane Doe', next: { name: 'Jane Doe', next: null } });
    assert.deepEqual(problems, []);
  });

  it('respects minItems, maxItems and uniqueItems, and minProperties with additionalProperties', () => {
    assert.deepEqual(make({ type: 'array', items: { type: 'boolean', enum: [true, false] }, minItems: 2, uniqueItems: true }).value, [true, false]);
    assert.deepEqual(make({ type: 'array', items: { type: 'string' }, maxItems: 0 }).value, []);
    assert.deepEqual(make({ type: 'object', minProperties: 2, additionalProperties: { type: 'integer' } }).value, { property1: 1, property2: 1 });
  });
});

describe('strings and numbers', () => {
  it('satisfies patterns with the length limits, and flags what RE2 cannot run', () => {
    assert.equal(make({ type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }).value, 'AAA-1111');
    assert.match(make({ type: 'string', pattern: '^[a-z]+$', minLength: 10 }).value as string, /^[a-z]{10,}$/);
    assert.equal(make({ type: 'string', pattern: '^(foo|bar)baz$' }, { seed: 1 }).value, 'barbaz');
    const lookahead = make({ type: 'string', pattern: '^(?!admin).+$' });
    assert.equal(lookahead.problems.length, 1);
  });

  it('gives valid format values', () => {
    const formats: Record<string, RegExp> = {
      'email': /^user1@example\.com$/, 'uuid': /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/, 'date-time': /^2024-01-15T10:30:00Z$/, 'date': /^2024-01-15$/,
      'time': /^10:30:00Z$/, 'uri': /^https:\/\//, 'hostname': /^host1\.example\.com$/, 'ipv4': /^192\.0\.2\.1$/, 'ipv6': /^2001:db8::1$/,
      'byte': /^[A-Za-z0-9+/]+=*$/, 'binary': /./, 'password': /./,
    };
    for (const [format, expected] of Object.entries(formats)) {
      const { value, problems } = make({ type: 'string', format });
      assert.match(value as string, expected, format);
      assert.deepEqual(problems, [], format);
    }
  });

  it('uses field names for realistic strings', () => {
    assert.equal(make({ type: 'string' }, { field: 'contactEmail' }).value, 'user1@example.com');
    assert.equal(make({ type: 'string' }, { field: 'homepage_url' }).value, 'https://example.com/resource/1');
  });

  it('meets bounds, exclusive bounds of both dialects and multipleOf', () => {
    assert.equal(make({ type: 'integer', minimum: 10, exclusiveMaximum: 13, multipleOf: 3 }).value, 12);
    assert.equal(make({ type: 'integer', minimum: 5, exclusiveMinimum: true }).value, 6);
    assert.equal(make({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }).value, 0.5);
    assert.equal(make({ type: 'integer', maximum: -3 }).value, -3);
    assert.equal(make({ type: 'integer', multipleOf: 2.5 }).value, 5);
    assert.equal(make({ type: 'number', minimum: 1.05, multipleOf: 0.1 }).value, 1.1);
  });
});

describe('hostile property names', () => {
  it('a property named __proto__ in an allOf stays a property', () => {
    const schema = JSON.parse('{"allOf":[{"type":"object","properties":{"__proto__":{"type":"string"}}},{"type":"object","properties":{"other":{"type":"string"}}}]}') as Record<string, unknown>;
    const properties = flattenAllOf(schema).properties as Record<string, unknown>;
    assert.equal(Object.hasOwn(properties, '__proto__'), true);
    assert.equal(Object.getPrototypeOf(properties), Object.prototype);
  });
});
