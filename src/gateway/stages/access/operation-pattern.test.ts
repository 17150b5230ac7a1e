import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileOperationPattern, isOperationPattern } from './operation-pattern.js';

const op = (method: string, path: string, operationId?: string) => ({ method, path, ...(operationId ? { operationId } : {}) });

test('method and path template, with * for one segment and a final ** for the rest', () => {
  const exact = compileOperationPattern('DELETE /books/{id}');
  assert.equal(exact(op('DELETE', '/books/{id}')), true);
  assert.equal(exact(op('GET', '/books/{id}')), false);
  assert.equal(exact(op('DELETE', '/books/{id}/x')), false);
  const anyMethod = compileOperationPattern('* /books/*');
  assert.equal(anyMethod(op('PUT', '/books/{id}')), true);
  assert.equal(anyMethod(op('PUT', '/books')), false);
  const prefix = compileOperationPattern('get /admin/**');
  assert.equal(prefix(op('GET', '/admin')), true);
  assert.equal(prefix(op('GET', '/admin/users/{id}')), true);
  assert.equal(prefix(op('GET', '/administrator')), false);
});

test('an operationId matches that operation only', () => {
  const byId = compileOperationPattern('deleteBook');
  assert.equal(byId(op('DELETE', '/books/{id}', 'deleteBook')), true);
  assert.equal(byId(op('DELETE', '/books/{id}')), false);
});

test('well-formed patterns', () => {
  for (const good of ['GET /a', '* /a/**', 'deleteBook', 'users.delete']) assert.equal(isOperationPattern(good), true, good);
  for (const bad of ['GET a', 'GET /a extra', 'has space/but no slash x', '', 'x'.repeat(200)]) assert.equal(isOperationPattern(bad), false, bad);
});
