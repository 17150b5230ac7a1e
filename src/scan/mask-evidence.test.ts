import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEvidenceMasker } from './mask-evidence.js';
import type { Identity } from './identity.js';

const identities: Identity[] = [
  { name: 'alice', role: 'user', headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.alice.sig' }, query: {}, bearerToken: 'eyJhbGciOiJIUzI1NiJ9.alice.sig' },
  { name: 'ops-bot', role: 'admin', headers: { 'x-api-key': 'key/with+chars==' }, query: { token: 'query-secret-1' } },
];

test('credentials become placeholders everywhere in the evidence, the scheme stays readable', () => {
  const mask = createEvidenceMasker(identities);
  const masked = mask({
    request: {
      method: 'POST', url: 'https://api.example/x?token=query-secret-1&key=key%2Fwith%2Bchars%3D%3D',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.alice.sig', 'x-api-key': 'key/with+chars==' },
      body: '{"note":"query-secret-1"}',
    },
    response: { status: 200, headers: { 'set-cookie': 'sid=eyJhbGciOiJIUzI1NiJ9.alice.sig' }, body: '{"token":"eyJhbGciOiJIUzI1NiJ9.alice.sig"}', isTruncated: false, durationMs: 1 },
  });
  assert.equal(masked.request.headers.authorization, 'Bearer $BULWARK_ALICE_TOKEN');
  assert.equal(masked.request.headers['x-api-key'], '$BULWARK_OPS_BOT_X_API_KEY');
  assert.equal(masked.request.url, 'https://api.example/x?token=$BULWARK_OPS_BOT_TOKEN&key=$BULWARK_OPS_BOT_X_API_KEY');
  assert.equal(masked.request.body, '{"note":"$BULWARK_OPS_BOT_TOKEN"}');
  assert.equal(masked.response?.headers['set-cookie'], 'sid=$BULWARK_ALICE_TOKEN');
  assert.equal(masked.response?.body, '{"token":"$BULWARK_ALICE_TOKEN"}');
  assert.ok(!JSON.stringify(masked).includes('alice.sig'));
});

test('short values are not treated as secrets', () => {
  const mask = createEvidenceMasker([{ name: 'x', role: 'user', headers: { 'x-flag': '1' }, query: {} }]);
  assert.equal(mask({ request: { method: 'GET', url: 'https://a/1', headers: { 'x-flag': '1' } } }).request.url, 'https://a/1');
});
