import assert from 'node:assert/strict';
import { test } from 'node:test';
import { substituteEnv, type MissingVariable } from './substitute-env.js';

test('replaces references in every string, nested objects and lists included', () => {
  const missing: MissingVariable[] = [];
  const value = substituteEnv({ a: 'Bearer ${TOKEN}', b: [{ c: '${USER}:${PASS}' }], d: 3 }, { TOKEN: 't0k', USER: 'u', PASS: 'p' }, missing);
  assert.deepEqual(value, { a: 'Bearer t0k', b: [{ c: 'u:p' }], d: 3 });
  assert.deepEqual(missing, []);
});

test('a value of digits stays a string', () => {
  assert.equal(substituteEnv('${PIN}', { PIN: '0042' }, []), '0042');
});

test('$$ escapes a dollar and ${VAR:-fallback} falls back', () => {
  assert.equal(substituteEnv('$${LITERAL} ${UNSET:-dflt}', {}, []), '${LITERAL} dflt');
});

test('unset and empty variables are reported with their key path, not filled with anything', () => {
  const missing: MissingVariable[] = [];
  const value = substituteEnv({ identities: [{ basic: { password: '${A}' } }, { bearer: '${B}' }] }, { B: '' }, missing);
  assert.deepEqual(missing, [
    { path: 'identities[0].basic.password', variable: 'A' },
    { path: 'identities[1].bearer', variable: 'B' },
  ]);
  assert.deepEqual(value, { identities: [{ basic: { password: '' } }, { bearer: '' }] });
});

test('a substituted value is never read as a reference again', () => {
  assert.equal(substituteEnv('${A}', { A: '${B}', B: 'leak' }, []), '${B}');
});
