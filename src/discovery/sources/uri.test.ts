import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeComponent, encodePath, parseQuery, splitTarget, splitUrl } from './uri.js';

test('splitTarget keeps the path as sent and cuts the query and fragment', () => {
  assert.deepEqual(splitTarget('/a/b?x=1&y=2#frag'), { path: '/a/b', query: 'x=1&y=2' });
  assert.deepEqual(splitTarget('/a/../b/%2F/./c'), { path: '/a/../b/%2F/./c' });
  assert.deepEqual(splitTarget('/a?'), { path: '/a', query: '' });
  assert.deepEqual(splitTarget('/a?b?c'), { path: '/a', query: 'b?c' });
  assert.equal(splitTarget('*'), undefined);
  assert.equal(splitTarget('a/b'), undefined);
  assert.equal(splitTarget(''), undefined);
});

test('splitUrl takes the host from URL and the path from the raw text', () => {
  assert.deepEqual(splitUrl('HTTPS://user:pw@API.Example.com:443/v1/./x/../y?q=1#f'), {
    scheme: 'https', host: 'api.example.com', path: '/v1/./x/../y', query: 'q=1',
  });
  assert.deepEqual(splitUrl('http://example.com:8080'), { scheme: 'http', host: 'example.com:8080', path: '/' });
  assert.deepEqual(splitUrl('http://example.com?a=1'), { scheme: 'http', host: 'example.com', path: '/', query: 'a=1' });
  assert.deepEqual(splitUrl('http://bücher.example/'), { scheme: 'http', host: 'xn--bcher-kva.example', path: '/' });
  assert.equal(splitUrl('http://exa mple.com/'), undefined);
  assert.equal(splitUrl('http://[::1/'), undefined);
  assert.equal(splitUrl('/relative'), undefined);
  assert.equal(splitUrl('not a url'), undefined);
});

test('encodePath leaves a valid path alone and encodes what cannot stand raw', () => {
  assert.equal(encodePath('/users/42/a%20b;v=1/@me:x'), '/users/42/a%20b;v=1/@me:x');
  assert.equal(encodePath('/café'), '/caf%C3%A9');
  assert.equal(encodePath('/a b"<>\\^`{|}'), '/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D');
  assert.equal(encodePath('/100%/%zz/%4'), '/100%25/%25zz/%254');
  assert.equal(encodePath('/\u0000\u007f'), '/%00%7F');
  assert.equal(encodePath('/😀'), '/%F0%9F%98%80');
  // A lone surrogate (JSON \ud800 in a log) and U+FFFD (what invalid UTF-8 becomes) both encode as EF BF BD.
  assert.equal(encodePath('/\ud800x'), '/%EF%BF%BDx');
  assert.equal(encodePath('/\ufffd'), '/%EF%BF%BD');
});

test('decodeComponent decodes + and escapes, and never throws', () => {
  assert.equal(decodeComponent('a+b%20c'), 'a b c');
  assert.equal(decodeComponent('caf%C3%A9'), 'café');
  assert.equal(decodeComponent('caf%c3%a9'), 'café');
  assert.equal(decodeComponent('plain'), 'plain');
  assert.equal(decodeComponent('%2B'), '+');
  // Invalid escapes: a stray % stays; bytes that are not UTF-8 become U+FFFD; the rest still decodes.
  assert.equal(decodeComponent('100%'), '100%');
  assert.equal(decodeComponent('%zz%41'), '%zzA');
  assert.equal(decodeComponent('%FF%41'), '\ufffdA');
  assert.equal(decodeComponent('%E0%A4%A'), '\ufffd%A');
  assert.equal(decodeComponent('%C3'), '\ufffd');
  assert.equal(decodeComponent('é%'), 'é%');
  assert.equal(decodeComponent('😀%'), '😀%');
  assert.equal(decodeComponent('\ud800%'), '\ufffd%');
});

test('parseQuery keeps order, repeats and empty values', () => {
  assert.deepEqual(parseQuery('b=2&a=1&b=3&flag&empty=&=v&&x=a=b'), [
    ['b', '2'], ['a', '1'], ['b', '3'], ['flag', ''], ['empty', ''], ['', 'v'], ['x', 'a=b'],
  ]);
  assert.deepEqual(parseQuery(''), []);
  assert.deepEqual(parseQuery('q=a+b&tag=caf%C3%A9&bad=%'), [['q', 'a b'], ['tag', 'café'], ['bad', '%']]);
  assert.deepEqual(parseQuery('__proto__=x'), [['__proto__', 'x']]);
});
