import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeerCertificate } from 'node:tls';
import { normalizeFingerprint, parseSubjectAltNames, readClientCertificate, type TlsPeer } from './client-certificate.js';

const FINGERPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

function peer(certificate: Partial<PeerCertificate>, authorized = true, authorizationError?: string): TlsPeer & { reads: number } {
  const stub = {
    reads: 0,
    authorized,
    authorizationError: authorizationError as unknown as Error,
    getPeerCertificate() {
      stub.reads++;
      return certificate as PeerCertificate;
    },
  };
  return stub as unknown as TlsPeer & { reads: number };
}

test('no certificate (Node gives {}) is undefined', () => {
  assert.equal(readClientCertificate(peer({})), undefined);
});

test('reads verification, CN, alt names and a normalised fingerprint', () => {
  const read = readClientCertificate(peer({
    subject: { CN: 'billing.internal' },
    subjectaltname: 'DNS:billing.internal, IP Address:10.0.0.1, URI:spiffe://corp/billing, email:ops@corp.example',
    fingerprint256: FINGERPRINT,
  }));
  assert.deepEqual(read, {
    isAuthorized: true,
    authorizationError: undefined,
    commonNames: ['billing.internal'],
    altNames: [{ type: 'DNS', value: 'billing.internal' }, { type: 'URI', value: 'spiffe://corp/billing' }, { type: 'email', value: 'ops@corp.example' }],
    fingerprint256: 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789',
  });
});

test('an unverified certificate carries OpenSSL\'s reason; several CNs are all kept', () => {
  const read = readClientCertificate(peer({ subject: { CN: ['a', 'b'] }, fingerprint256: FINGERPRINT }, false, 'CERT_HAS_EXPIRED'));
  assert.equal(read?.isAuthorized, false);
  assert.equal(read?.authorizationError, 'CERT_HAS_EXPIRED');
  assert.deepEqual(read?.commonNames, ['a', 'b']);
  assert.deepEqual(read?.altNames, []);
});

test('escaped alt names (CVE-2021-44532 format) are one name, not two', () => {
  // What Node prints for a URI SAN "http://evil.example/a, DNS:admin.example" (made with openssl).
  const text = 'URI:"http://evil.example/a\\u002c DNS:admin.example", DNS:good.example';
  assert.deepEqual(parseSubjectAltNames(text), [
    { type: 'URI', value: 'http://evil.example/a, DNS:admin.example' },
    { type: 'DNS', value: 'good.example' },
  ]);
  assert.deepEqual(parseSubjectAltNames('DNS:"a\\"b", email:x@y'), [{ type: 'DNS', value: 'a"b' }, { type: 'email', value: 'x@y' }]);
  assert.deepEqual(parseSubjectAltNames('DNS:"broken'), [], 'not Node\'s format: nothing is guessed');
  assert.deepEqual(parseSubjectAltNames('othername:<unsupported>, DirName:"/CN=x", DNS:ok'), [{ type: 'DNS', value: 'ok' }]);
});

test('fingerprints: colons and case do not matter', () => {
  assert.equal(normalizeFingerprint(FINGERPRINT), normalizeFingerprint(FINGERPRINT.replace(/:/g, '').toLowerCase()));
});
