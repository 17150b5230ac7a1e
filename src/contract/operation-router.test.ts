import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOperationRouter, toFindMyWayPattern } from './operation-router.js';

const router = createOperationRouter([
  { method: 'GET', path: '/books/{id}', value: 'get-book' },
  { method: 'GET', path: '/books/latest', value: 'latest' },
  { method: 'DELETE', path: '/books/{id}', value: 'delete-book' },
  { method: 'GET', path: '/files/{file-name}.{ext}', value: 'file' },
  { method: 'GET', path: '/v1/a:b/{x}', value: 'colon' },
  { method: 'POST', path: '/', value: 'root' },
  { method: 'GET', path: '/users/{id}/matrix', value: 'matrix' },
]);

describe('operation router', () => {
  it('prefers static segments over templates', () => {
    assert.deepEqual(router.match('GET', '/books/latest'), { kind: 'found', value: 'latest', params: {} });
    assert.deepEqual(router.match('GET', '/books/42'), { kind: 'found', value: 'get-book', params: { id: '42' } });
  });

  it('decodes path parameters exactly once', () => {
    const match = router.match('GET', '/books/a%2520b');
    assert.equal(match.kind, 'found');
    assert.deepEqual(match.kind === 'found' && match.params, { id: 'a%20b' });
    const unicode = router.match('GET', '/books/%C3%A9t%C3%A9');
    assert.deepEqual(unicode.kind === 'found' && unicode.params, { id: 'été' });
  });

  it('keeps parameter names with dashes and several parameters in one segment', () => {
    assert.deepEqual(router.match('GET', '/files/report-2024.pdf'), { kind: 'found', value: 'file', params: { 'file-name': 'report-2024', ext: 'pdf' } });
  });

  it('treats ":" in a template as a literal', () => {
    assert.deepEqual(router.match('GET', '/v1/a:b/1'), { kind: 'found', value: 'colon', params: { x: '1' } });
    assert.equal(router.match('GET', '/v1/zz/1').kind, 'not-found');
  });

  it('keeps ";" in a parameter (matrix style) instead of reading it as a delimiter', () => {
    assert.deepEqual(router.match('GET', '/users/;id=5/matrix'), { kind: 'found', value: 'matrix', params: { id: ';id=5' } });
  });

  it('answers method-not-allowed with the methods the path has', () => {
    assert.deepEqual(router.match('PUT', '/books/42'), { kind: 'method-not-allowed', allow: ['DELETE', 'GET', 'HEAD'] });
    assert.deepEqual(router.match('PATCH', '/nowhere'), { kind: 'not-found' });
  });

  it('matches HEAD to GET operations', () => {
    assert.deepEqual(router.match('HEAD', '/books/7'), { kind: 'found', value: 'get-book', params: { id: '7' } });
  });

  it('is strict about trailing slashes and case', () => {
    assert.equal(router.match('GET', '/books/7/').kind, 'not-found');
    assert.equal(router.match('GET', '/BOOKS/latest').kind, 'not-found');
  });

  it('matches long parameters', () => {
    const long = 'x'.repeat(1500);
    assert.deepEqual(router.match('GET', `/books/${long}`), { kind: 'found', value: 'get-book', params: { id: long } });
  });

  it('rejects colliding templates', () => {
    assert.throws(() => createOperationRouter([
      { method: 'GET', path: '/a/{x}', value: 1 },
      { method: 'GET', path: '/a/{y}', value: 2 },
    ]), /GET \/a\/\{y\}/);
  });

  it('renames parameters for find-my-way', () => {
    assert.deepEqual(toFindMyWayPattern('/a/{b.c}/d'), { pattern: '/a/:p0/d', names: new Map([['p0', 'b.c']]) });
    assert.equal(toFindMyWayPattern('').pattern, '/');
  });
});
