import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoginConfig } from './auth-profile-schema.js';
import { login, loginUrl, pointerSegments } from './login.js';
import type { FetchLike } from './send-request.js';

interface Sent { url: string; method: string; headers: Record<string, string>; body?: string }

function server(answer: () => Response): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  return { sent, fetch: (url, init) => {
    sent.push({ url, method: init.method, headers: init.headers, ...(init.body === undefined ? {} : { body: init.body }) });
    return Promise.resolve(answer());
  } };
}

const target = new URL('https://staging.example/api/');
const json = (value: unknown, status = 200) => () => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const config = (overrides: Partial<LoginConfig>): LoginConfig => ({ method: 'POST', path: '/login', as: 'bearer', token: { from: 'body', pointer: '/token' }, ...overrides });

test('posts the body as JSON below the target path and takes the token at the pointer', async () => {
  const { fetch, sent } = server(json({ data: { 'access/token': 'tok-1' } }));
  const credentials = await login(config({ body: { username: 'alice', password: 'pw' }, token: { from: 'body', pointer: '/data/access~1token' } }), { target, fetch, timeoutMs: 1000 });
  assert.deepEqual(credentials, { headers: { authorization: 'Bearer tok-1' }, query: {}, bearerToken: 'tok-1' });
  assert.deepEqual(sent, [{ url: 'https://staging.example/api/login', method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{"username":"alice","password":"pw"}' }]);
});

test('a form is sent urlencoded; a token in a header loses its Bearer scheme', async () => {
  const { fetch, sent } = server(() => new Response(null, { status: 204, headers: { authorization: 'Bearer tok-2' } }));
  const credentials = await login(config({ form: { user: 'a b', pin: 1234 }, token: { from: 'header', name: 'Authorization' }, as: 'header:X-Auth' }), { target, fetch, timeoutMs: 1000 });
  assert.deepEqual(credentials, { headers: { 'x-auth': 'tok-2' }, query: {} });
  assert.equal(sent[0]?.body, 'user=a+b&pin=1234');
  assert.equal(sent[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
});

test('a session cookie from a 303 answer is taken (the redirect is not followed)', async () => {
  const { fetch, sent } = server(() => new Response(null, { status: 303, headers: [['location', '/home'], ['set-cookie', 'other=1; Path=/'], ['set-cookie', 'SID=s-3; HttpOnly; Secure']] }));
  const credentials = await login(config({ token: { from: 'cookie', name: 'SID' }, as: 'cookie:SID' }), { target, fetch, timeoutMs: 1000 });
  assert.deepEqual(credentials, { headers: { cookie: 'SID=s-3' }, query: {} });
  assert.equal(sent.length, 1);
});

test('failures name the request, the status and the pointer, never what was sent', async () => {
  const secretBody = { username: 'alice', password: 'hunter2-secret' };
  const cases: [() => Response, Partial<LoginConfig>, RegExp][] = [
    [json({ error: 'bad credentials hunter2-secret' }, 401), {}, /^login POST https:\/\/staging\.example\/api\/login answered 401$/],
    [json({ token: 'x' }, 302), {}, /answered 302 \(redirects are not followed\)/],
    [json({ tok: 'x' }), {}, /answered 200 without a token at \/token in the body/],
    [() => new Response('not json'), {}, /without a token at \/token/],
    [json({ token: 42 }), {}, /without a token at \/token/],
    [json({ token: 'a\r\nSet-Cookie: x' }), {}, /has characters a header cannot carry/],
    [json({}), { token: { from: 'header', name: 'x-token' } }, /without a token in the x-token header/],
  ];
  for (const [answer, overrides, expected] of cases) {
    const { fetch } = server(answer);
    await assert.rejects(login(config({ body: secretBody, ...overrides }), { target, fetch, timeoutMs: 1000 }), (error: Error) => {
      assert.match(error.message, expected);
      assert.ok(!error.message.includes('hunter2'));
      return true;
    });
  }
});

test('the login URL stays on the target origin', () => {
  assert.equal(loginUrl(new URL('https://t.example/api'), '//evil.example/x').href, 'https://t.example/api//evil.example/x');
  assert.equal(loginUrl(new URL('https://t.example'), '/@evil.example').origin, 'https://t.example');
  assert.equal(loginUrl(new URL('https://t.example/'), '/login?next=/').href, 'https://t.example/login?next=/');
});

test('JSON pointers follow RFC 6901', () => {
  assert.deepEqual(pointerSegments(''), []);
  assert.deepEqual(pointerSegments('/a~1b/m~0n/0'), ['a/b', 'm~n', '0']);
  assert.deepEqual(pointerSegments('/~01'), ['~1']);
});
