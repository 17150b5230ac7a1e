// Origin matching and CORS config checks, as vectors: what each allowOrigins entry grants and refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBulwarkError } from '../../../core/errors.js';
import { appendVary, createOriginMatcher } from './cors.js';

interface Vector { entries: string[]; credentials?: boolean; origin: string; allow: string | undefined; why: string }

const vectors: Vector[] = [
  { entries: ['https://app.example.com'], origin: 'https://app.example.com', allow: 'https://app.example.com', why: 'exact' },
  { entries: ['https://app.example.com'], origin: 'HTTPS://APP.Example.COM', allow: 'https://app.example.com', why: 'scheme and host are case-insensitive' },
  { entries: ['HTTPS://App.Example.com'], origin: 'https://app.example.com', allow: 'https://app.example.com', why: 'entry case-insensitive' },
  { entries: ['https://app.example.com:443'], origin: 'https://app.example.com', allow: 'https://app.example.com', why: 'default port dropped as browsers do' },
  { entries: ['http://localhost:3000'], origin: 'http://localhost:3000', allow: 'http://localhost:3000', why: 'explicit port' },
  { entries: ['http://localhost:3000'], origin: 'http://localhost:3001', allow: undefined, why: 'other port' },
  { entries: ['https://app.example.com'], origin: 'http://app.example.com', allow: undefined, why: 'other scheme' },
  { entries: ['https://app.example.com'], origin: 'https://app.example.com.evil.net', allow: undefined, why: 'suffix trick' },
  { entries: ['https://app.example.com'], origin: 'https://evilapp.example.com', allow: undefined, why: 'prefix trick' },
  { entries: ['https://app.example.com'], origin: 'https://app.example.com/', allow: undefined, why: 'trailing slash is not an origin' },
  { entries: ['https://app.example.com'], origin: 'null', allow: undefined, why: 'opaque origin' },
  { entries: ['https://kiosk.example.com'], origin: 'https://\u212aiosk.example.com', allow: undefined, why: 'Kelvin sign does not fold to k' },
  { entries: ['https://*.example.com'], origin: 'https://\u212a.example.com', allow: undefined, why: 'Kelvin sign in a pattern subdomain' },
  { entries: ['https://app.example.com'], origin: 'https://app.example.com, https://evil.net', allow: undefined, why: 'two Origin headers joined' },
  { entries: ['http://[::1]:8080'], origin: 'http://[::1]:8080', allow: 'http://[::1]:8080', why: 'IPv6 literal' },
  { entries: ['https://*.example.com'], origin: 'https://a.example.com', allow: 'https://a.example.com', why: 'subdomain' },
  { entries: ['https://*.example.com'], origin: 'https://a.b.example.com', allow: 'https://a.b.example.com', why: 'deeper subdomain' },
  { entries: ['https://*.example.com'], origin: 'https://A.Example.com', allow: 'https://a.example.com', why: 'pattern is case-insensitive' },
  { entries: ['https://*.example.com'], origin: 'https://example.com', allow: undefined, why: 'the apex is not a subdomain' },
  { entries: ['https://*.example.com'], origin: 'https://evil-example.com', allow: undefined, why: 'lookalike without dot' },
  { entries: ['https://*.example.com'], origin: 'https://example.com.evil.net', allow: undefined, why: 'example.com as a subdomain of evil.net' },
  { entries: ['https://*.example.com'], origin: 'https://.example.com', allow: undefined, why: 'empty label' },
  { entries: ['https://*.example.com'], origin: 'https://a..example.com', allow: undefined, why: 'empty inner label' },
  { entries: ['https://*.example.com'], origin: 'http://a.example.com', allow: undefined, why: 'other scheme' },
  { entries: ['https://*.example.com'], origin: 'https://a.example.com:8443', allow: undefined, why: 'other port' },
  { entries: ['https://*.example.com'], origin: 'https://evil.net/.example.com', allow: undefined, why: 'path smuggled before the suffix' },
  { entries: ['https://*.example.com'], origin: 'https://evil.net?.example.com', allow: undefined, why: 'query smuggled before the suffix' },
  { entries: ['https://*.example.com'], origin: 'https://evil.net@a.example.com', allow: undefined, why: 'user info' },
  { entries: ['https://*.example.com'], origin: 'https://evil.net:1.example.com', allow: undefined, why: 'colon in the middle' },
  { entries: ['https://*.example.com:8443'], origin: 'https://a.example.com:8443', allow: 'https://a.example.com:8443', why: 'pattern with port' },
  { entries: ['https://*.example.com:8443'], origin: 'https://a.example.com', allow: undefined, why: 'pattern with port, default port' },
  { entries: ['*'], origin: 'https://anything.test', allow: '*', why: 'wildcard without credentials' },
  { entries: ['*'], origin: 'null', allow: '*', why: 'wildcard covers everyone, by definition' },
  { entries: [], origin: 'https://app.example.com', allow: undefined, why: 'empty list allows nobody' },
];

for (const vector of vectors) {
  test(`origin ${JSON.stringify(vector.origin)} vs ${JSON.stringify(vector.entries)}: ${vector.why}`, () => {
    const matcher = createOriginMatcher(vector.entries, vector.credentials ?? false, 'cors.allowOrigins');
    assert.equal(matcher.allowOrigin(vector.origin), vector.allow);
  });
}

test('a long subdomain pattern check stays linear (no regex backtracking)', () => {
  const matcher = createOriginMatcher(['https://*.example.com'], true, 'cors.allowOrigins');
  const origin = `https://${'a.'.repeat(50_000)}a!.example.com`;
  const start = performance.now();
  for (let i = 0; i < 100; i++) assert.equal(matcher.allowOrigin(origin), undefined);
  assert.ok(performance.now() - start < 1000);
});

const invalid: { entries: string[]; credentials: boolean; key: string; why: string }[] = [
  { entries: ['https://a.example.com', '*'], credentials: true, key: 'cors.allowOrigins[1]', why: 'wildcard with credentials' },
  { entries: ['null'], credentials: false, key: 'cors.allowOrigins[0]', why: 'the null origin' },
  { entries: ['https://app.example.com/'], credentials: false, key: 'cors.allowOrigins[0]', why: 'path' },
  { entries: ['https://app.example.com/api'], credentials: false, key: 'cors.allowOrigins[0]', why: 'path' },
  { entries: ['app.example.com'], credentials: false, key: 'cors.allowOrigins[0]', why: 'no scheme' },
  { entries: ['https://user@app.example.com'], credentials: false, key: 'cors.allowOrigins[0]', why: 'user info' },
  { entries: ['https://app.example.com:0'], credentials: false, key: 'cors.allowOrigins[0]', why: 'port 0' },
  { entries: ['https://app.example.com:70000'], credentials: false, key: 'cors.allowOrigins[0]', why: 'port out of range' },
  { entries: ['https://*.com'], credentials: false, key: 'cors.allowOrigins[0]', why: 'pattern over a top-level domain' },
  { entries: ['https://*example.com'], credentials: false, key: 'cors.allowOrigins[0]', why: 'star inside a label' },
  { entries: ['https://a.*.example.com'], credentials: false, key: 'cors.allowOrigins[0]', why: 'star not first' },
  { entries: ['https://*'], credentials: false, key: 'cors.allowOrigins[0]', why: 'star as the whole host' },
  { entries: ['https://ex\u00e4mple.com'], credentials: false, key: 'cors.allowOrigins[0]', why: 'non-ASCII host' },
  { entries: ['https://'], credentials: false, key: 'cors.allowOrigins[0]', why: 'empty host' },
];

for (const vector of invalid) {
  test(`allowOrigins ${JSON.stringify(vector.entries)} is refused: ${vector.why}`, () => {
    assert.throws(() => createOriginMatcher(vector.entries, vector.credentials, 'cors.allowOrigins'), (error: unknown) => {
      assert.ok(isBulwarkError(error));
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.ok(error.message.startsWith(`${vector.key}: `), error.message);
      return true;
    });
  });
}

test('appendVary adds once, keeps existing values, respects "*"', () => {
  const cases: [string | string[] | undefined, string][] = [
    [undefined, 'Origin'],
    ['', 'Origin'],
    ['Accept-Encoding', 'Accept-Encoding, Origin'],
    [['Accept-Encoding', 'Accept'], 'Accept-Encoding, Accept, Origin'],
    ['accept-encoding, origin', 'accept-encoding, origin'],
    ['*', '*'],
  ];
  for (const [vary, expected] of cases) {
    const headers: Record<string, string | string[] | undefined> = { vary };
    appendVary(headers, 'Origin');
    assert.equal(headers.vary, expected, JSON.stringify(vary));
  }
});
