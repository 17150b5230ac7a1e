import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNotable, nextNotableSeparator } from './token-triage.js';

const at = (text: string): number => Math.max(text.indexOf('/'), text.indexOf('\\'));

test('rooted paths are notable, also without any name character', () => {
  for (const text of ['/etc/passwd', 'x=/etc/passwd', '"/etc/passwd"', '~/x', 'c:\\windows', 'C:/x', 'file:/etc/passwd', 'file:///etc/passwd']) {
    assert.equal(isNotable(text, at(text), false), true, text);
  }
});

test('sensitive names after or opening a separator are notable', () => {
  for (const text of ['app/.env', '.git/config', 'WEB-INF/web.xml', 'META-INF/MANIFEST.MF', 'keys/id_rsa', 'site\\web.config', 'x/.htaccess']) {
    assert.equal(isNotable(text, at(text), true), true, text);
  }
});

test('media types, products and versions are not', () => {
  for (const text of ['application/json', 'text/plain', 'Mozilla/5.0', 'Chrome/125.0.0.0', '*/*', 'image/png', 'and/or', '50/50', 'x-www/form', 'https:/x']) {
    assert.equal(isNotable(text, at(text), true), false, text);
  }
});

test('a URL other than file: is passed over whole', () => {
  const url = 'https://www.example.com/.well-known/web.config';
  assert.equal(nextNotableSeparator(url, 0, url.length, false, 'names'), -1);
  assert.equal(nextNotableSeparator(`${url} /etc/passwd`, 0, url.length + 12, false, 'names'), url.length + 1);
  assert.equal(nextNotableSeparator('a/b c/.env', 0, 10, false, 'all'), 1, '`all` keeps every separator');
});
