import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_URLS, findUrls, readUrl, urlEnd } from './url-scan.js';

test('splits scheme, wrapper, userinfo and host the way WHATWG parsers do', () => {
  const [url] = findUrls('go to JAR:Http://user@a@[::1]:80/x!/y now');
  assert.ok(url);
  assert.deepEqual([url.scheme, url.wrapper, url.userinfo, url.host, url.hasParserConfusion, url.isStandalone], ['http', 'jar', 'user@a', '[::1]', true, false]);
  assert.equal('go to JAR:Http://user@a@[::1]:80/x!/y now'.slice(url.start, urlEnd('go to JAR:Http://user@a@[::1]:80/x!/y now', url)), 'JAR:Http://user@a@[::1]:80/x!/y');
});

test('the port as written, and readUrl for one `://`', () => {
  assert.deepEqual(findUrls('http://a:6379/ https://[::1]:8443/x http://u:p@b/ http://c:/').map((url) => url.port), ['6379', '8443', '', '']);
  const text = 'see HTTPS://example.com/';
  assert.equal(readUrl(text, text.indexOf('://'))?.scheme, 'https');
  assert.equal(readUrl('://a', 0), undefined);
});

test('standalone: the value itself, after a quote or `=`, or inside `${…}`', () => {
  const standalone = (text: string): boolean[] => findUrls(text).map((url) => url.isStandalone);
  assert.deepEqual(standalone('  http://a/'), [true]);
  assert.deepEqual(standalone('x="http://a/" y=http://b/ (http://c/) see http://d/'), [true, true, false, false]);
  assert.deepEqual(standalone('${jndi:ldap://a/}'), [true]);
});

test('parser confusion: an @ right after #, ? or \\', () => {
  assert.equal(findUrls('http://a#@b/')[0]?.hasParserConfusion, true);
  assert.equal(findUrls('http://a\\@b/')[0]?.hasParserConfusion, true);
  assert.equal(findUrls('http://a/?e=x@b.c')[0]?.hasParserConfusion, false);
});

test('reads at most MAX_URLS URLs and skips `://` without a scheme', () => {
  assert.equal(findUrls('x://a '.repeat(MAX_URLS + 5)).length, MAX_URLS);
  assert.deepEqual(findUrls('://a 1://b'), []);
});
