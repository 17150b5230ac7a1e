// toJsonSchema: each OpenAPI → JSON Schema 2020-12 rule, read/write-only markers, closed objects,
// recursion into $defs (checked through Ajv), and the size bound.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { compileSchema, createAjv } from './create-ajv.js';
import { MAX_SCHEMA_NODES, toJsonSchema, type ConvertOptions } from './to-json-schema.js';

const ajv = createAjv('body');
const v30: ConvertOptions = { dialect: 'openapi-3.0', direction: 'request' };
const v20: ConvertOptions = { dialect: 'openapi-2.0', direction: 'request' };
const v31: ConvertOptions = { dialect: 'openapi-3.1', direction: 'request' };
const closed = (direction: 'request' | 'response' = 'request', dialect: ConvertOptions['dialect'] = 'openapi-3.0'): ConvertOptions =>
  ({ dialect, direction, closeObjects: true });
const UNDECLARED = { bulwarkUndeclared: true };

function validator(schema: unknown, options: ConvertOptions): ValidateFunction {
  return compileSchema(ajv, toJsonSchema(schema, options));
}

/** [keyword, instancePath] of each error; [] when valid. */
function failures(validate: ValidateFunction, value: unknown): [string, string][] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e): [string, string] => [e.keyword, e.instancePath]).sort();
}

describe('toJsonSchema: nullable', () => {
  it('adds null to a single type (3.0 nullable, 2.0 x-nullable)', () => {
    assert.deepEqual(toJsonSchema({ type: 'string', nullable: true }, v30), { type: ['string', 'null'] });
    assert.deepEqual(toJsonSchema({ type: 'integer', 'x-nullable': true }, v20), { type: ['integer', 'null'] });
    assert.deepEqual(toJsonSchema({ type: 'string', nullable: false }, v30), { type: 'string' });
  });

  it('adds null to an enum', () => {
    assert.deepEqual(toJsonSchema({ type: 'string', enum: ['a', 'b'], nullable: true }, v30), { type: ['string', 'null'], enum: ['a', 'b', null] });
  });

  it('wraps a schema without type in anyOf with null', () => {
    assert.deepEqual(toJsonSchema({ enum: ['a'], nullable: true }, v30), { anyOf: [{ enum: ['a', null] }, { type: 'null' }] });
    const validate = validator({ properties: { a: { type: 'string' } }, nullable: true }, v30);
    assert.deepEqual(failures(validate, null), []);
    assert.deepEqual(failures(validate, { a: 'x' }), []);
    assert.notDeepEqual(failures(validate, { a: 1 }), []);
  });

  it('lets null through a typed nullable composition (nullable + allOf: [$ref])', () => {
    const pet = { type: 'object', properties: { name: { type: 'string' } } };
    const validate = validator({ type: 'object', nullable: true, allOf: [pet] }, v30);
    assert.deepEqual(failures(validate, null), []);
    assert.deepEqual(failures(validate, { name: 'rex' }), []);
    assert.notDeepEqual(failures(validate, { name: 1 }), []);
  });

  it('is not a 3.1 keyword: dropped there', () => {
    assert.deepEqual(toJsonSchema({ type: 'string', nullable: true }, v31), { type: 'string' });
  });
});

describe('toJsonSchema: draft-4 leftovers', () => {
  it('turns boolean exclusive bounds into numeric ones', () => {
    assert.deepEqual(
      toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false }, v30),
      { type: 'number', exclusiveMinimum: 0, maximum: 10 },
    );
    assert.deepEqual(toJsonSchema({ type: 'number', maximum: 5, exclusiveMaximum: true }, v20), { type: 'number', exclusiveMaximum: 5 });
    assert.deepEqual(toJsonSchema({ type: 'number', exclusiveMinimum: true }, v30), { type: 'number' }, 'no bound, nothing to exclude');
    assert.deepEqual(toJsonSchema({ type: 'number', exclusiveMinimum: 3 }, v31), { type: 'number', exclusiveMinimum: 3 });
  });

  it('turns 2.0 type file into a binary string', () => {
    assert.deepEqual(toJsonSchema({ type: 'file', description: 'upload' }, v20), { type: 'string', format: 'binary', description: 'upload' });
  });

  it('turns tuple items into prefixItems (+ additionalItems into items)', () => {
    assert.deepEqual(
      toJsonSchema({ type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false }, v30),
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
    );
    assert.deepEqual(toJsonSchema({ type: 'array', items: { type: 'string' }, additionalItems: false }, v30), { type: 'array', items: { type: 'string' } });
  });
});

describe('toJsonSchema: dropped keywords', () => {
  it('drops OpenAPI-only keywords and x-* extensions, at any depth', () => {
    const input = {
      type: 'object', example: { a: 1 }, discriminator: { propertyName: 'a' }, xml: { name: 'A' }, externalDocs: { url: 'u' },
      deprecated: true, 'x-internal': true, 'x-nullable': true,
      properties: { a: { type: 'string', example: 'x', 'x-order': 1, format: 'uuid', pattern: '^a' } },
    };
    assert.deepEqual(toJsonSchema(input, v30), { type: 'object', properties: { a: { type: 'string', format: 'uuid', pattern: '^a' } } });
  });

  it('drops examples, $schema and $id in 3.1', () => {
    const input = {
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:root', type: 'object', examples: [{}],
      properties: { a: { $id: 'urn:a', $schema: 'x', type: ['string', 'null'], examples: ['x'] } },
    };
    assert.deepEqual(toJsonSchema(input, v31), { type: 'object', properties: { a: { type: ['string', 'null'] } } });
  });

  it('reads property names as names: `example`, `x-id` and `__proto__` are properties, kept', () => {
    const properties = JSON.parse('{"example": {"type": "string"}, "x-id": {"type": "integer"}, "__proto__": {"type": "boolean"}}') as unknown;
    const out = toJsonSchema({ type: 'object', properties, required: ['x-id'] }, v30);
    const converted = out.properties as Record<string, unknown>;
    assert.deepEqual(Object.keys(converted), ['example', 'x-id', '__proto__']);
    assert.equal(Object.getPrototypeOf(converted), Object.prototype);
    const validate = compileSchema(ajv, out);
    assert.equal(validate({ 'x-id': 1, example: 'e' }), true);
    assert.equal(validate({ 'x-id': '1' }), false);
    assert.equal(validate({ example: 'e' }), false, 'x-id is still required');
  });

  it('keeps boolean schemas, and spells boolean roots as objects', () => {
    assert.deepEqual(toJsonSchema({ type: 'object', properties: { any: true, none: false } }, v31), { type: 'object', properties: { any: true, none: false } });
    assert.deepEqual(toJsonSchema(true, v31), {});
    assert.deepEqual(toJsonSchema(false, v31), { not: {} });
  });

  it('refuses a $ref left in the input, and a non-schema', () => {
    assert.throws(() => toJsonSchema({ type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } }, v30), /unresolved \$ref "#\/components\/schemas\/A" .* at schema \/properties\/a/);
    assert.throws(() => toJsonSchema({ type: 'object', properties: { a: 5 } }, v30), /must be an object or a boolean/);
  });
});

describe('toJsonSchema: readOnly and writeOnly', () => {
  const account = {
    type: 'object',
    required: ['id', 'name', 'password'],
    properties: {
      id: { type: 'integer', readOnly: true },
      name: { type: 'string' },
      password: { type: 'string', writeOnly: true },
    },
  };

  it('in requests, marks readOnly properties and removes them from required', () => {
    const out = toJsonSchema(account, { dialect: 'openapi-3.0', direction: 'request' });
    assert.deepEqual(out.required, ['name', 'password']);
    assert.deepEqual((out.properties as Record<string, unknown>).id, { type: 'integer', readOnly: true, bulwarkReadOnly: true });
    assert.deepEqual((out.properties as Record<string, unknown>).password, { type: 'string', writeOnly: true }, 'writeOnly is a plain annotation here');
    const validate = compileSchema(ajv, out);
    assert.deepEqual(failures(validate, { name: 'n', password: 'p' }), []);
    assert.deepEqual(failures(validate, { id: 1, name: 'n', password: 'p' }), [['bulwarkReadOnly', '/id']]);
  });

  it('in responses, marks writeOnly properties and removes them from required', () => {
    const out = toJsonSchema(account, { dialect: 'openapi-3.0', direction: 'response' });
    assert.deepEqual(out.required, ['id', 'name']);
    const validate = compileSchema(ajv, out);
    assert.deepEqual(failures(validate, { id: 1, name: 'n' }), []);
    assert.deepEqual(failures(validate, { id: 1, name: 'n', password: 'p' }), [['bulwarkWriteOnly', '/password']]);
    assert.deepEqual(failures(validate, { name: 'n' }), [['required', '']]);
  });

  it('drops required when nothing is left in it', () => {
    const out = toJsonSchema({ type: 'object', required: ['id'], properties: { id: { type: 'integer', readOnly: true } } }, v20);
    assert.equal('required' in out, false);
  });
});

describe('toJsonSchema: closeObjects', () => {
  it('marks open objects with properties, at every depth', () => {
    const input = {
      type: 'object',
      properties: {
        profile: { type: 'object', properties: { bio: { type: 'string' } } },
        emails: { type: 'array', items: { type: 'object', properties: { address: { type: 'string' } } } },
      },
    };
    assert.deepEqual(toJsonSchema(input, closed()), {
      type: 'object',
      properties: {
        profile: { type: 'object', properties: { bio: { type: 'string' } }, unevaluatedProperties: UNDECLARED },
        emails: { type: 'array', items: { type: 'object', properties: { address: { type: 'string' } }, unevaluatedProperties: UNDECLARED } },
      },
      unevaluatedProperties: UNDECLARED,
    });
    assert.deepEqual(toJsonSchema(input, v30), input, 'without closeObjects nothing is added');
    const validate = validator(input, closed());
    assert.deepEqual(failures(validate, { role: 'admin', profile: { bio: 'b', age: 3 }, emails: [{ address: 'a' }, { address: 'b', primary: true }] }), [
      ['bulwarkUndeclared', '/emails/1/primary'],
      ['bulwarkUndeclared', '/profile/age'],
      ['bulwarkUndeclared', '/role'],
    ]);
  });

  it('leaves objects the author left open or closed, and free-form maps, alone', () => {
    const properties = { a: { type: 'string' } };
    for (const extra of [{ additionalProperties: true }, { additionalProperties: { type: 'string' } }, { additionalProperties: false }, { patternProperties: { '^x-': {} } }]) {
      const input = { type: 'object', properties, ...extra };
      assert.equal('unevaluatedProperties' in toJsonSchema(input, closed()), false, JSON.stringify(extra));
    }
    assert.deepEqual(toJsonSchema({ type: 'object' }, closed()), { type: 'object' });
    assert.deepEqual(toJsonSchema({ type: 'object', properties: {} }, closed()), { type: 'object', properties: {} });
    assert.deepEqual(failures(validator({ type: 'object', properties, additionalProperties: false }, closed()), { b: 1 }), [['additionalProperties', '']]);
  });

  it('never closes allOf branches: the owner of the composition is closed instead', () => {
    const base = { type: 'object', properties: { id: { type: 'integer' } } };
    const input = { allOf: [base, { type: 'object', properties: { extra: { type: 'string' } } }] };
    const out = toJsonSchema(input, closed('response'));
    assert.deepEqual(out.unevaluatedProperties, UNDECLARED, 'owner without type, but its branches declare properties');
    for (const branch of out.allOf as Record<string, unknown>[]) assert.equal('unevaluatedProperties' in branch, false);
    const validate = compileSchema(ajv, out);
    assert.deepEqual(failures(validate, { id: 1, extra: 'e' }), []);
    assert.deepEqual(failures(validate, { id: 1, extra: 'e', more: 1 }), [['bulwarkUndeclared', '/more']]);
  });

  it('closes a oneOf owner so that each alternative keeps its own properties', () => {
    const cat = { type: 'object', required: ['meows'], properties: { meows: { type: 'boolean' } } };
    const dog = { type: 'object', required: ['barks'], properties: { barks: { type: 'boolean' } } };
    const validate = validator({ type: 'object', properties: { name: { type: 'string' } }, oneOf: [cat, dog] }, closed());
    assert.deepEqual(failures(validate, { name: 'n', meows: true }), []);
    assert.deepEqual(failures(validate, { name: 'n', barks: true }), []);
    assert.deepEqual(failures(validate, { name: 'n', barks: true, owner: 'x' }), [['bulwarkUndeclared', '/owner']]);
  });
});

describe('toJsonSchema: recursion', () => {
  function tree(): Record<string, unknown> {
    const node: Record<string, unknown> = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    return node;
  }

  it('turns a cycle into $defs + $ref, without touching the input', () => {
    const input = tree();
    const snapshot = structuredClone(input);
    const out = toJsonSchema(input, v30);
    assert.deepEqual(input, snapshot);
    assert.deepEqual(out, {
      $ref: '#/$defs/d0',
      $defs: {
        d0: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', minLength: 1 }, children: { type: 'array', items: { $ref: '#/$defs/d0' } } },
        },
      },
    });
    assert.doesNotThrow(() => JSON.stringify(out));
  });

  it('validates nested levels through Ajv', () => {
    const validate = validator(tree(), v30);
    assert.deepEqual(failures(validate, { name: 'root', children: [{ name: 'a', children: [{ name: 'b', children: [] }] }, { name: 'c' }] }), []);
    assert.deepEqual(failures(validate, { name: 'root', children: [{ name: 'a', children: [{ name: '' }] }] }), [['minLength', '/children/0/children/0/name']]);
    assert.deepEqual(failures(validate, { name: 'root', children: [{ name: 'a', children: [{ children: [] }] }] }), [['required', '/children/0/children/0']]);
  });

  it('closes recursive objects inside the definition: one bad value reports only itself', () => {
    const validate = validator(tree(), closed());
    assert.deepEqual(failures(validate, { name: 'r', children: [{ name: 'a', children: [{ name: 'b', owner: 'x' }] }] }), [['bulwarkUndeclared', '/children/0/children/0/owner']]);
    assert.deepEqual(failures(validate, { name: 'r', children: [{ name: 'a', children: [{ name: '' }] }] }), [['minLength', '/children/0/children/0/name']]);
  });

  it('gives a recursive schema used both as a branch and as a value a definition for each', () => {
    const node = tree();
    const input = { type: 'object', properties: { root: node, labelled: { allOf: [node, { type: 'object', properties: { label: { type: 'string' } } }] } } };
    const out = toJsonSchema(input, closed());
    assert.deepEqual(Object.keys(out.$defs as object).sort(), ['d0', 'd1']);
    const validate = compileSchema(ajv, out);
    assert.deepEqual(failures(validate, { root: { name: 'r' }, labelled: { name: 'l', label: 'x', children: [{ name: 'c' }] } }), []);
    assert.deepEqual(failures(validate, { labelled: { name: 'l', label: 'x', extra: 1 } }), [['bulwarkUndeclared', '/labelled/extra']]);
    assert.deepEqual(failures(validate, { root: { name: 'r', extra: 1 } }), [['bulwarkUndeclared', '/root/extra']]);
  });

  it('handles mutual recursion and shared non-recursive sub-schemas', () => {
    const shared = { type: 'string', maxLength: 3 };
    const a: Record<string, unknown> = { type: 'object', properties: { tag: shared } };
    const b: Record<string, unknown> = { type: 'object', properties: { tag: shared, a } };
    (a.properties as Record<string, unknown>).b = b;
    const validate = validator({ type: 'object', properties: { first: a, second: b } }, v30);
    assert.deepEqual(failures(validate, { first: { tag: 'ok', b: { tag: 'ok', a: { b: { tag: 'ok' } } } }, second: { tag: 'abc' } }), []);
    assert.deepEqual(failures(validate, { first: { b: { a: { b: { tag: 'toolong' } } } } }), [['maxLength', '/first/b/a/b/tag']]);
  });
});

describe('toJsonSchema: bounds', () => {
  it(`refuses more than ${MAX_SCHEMA_NODES} schema nodes`, () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < MAX_SCHEMA_NODES; i++) properties[`p${i}`] = { type: 'string' };
    assert.throws(() => toJsonSchema({ type: 'object', properties }, v30), /schema too large: more than 10000 schema nodes/);
    delete properties.p0;
    assert.doesNotThrow(() => toJsonSchema({ type: 'object', properties }, v30));
  });

  it('refuses shared sub-schemas that expand exponentially', () => {
    let level: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 30; i++) level = { type: 'object', properties: { left: level, right: level } };
    assert.throws(() => toJsonSchema(level, v30), /schema too large/);
  });

  it('refuses a cycle inside a literal value', () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    assert.throws(() => toJsonSchema({ default: value }, v30), /contains a cycle at schema \/default/);
  });
});
