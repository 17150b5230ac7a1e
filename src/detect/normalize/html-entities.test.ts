import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHtmlEntities } from './html-entities.js';

test('named, decimal and hex references decode, with or without the semicolon', () => {
  assert.deepEqual(decodeHtmlEntities('&lt;script&gt;'), { value: '<script>', changed: true });
  assert.equal(decodeHtmlEntities('&#x6A;avascript&colon;alert(1)').value, 'javascript:alert(1)');
  assert.equal(decodeHtmlEntities('&#106&#97&#118&#97').value, 'java');
  assert.equal(decodeHtmlEntities('&LT;').value, '<');
});

test('unknown names and plain ampersands stay; out-of-range code points become U+FFFD', () => {
  assert.deepEqual(decodeHtmlEntities('fish & chips &copyright'), { value: 'fish & chips &copyright', changed: false });
  assert.equal(decodeHtmlEntities('&#0;&#x110000;&#xD800;').value, '\uFFFD\uFFFD\uFFFD');
});

test('no ampersand: the input is returned untouched', () => {
  assert.deepEqual(decodeHtmlEntities('plain'), { value: 'plain', changed: false });
});
