import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineCounter, parseDocument } from 'yaml';
import type { ErrorObject } from '../../core/config/schema-validator.js';
import { locateProblems, pathOf, schemaProblems } from './schema-problems.js';

const error = (overrides: Partial<ErrorObject>): ErrorObject => ({ keyword: 'type', instancePath: '', schemaPath: '#/type', params: {}, message: 'must be string', ...overrides });

test('instance paths become key paths, JSON pointer escapes undone', () => {
  assert.equal(pathOf(''), '');
  assert.equal(pathOf('/identities/1/login/token'), 'identities[1].login.token');
  assert.equal(pathOf('/identities/0/headers', 'x/y~z'), 'identities[0].headers.x/y~z');
  assert.equal(pathOf('/a~1b/c~0d'), 'a/b.c~d');
});

test('a pattern error is explained by the schema description, never by the value', () => {
  const schema = { properties: { as: { type: 'string', pattern: '^x$', description: 'bearer or header:<name>' } } };
  const problems = schemaProblems([error({ keyword: 'pattern', instancePath: '/as', schemaPath: '#/properties/as/pattern', params: { pattern: '^x$' }, message: 'must match pattern "^x$"' })], schema);
  assert.deepEqual(problems, [{ path: 'as', message: 'must be bearer or header:<name>' }]);
});

test('a bad key name is reported once, at the key', () => {
  const schema = { properties: { headers: { propertyNames: { pattern: '^a$', description: 'a header name' } } } };
  const problems = schemaProblems([
    error({ keyword: 'pattern', instancePath: '/headers', schemaPath: '#/properties/headers/propertyNames/pattern', propertyName: 'b c', params: { pattern: '^a$' } }),
    error({ keyword: 'propertyNames', instancePath: '/headers', schemaPath: '#/properties/headers/propertyNames', params: { propertyName: 'b c' } }),
  ], schema);
  assert.deepEqual(problems, [{ path: 'headers.b c', message: 'is not a header name' }]);
});

test('required, unknown keys, enums and empty strings read as sentences; duplicates are dropped', () => {
  const problems = schemaProblems([
    error({ keyword: 'required', instancePath: '/identities/0', params: { missingProperty: 'role' } }),
    error({ keyword: 'required', instancePath: '/identities/0', params: { missingProperty: 'role' } }),
    error({ keyword: 'additionalProperties', instancePath: '/identities/0', params: { additionalProperty: 'extra' } }),
    error({ keyword: 'enum', instancePath: '/identities/0/role', params: { allowedValues: ['user', 'admin'] } }),
    error({ keyword: 'minLength', instancePath: '/identities/0/bearer', params: { limit: 1 } }),
  ], {});
  assert.deepEqual(problems.map((problem) => `${problem.path} ${problem.message}`), [
    'identities[0].role is required',
    'identities[0].extra is not a known key',
    'identities[0].role must be one of ["user","admin"]',
    'identities[0].bearer must not be empty',
  ]);
});

test('problems get the line of the deepest key that exists', () => {
  const lineCounter = new LineCounter();
  const document = parseDocument('identities:\n  - name: a\n    login:\n      token: {}\n', { lineCounter });
  const [deep, missing] = locateProblems([{ path: 'identities[0].login.token.pointer', message: 'is required' }, { path: 'identities[3].name', message: 'x' }], document, lineCounter);
  assert.equal(deep?.line, 4);
  assert.equal(missing?.line, 2);
});
