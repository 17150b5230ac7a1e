import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBasicAuthenticator, type BasicAuthenticatorOptions } from './basic-authenticator.js';
import { hashPassword, parsePasswordHash, passwordVerificationCount, type PasswordHash } from './password-hash.js';

const FAST = { logN: 14, r: 8, p: 1 };

async function hashOf(password: string): Promise<PasswordHash> {
  const parsed = parsePasswordHash(await hashPassword(password, FAST));
  assert.ok(parsed.ok);
  return parsed.value;
}

async function setup(overrides: Partial<BasicAuthenticatorOptions> = {}) {
  let now = 1_000;
  const users = [{ username: 'reports', hash: await hashOf('s3cret-pass'), value: 'reports-consumer' }];
  const authenticator = createBasicAuthenticator(users, { cacheTtlMs: 60_000, cacheEntries: 100, maxConcurrent: 2, maxQueued: 10, now: () => now, ...overrides });
  return { authenticator, advance: (ms: number) => { now += ms; } };
}

/** Runs `verify` and reports how many scrypt verifications it cost. */
async function counted<T>(run: () => T | Promise<T>): Promise<{ value: T; scrypts: number; wasSync: boolean }> {
  const before = passwordVerificationCount();
  const result = run();
  const wasSync = !(result instanceof Promise);
  const value = await result;
  return { value, scrypts: passwordVerificationCount() - before, wasSync };
}

test('the right password gives the user; a success is cached (no scrypt, synchronous) until the TTL', async () => {
  const { authenticator, advance } = await setup();
  const first = await counted(() => authenticator.verify('reports', 's3cret-pass'));
  assert.deepEqual(first, { value: 'reports-consumer', scrypts: 1, wasSync: false });
  const second = await counted(() => authenticator.verify('reports', 's3cret-pass'));
  assert.deepEqual(second, { value: 'reports-consumer', scrypts: 0, wasSync: true });
  advance(60_000);
  assert.equal((await counted(() => authenticator.verify('reports', 's3cret-pass'))).scrypts, 1, 'expired: verified again');
});

test('failures are never cached: each wrong password and each unknown user costs one scrypt', async () => {
  const { authenticator } = await setup();
  for (let i = 0; i < 2; i++) assert.deepEqual(await counted(() => authenticator.verify('reports', 'wrong')), { value: undefined, scrypts: 1, wasSync: false });
  assert.deepEqual(await counted(() => authenticator.verify('nobody', 's3cret-pass')), { value: undefined, scrypts: 1, wasSync: false }, 'unknown users are checked against a dummy hash');
  await authenticator.verify('reports', 's3cret-pass');
  assert.equal(await authenticator.verify('reports', 's3cret-pass '), undefined, 'a cached success does not admit a near-miss');
  assert.equal(await authenticator.verify('Reports', 's3cret-pass'), undefined, 'user names are exact');
});

test('cacheTtl 0 turns the cache off', async () => {
  const { authenticator } = await setup({ cacheTtlMs: 0 });
  await authenticator.verify('reports', 's3cret-pass');
  assert.equal((await counted(() => authenticator.verify('reports', 's3cret-pass'))).scrypts, 1);
});

test('verifications beyond the concurrency limit wait; beyond the queue they fail', async () => {
  const { authenticator } = await setup({ maxConcurrent: 1, maxQueued: 1 });
  const running = authenticator.verify('reports', 's3cret-pass');
  const queued = authenticator.verify('reports', 'wrong');
  const refused = authenticator.verify('reports', 'also-wrong');
  await assert.rejects(Promise.resolve(refused), /too many password verifications waiting/);
  assert.equal(await running, 'reports-consumer');
  assert.equal(await queued, undefined);
  assert.equal(await authenticator.verify('nobody', 'x'), undefined, 'slots are handed back');
});
