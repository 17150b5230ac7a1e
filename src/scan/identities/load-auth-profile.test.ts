import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConfigProblem } from '../../core/config/load-config.js';
import { BulwarkError } from '../../core/errors.js';
import { loadAuthProfile, parseAuthProfile } from './load-auth-profile.js';

const EVERY_SOURCE = `
identities:
  - { name: alice, role: user, bearer: '\${ALICE_TOKEN}' }
  - { name: bob, role: user, basic: { username: bob, password: '\${BOB_PASSWORD}' } }
  - { name: carol, role: user, apiKey: { in: query, name: api_key, value: k-carol } }
  - { name: dave, role: user, headers: { X-API-Key: k-dave } }
  - name: erin
    role: user
    login: { path: /login, body: { username: erin, password: '\${ERIN_PASSWORD}' }, token: { from: body, pointer: /token } }
  - name: admin
    role: admin
    oauth2: { tokenUrl: 'https://idp.example/oauth/token', clientId: scanner, clientSecret: '\${CLIENT_SECRET}' }
`;
const ENV = { ALICE_TOKEN: 'tok-alice', BOB_PASSWORD: 'pw-bob', ERIN_PASSWORD: '000123', CLIENT_SECRET: 'cs-admin' };

function failure(text: string, env: NodeJS.ProcessEnv = ENV): { code: string; message: string; problems: ConfigProblem[] } {
  try {
    parseAuthProfile(text, 'auth.yaml', env);
  } catch (error) {
    assert.ok(error instanceof BulwarkError);
    return { code: error.code, message: error.message, problems: error.details as ConfigProblem[] };
  }
  assert.fail('expected the profile to be refused');
}

const one = (identity: string) => `identities:\n  - { name: alice, role: user, bearer: t }\n  - ${identity}\n`;
const problemAt = (text: string, path: string) => failure(text).problems.find((problem) => problem.path === path)?.message;

test('every credential source loads, with references replaced and defaults filled', () => {
  const { profile, warnings } = parseAuthProfile(EVERY_SOURCE, 'auth.yaml', ENV);
  assert.equal(profile.file, 'auth.yaml');
  assert.deepEqual(profile.identities.map((identity) => identity.name), ['alice', 'bob', 'carol', 'dave', 'erin', 'admin']);
  assert.equal(profile.identities[0]?.bearer, 'tok-alice');
  assert.deepEqual(profile.identities[4]?.login, { method: 'POST', as: 'bearer', path: '/login', body: { username: 'erin', password: '000123' }, token: { from: 'body', pointer: '/token' } });
  assert.equal(profile.identities[5]?.oauth2?.auth, 'basic');
  assert.deepEqual(warnings, []);
  assert.ok(Object.isFrozen(profile.identities[4]?.login?.body));
});

test('JSON is read as well', () => {
  const { profile } = parseAuthProfile(JSON.stringify({ identities: [{ name: 'a', role: 'user', bearer: 'x' }, { name: 'b', role: 'admin', bearer: 'y' }] }), 'auth.json', {});
  assert.equal(profile.identities.length, 2);
});

test('one user is accepted with a warning that BOLA / BFLA checks are skipped; no admin is mentioned too', () => {
  const { warnings } = parseAuthProfile('identities:\n  - { name: alice, role: user, bearer: t }\n', 'auth.yaml', {});
  assert.equal(warnings.length, 2);
  assert.match(warnings[0] ?? '', /^auth\.yaml: only one identity with role user \(alice\).*BOLA, BFLA.*skipped/);
  assert.match(warnings[1] ?? '', /no identity with role admin/);
});

test('schema problems name the file, the key path, the line and the identity', () => {
  const { code, message, problems } = failure(one('{ name: bob, role: user, login: { path: /login, token: { from: body, pointer: token } } }'));
  assert.equal(code, 'SCAN_AUTH_PROFILE_INVALID');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.path, 'identities[1].login.token.pointer');
  assert.equal(problems[0]?.line, 3);
  assert.match(message, /^auth\.yaml:3:\d+: identities\[1\]\.login\.token\.pointer must be a JSON pointer .*\(identity "bob"\)$/);
});

test('unknown keys, missing keys, bad enums, bad header names and bad `as` are each reported at their key', () => {
  assert.equal(problemAt(one('{ name: bob, role: user, bearer: t, extra: 1 }'), 'identities[1].extra'), 'is not a known key (identity "bob")');
  assert.equal(problemAt(one('{ name: bob, bearer: t }'), 'identities[1].role'), 'is required (identity "bob")');
  assert.match(problemAt(one('{ name: bob, role: root, bearer: t }'), 'identities[1].role') ?? '', /must be one of \["user","admin"\]/);
  assert.match(problemAt(one('{ name: bob, role: user, headers: { "bad header": x } }'), 'identities[1].headers.bad header') ?? '', /is not a header name/);
  assert.match(problemAt(one('{ name: bob, role: user, login: { path: /l, token: { from: header, name: x-t }, as: "header:" } }'), 'identities[1].login.as') ?? '', /bearer, header:<name> or cookie:<name>/);
  assert.match(problemAt(one('{ name: bob, role: user, login: { path: "https://evil.example/l", token: { from: body, pointer: /t } } }'), 'identities[1].login.path') ?? '', /starting with \//);
  assert.match(problemAt(one('{ name: bob, role: user, oauth2: { tokenUrl: "ftp://idp/t", clientId: c, clientSecret: s } }'), 'identities[1].oauth2.tokenUrl') ?? '', /http:\/\/ or https:\/\//);
  assert.match(problemAt('identities: []\n', 'identities') ?? '', /fewer than 1/);
  assert.equal(problemAt('{}\n', 'identities'), 'is required');
});

test('rules across keys: one source, token location, body or form, unique names, a user', () => {
  assert.match(problemAt(one('{ name: bob, role: user, bearer: t, basic: { username: u, password: p } }'), 'identities[1]') ?? '', /exactly one credential source .* found bearer, basic/);
  assert.match(problemAt(one('{ name: bob, role: user }'), 'identities[1]') ?? '', /found none/);
  assert.match(problemAt(one('{ name: bob, role: user, login: { path: /l, token: { from: body } } }'), 'identities[1].login.token.pointer') ?? '', /is required/);
  assert.match(problemAt(one('{ name: bob, role: user, login: { path: /l, token: { from: header, pointer: /t } } }'), 'identities[1].login.token.name') ?? '', /is required/);
  assert.match(problemAt(one('{ name: bob, role: user, login: { path: /l, body: {}, form: {}, token: { from: body, pointer: /t } } }'), 'identities[1].login.form') ?? '', /not both/);
  assert.match(problemAt(one('{ name: alice, role: user, bearer: u }'), 'identities[1].name') ?? '', /repeats the name of identities\[0\]/);
  assert.match(problemAt('identities:\n  - { name: root, role: admin, bearer: t }\n', 'identities') ?? '', /at least one identity with role user/);
  assert.match(problemAt(one('{ name: bob, role: user, apiKey: { in: header, name: "x key", value: v } }'), 'identities[1].apiKey.name') ?? '', /not a valid header name/);
});

test('a missing variable names the identity, the key and the variable', () => {
  const { code, message, problems } = failure(EVERY_SOURCE, { ...ENV, ERIN_PASSWORD: undefined });
  assert.equal(code, 'CONFIG_ENV_MISSING');
  assert.deepEqual(problems.map((problem) => problem.path), ['identities[4].login.body.password']);
  assert.match(message, /identities\[4\]\.login\.body\.password refers to environment variable ERIN_PASSWORD, which is not set \(identity "erin"\)/);
});

test('no message quotes a value from the file: secrets stay out of errors', () => {
  const secrets = ['s3cr3t-literal', '987654321', 'line\nbreak-secret', 'pw-from-env'];
  const texts = [
    one('{ name: bob, role: user, bearer: 987654321 }'),
    one('{ name: bob, role: user, bearer: "line\\nbreak-secret" }'),
    one('{ name: bob, role: user, basic: { username: "u:s3cr3t-literal", password: 1 } }'),
    one('{ name: bob, role: user, apiKey: { in: cookie, name: c, value: "s3cr3t-literal;x" } }'),
    one('{ name: bob, role: user, oauth2: { tokenUrl: "s3cr3t-literal", clientId: c, clientSecret: "${PW}" } }'),
    one('{ name: bob, role: user, headers: { authorization: "Bearer s3cr3t-literal\\n" } }'),
  ];
  for (const text of texts) {
    const { message, problems } = failure(text, { PW: 'pw-from-env' });
    assert.ok(problems.length > 0);
    for (const secret of secrets) assert.ok(!message.includes(secret) && !JSON.stringify(problems).includes(secret), `${message} quotes a secret`);
  }
});

test('YAML errors are CONFIG_PARSE_FAILED with a line; an unreadable file is CONFIG_READ_FAILED', () => {
  const duplicate = failure('identities: []\nidentities: []\n');
  assert.equal(duplicate.code, 'CONFIG_PARSE_FAILED');
  assert.equal(duplicate.problems[0]?.line, 2);
  assert.throws(() => loadAuthProfile('/nonexistent/auth.yaml'), (error: unknown) => error instanceof BulwarkError && error.code === 'CONFIG_READ_FAILED');
});

test('loadAuthProfile reads the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-auth-'));
  try {
    const file = join(dir, 'auth.yaml');
    writeFileSync(file, EVERY_SOURCE);
    assert.equal(loadAuthProfile(file, ENV).profile.identities.length, 6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
