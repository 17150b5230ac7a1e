import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_ANSWER_BYTES, sendRequest, type FetchLike } from './send-request.js';

const url = new URL('http://127.0.0.1:9/token');
const post = { method: 'POST', headers: {}, body: 'x' };

test('redirects are never followed and the answer is read whole', async () => {
  let redirect: string | undefined;
  const fetch: FetchLike = (_url, init) => {
    redirect = init.redirect;
    return Promise.resolve(new Response('{"ok":1}', { status: 302, headers: [['location', 'https://elsewhere.example/'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']] }));
  };
  const answer = await sendRequest(url, post, { fetch, timeoutMs: 1000 });
  assert.equal(redirect, 'manual');
  assert.equal(answer.status, 302);
  assert.equal(answer.body, '{"ok":1}');
  assert.deepEqual(answer.setCookies, ['a=1', 'b=2']);
  assert.equal(answer.header('Location'), 'https://elsewhere.example/');
  assert.equal(answer.header('x-absent'), undefined);
});

test('an answer over 1 MB is refused', async () => {
  const fetch: FetchLike = () => Promise.resolve(new Response(new Uint8Array(MAX_ANSWER_BYTES + 1)));
  await assert.rejects(sendRequest(url, post, { fetch, timeoutMs: 1000 }), /larger than 1 MB/);
  const exact: FetchLike = () => Promise.resolve(new Response(new Uint8Array(MAX_ANSWER_BYTES)));
  assert.equal((await sendRequest(url, post, { fetch: exact, timeoutMs: 1000 })).body.length, MAX_ANSWER_BYTES);
});

test('the timeout bounds the whole exchange', async () => {
  const fetch: FetchLike = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason as Error)));
  await assert.rejects(sendRequest(url, post, { fetch, timeoutMs: 50 }), /no answer within 50 ms/);
});

test('a network failure is named by its code, with nothing from the request', async () => {
  const fetch: FetchLike = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
  await assert.rejects(sendRequest(url, post, { fetch, timeoutMs: 1000 }), { message: 'the request failed (ECONNREFUSED)' });
});

test('the default is undici: a refused connection is reported as such', async () => {
  await assert.rejects(sendRequest(url, post, { timeoutMs: 2000 }), /the request failed \(ECONNREFUSED\)/);
});
