import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SCRYPT_PARAMS, dummyPasswordHash, hashPassword, parsePasswordHash, passwordVerificationCount, verifyPassword, type PasswordHash,
} from './password-hash.js';

/** The cheapest parameters the gateway accepts: keeps the tests quick. */
const FAST = { logN: 14, r: 8, p: 1 };
const phc = (params: string, salt: Buffer, hash: Buffer) => `$scrypt$${params}$${salt.toString('base64').replace(/=+$/, '')}$${hash.toString('base64').replace(/=+$/, '')}`;

function parsed(text: string): PasswordHash {
  const result = parsePasswordHash(text);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return result.value;
}

test('RFC 7914 §12 test vectors: the derivation is standard scrypt', async () => {
  const vector1: PasswordHash = {
    logN: 10, r: 8, p: 16, salt: Buffer.from('NaCl'),
    hash: Buffer.from('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640', 'hex'),
  };
  assert.equal(await verifyPassword(vector1, 'password'), true);
  const vector3 = phc('ln=14,r=8,p=1', Buffer.from('SodiumChloride'),
    Buffer.from('7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887', 'hex'));
  assert.equal(await verifyPassword(parsed(vector3), 'pleaseletmein'), true);
  assert.equal(await verifyPassword(parsed(vector3), 'pleaseletmeiN'), false);
});

test('a hash made here verifies its password and no other, and is self-describing', async () => {
  const text = await hashPassword('correct horse battery staple', FAST);
  assert.match(text, /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  const hash = parsed(text);
  assert.equal(await verifyPassword(hash, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(hash, 'correct horse battery stapl'), false);
  assert.equal(await verifyPassword(hash, ''), false);
  assert.notEqual(await hashPassword('same', FAST), await hashPassword('same', FAST), 'a fresh salt each time');
});

test('the default cost is an OWASP-recommended setting', () => {
  assert.deepEqual(DEFAULT_SCRYPT_PARAMS, { logN: 15, r: 8, p: 3 });
});

test('passwords are compared after Unicode NFC (RFC 7617 §2.1, RFC 8265 OpaqueString)', async () => {
  const hash = parsed(await hashPassword('caf\u00e9', FAST));
  assert.equal(await verifyPassword(hash, 'cafe\u0301'), true);
});

test('plaintext, foreign formats and out-of-range costs are refused, without echoing the input', () => {
  const salt = Buffer.alloc(16, 1);
  const hash = Buffer.alloc(32, 2);
  for (const text of ['hunter2', '$2b$12$abcdefghijklmnopqrstuuA7x8y9z0AbCdEfGhIjKlMnOpQrStUv', `scrypt$15$8$1$${salt.toString('base64')}$${hash.toString('base64')}`, '']) {
    const result = parsePasswordHash(text);
    assert.equal(result.ok, false, text);
    if (!result.ok && text !== '') assert.ok(!result.problem.includes(text), 'the problem never contains the value');
  }
  const weak = parsePasswordHash(phc('ln=10,r=8,p=1', salt, hash));
  assert.ok(!weak.ok && /weaker than the minimum/.test(weak.problem));
  assert.equal(parsePasswordHash(phc('ln=14,r=4,p=1', salt, hash)).ok, false, 'r below 8');
  assert.equal(parsePasswordHash(phc('ln=19,r=8,p=1', salt, hash)).ok, false, 'too costly per request');
  assert.equal(parsePasswordHash(phc('ln=17,r=32,p=1', salt, hash)).ok, false, '128·N·r over 256 MiB');
  assert.equal(parsePasswordHash(phc('ln=14,r=8,p=17', salt, hash)).ok, false, 'p over 16');
  assert.equal(parsePasswordHash(phc('ln=18,r=8,p=1', salt, hash)).ok, true, 'the costliest accepted');
  assert.equal(parsePasswordHash(phc('ln=14,r=8,p=0', salt, hash)).ok, false);
  assert.equal(parsePasswordHash(phc('ln=14,r=8,p=1', Buffer.alloc(4), hash)).ok, false, 'salt too short');
  assert.equal(parsePasswordHash(phc('ln=14,r=8,p=1', salt, hash)).ok, true);
});

test('a dummy hash matches nothing and costs a real verification (counted)', async () => {
  const before = passwordVerificationCount();
  const dummy = dummyPasswordHash(FAST);
  assert.equal(await verifyPassword(dummy, ''), false);
  assert.equal(await verifyPassword(dummy, 'anything'), false);
  assert.equal(passwordVerificationCount() - before, 2);
});

test('hashPassword refuses parameters the gateway would refuse to load', async () => {
  await assert.rejects(hashPassword('x', { logN: 12, r: 8, p: 1 }), RangeError);
});
