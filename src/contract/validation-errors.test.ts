import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorObject } from 'ajv';
import { locationOf, MAX_FAILURES, stripFailures, toFailures } from './validation-errors.js';

const error = (keyword: string, instancePath: string, params: Record<string, unknown> = {}, message = 'must be valid'): ErrorObject => ({ keyword, instancePath, schemaPath: '#', params, message });

describe('locationOf', () => {
  it('writes JSONPath-like body locations and dotted parameter locations', () => {
    assert.equal(locationOf('body', ['items', '3', 'price']), 'body.$.items[3].price');
    assert.equal(locationOf('body', []), 'body.$');
    assert.equal(locationOf('query', ['limit']), 'query.limit');
    assert.equal(locationOf('query', ['ids', '2']), 'query.ids[2]');
    assert.equal(locationOf('header', ['x-tenant']), 'header.x-tenant');
  });

  it('quotes odd names and never lets control characters or long names through', () => {
    assert.equal(locationOf('body', ['a b']), 'body.$["a b"]');
    assert.equal(locationOf('body', ['x\r\ny']), 'body.$["x??y"]');
    const long = locationOf('body', ['k'.repeat(500)]);
    assert.ok(long.length < 100);
  });
});

describe('toFailures', () => {
  it('classifies errors by the rule they belong to', () => {
    const failures = toFailures([
      error('type', '/name', {}, 'must be string'),
      error('required', '/address', { missingProperty: 'zip' }),
      error('additionalProperties', '', { additionalProperty: 'isAdmin' }),
      error('bulwarkUndeclared', '/address/geo'),
      error('bulwarkReadOnly', '/id'),
      error('bulwarkWriteOnly', '/password'),
    ], 'body');
    assert.deepEqual(failures.map((f) => [f.location, f.kind]), [
      ['body.$.name', 'invalid'],
      ['body.$.address.zip', 'invalid'],
      ['body.$.isAdmin', 'mass-assignment'],
      ['body.$.address.geo', 'undeclared'],
      ['body.$.id', 'read-only'],
      ['body.$.password', 'write-only'],
    ]);
    assert.equal(failures[1]!.problem, 'is required');
  });

  it('drops duplicates and stops at the cap', () => {
    const many = Array.from({ length: 100 }, (_, i) => error('type', `/items/${i}`));
    assert.equal(toFailures(many, 'body').length, MAX_FAILURES);
    assert.equal(toFailures([error('type', '/a'), error('type', '/a')], 'body').length, 1);
    assert.deepEqual(toFailures(null, 'body'), []);
  });
});

describe('stripFailures', () => {
  it('removes what the failures point at, at any depth, and counts it', () => {
    const value = { id: 1, password: 'x', address: { city: 'Oslo', geo: '1,2' }, items: [{ sku: 'a', cost: 3 }] };
    const removed = stripFailures(value, [
      ...toFailures([error('bulwarkWriteOnly', '/password'), error('bulwarkUndeclared', '/address/geo'), error('additionalProperties', '/items/0', { additionalProperty: 'cost' })], 'body'),
    ]);
    assert.equal(removed, 3);
    assert.deepEqual(value, { id: 1, address: { city: 'Oslo' }, items: [{ sku: 'a' }] });
  });

  it('ignores pointers that lead nowhere, and never deletes array elements', () => {
    const value = { list: [1, 2, 3] };
    assert.equal(stripFailures(value, toFailures([error('bulwarkUndeclared', '/list/1'), error('bulwarkUndeclared', '/missing/x')], 'body')), 0);
    assert.deepEqual(value, { list: [1, 2, 3] });
  });
});
