import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAuthProfile } from './load-auth-profile.js';
import { resolveIdentities } from './resolve-identities.js';
import type { FetchLike } from './send-request.js';

const PROFILE = `
identities:
  - { name: root, role: admin, bearer: t-root }
  - name: alice
    role: user
    login: { path: /login, body: { username: alice, password: '\${ALICE_PW}' }, token: { from: body, pointer: /token } }
  - { name: bob, role: user, apiKey: { in: query, name: key, value: k-bob } }
  - name: mallory
    role: user
    login: { path: /login, body: { username: mallory, password: '\${MALLORY_PW}' }, token: { from: body, pointer: /token } }
`;
const { profile } = parseAuthProfile(PROFILE, 'auth.yaml', { ALICE_PW: 'alice-pw-secret', MALLORY_PW: 'mallory-pw-secret' });

/** Accepts alice's password only, one request at a time (the logins are sent one after the other). */
function loginServer() {
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: FetchLike = async (_url, init) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    const { password } = JSON.parse(init.body ?? '{}') as { password?: string };
    return password === 'alice-pw-secret' ? new Response('{"token":"t-alice"}') : new Response(`{"error":"wrong password ${password}"}`, { status: 401 });
  };
  return { fetch, maxInFlight: () => maxInFlight };
}

test('resolves users first, then admins, each in profile order; failures become problems', async () => {
  const server = loginServer();
  const { identities, problems } = await resolveIdentities(profile, { target: new URL('https://t.example'), fetch: server.fetch });
  assert.deepEqual(identities.map((identity) => identity.name), ['alice', 'bob', 'root']);
  assert.equal(identities[0]?.bearerToken, 't-alice');
  assert.deepEqual(identities[1]?.query, { key: 'k-bob' });
  assert.deepEqual(problems, ['auth.yaml: identity "mallory" (identities[3]): login POST https://t.example/login answered 401']);
  assert.equal(server.maxInFlight(), 1);
});

test('no secret of the profile appears in a problem', async () => {
  const failing: FetchLike = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED alice-pw-secret'), { code: 'ECONNREFUSED' }));
  const { identities, problems } = await resolveIdentities(profile, { target: new URL('https://t.example'), fetch: failing, timeoutMs: 100 });
  assert.deepEqual(identities.map((identity) => identity.name), ['bob', 'root']);
  assert.equal(problems.length, 2);
  for (const problem of problems) {
    assert.match(problem, /the request failed \(ECONNREFUSED\)$/);
    assert.ok(!/pw-secret|t-root|k-bob/.test(problem));
  }
});
