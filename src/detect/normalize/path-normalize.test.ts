import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPathEscapes, normalizePath, resolvePath } from './path-normalize.js';

test('backslashes, repeated slashes and dot segments resolve', () => {
  assert.deepEqual(normalizePath('a/./b\\..//c'), { value: 'a/c', changed: true });
  assert.equal(normalizePath('/static//css/../img/./x.png').value, '/static/img/x.png');
  assert.equal(normalizePath('..\\..\\windows\\win.ini').value, '../../windows/win.ini');
  assert.equal(normalizePath('dir/sub/').value, 'dir/sub/');
  assert.equal(normalizePath('dir/sub/./').value, 'dir/sub/');
});

test('climbs above the start are kept and counted: they are the evidence', () => {
  assert.deepEqual(resolvePath('/static/../../etc/passwd'), { value: '/../etc/passwd', changed: true, escapes: 1 });
  assert.deepEqual(resolvePath('a/b/../../../../etc/passwd'), { value: '../../etc/passwd', changed: true, escapes: 2 });
  assert.equal(countPathEscapes('../../../etc/shadow'), 3);
  assert.equal(normalizePath('../../../etc/shadow').changed, false, 'already canonical');
  assert.equal(countPathEscapes('images/../css/site.css'), 0);
  assert.equal(countPathEscapes('/var/www/html/index.php'), 0);
});

test('Tomcat path parameters: `..;` is `..`', () => {
  assert.deepEqual(resolvePath('/public/..;/admin/..;jsessionid=1/x'), { value: '/x', changed: true, escapes: 0 });
  assert.equal(countPathEscapes('/..;/..;/etc/passwd'), 2);
  assert.equal(normalizePath('/a/b;v=1/c').value, '/a/b;v=1/c', 'an ordinary path parameter stays');
});

test('a drive letter is a root; names that merely start with dots are names', () => {
  assert.deepEqual(resolvePath('C:\\inetpub\\..\\..\\windows'), { value: 'C:/../windows', changed: true, escapes: 1 });
  assert.equal(normalizePath('./.env').value, '.env');
  assert.equal(normalizePath('/.well-known/../.git/config').value, '/.git/config');
  assert.equal(normalizePath('....//....//etc').value, '..../..../etc', 'four dots are a name (filters that strip ../ once leave ../)');
});

test('empty results and plain paths', () => {
  assert.equal(normalizePath('/a/..').value, '/');
  assert.equal(normalizePath('a/..').value, '.');
  assert.deepEqual(normalizePath('/api/v1/users/42'), { value: '/api/v1/users/42', changed: false });
  assert.deepEqual(normalizePath('report.pdf'), { value: 'report.pdf', changed: false });
});

test('adversarial input simply completes', () => {
  assert.equal(countPathEscapes('../'.repeat(50_000)), 50_000);
  assert.equal(normalizePath('a/'.repeat(50_000) + '../'.repeat(50_000)).value, '.');
  assert.equal(normalizePath('\\'.repeat(50_000)).value, '/');
});
