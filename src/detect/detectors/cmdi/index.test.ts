import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { CMDI_RULES, cmdiDetector } from './index.js';
import { readShellWord } from './shell-word.js';
import { wildcardMatch } from './resolve.js';
import { runDetector } from '../run-detector.js';

interface Vectors {
  attacks: { in: string; rules: string[]; field?: Partial<InputField> }[];
  benign: { in: string; field?: Partial<InputField> }[];
  paranoid: { in: string; paranoia: Paranoia; rules: string[] }[];
}

const vectors = JSON.parse(readFileSync(new URL('./cmdi.vectors.json', import.meta.url), 'utf8')) as Vectors;

const field = (overrides: Partial<InputField> = {}): InputField =>
  ({ kind: 'query', source: 'query', location: 'query.q', name: 'q', isName: false, value: '', ...overrides });

function detect(text: string, paranoia: Paranoia = 1, overrides: Partial<InputField> = {}): string[] {
  const found: Detection[] = [];
  runDetector(cmdiDetector, text, field(overrides), paranoia, found);
  return found.map((detection) => detection.rule.id);
}

test('the vector file holds enough cases', () => {
  assert.ok(vectors.attacks.length >= 80, `attacks: ${vectors.attacks.length}`);
  assert.ok(vectors.benign.length >= 100, `benign: ${vectors.benign.length}`);
});

test('attack vectors match their rules at paranoia 1', () => {
  for (const vector of vectors.attacks) {
    const ids = detect(vector.in, 1, vector.field);
    for (const rule of vector.rules) assert.ok(ids.includes(rule), `${JSON.stringify(vector.in)}: expected ${rule}, got [${ids.join(', ')}]`);
  }
});

test('benign vectors match nothing at paranoia 1', () => {
  for (const vector of vectors.benign) assert.deepEqual(detect(vector.in, 1, vector.field), [], JSON.stringify(vector.in));
});

test('paranoid vectors pass at paranoia 1 and match at their level', () => {
  for (const vector of vectors.paranoid) {
    assert.deepEqual(detect(vector.in, 1), [], JSON.stringify(vector.in));
    const ids = detect(vector.in, vector.paranoia);
    for (const rule of vector.rules) assert.ok(ids.includes(rule), `${JSON.stringify(vector.in)}: expected ${rule} at ${vector.paranoia}, got [${ids.join(', ')}]`);
  }
});

test('rules: unique cmdi ids, and paranoia-1 rules are the critical ones', () => {
  const ids = cmdiDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of cmdiDetector.rules) {
    assert.match(rule.id, /^cmdi\.[a-z]+(?:-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'cmdi');
    if (rule.paranoia === 1) assert.equal(rule.severity, 'critical', rule.id);
  }
  assert.equal(cmdiDetector.name, 'cmdi');
});

test('each rule is reported once per call, with the matched text as fragment', () => {
  const found: Detection[] = [];
  runDetector(cmdiDetector, ';id;id;id|whoami', field(), 1, found);
  assert.deepEqual(found.map((detection) => detection.rule.id), ['cmdi.separator-command']);
  assert.equal(found[0]!.fragment, ';id');
});

test('rules above the paranoia level stay silent', () => {
  assert.deepEqual(detect('localhost|id', 1), []);
  assert.deepEqual(detect('localhost|id', 2), [CMDI_RULES.commandInText.id]);
});

test('detections are appended after what other detectors found', () => {
  const found: Detection[] = [{ rule: CMDI_RULES.separatorCommand, fragment: 'earlier' }];
  runDetector(cmdiDetector, '; cat /etc/passwd', field(), 1, found);
  assert.equal(found.length, 2, 'a finding of an earlier call does not suppress this one');
});

test('the shell word reader undoes quoting, escapes and empty expansions', () => {
  assert.deepEqual(readShellWord("c''at x", 0, false), { text: 'cat', end: 5, isObfuscated: true, variables: 0, isTooLong: false });
  assert.equal(readShellWord('"id"', 0, false).isObfuscated, false, 'a wholly quoted word is quoting');
  assert.equal(readShellWord('c\\a$@t', 0, false).text, 'cat');
  assert.equal(readShellWord('w^ho^ami', 0, false).text, 'whoami');
  assert.equal(readShellWord('cat,/etc', 0, true).text, 'cat');
  assert.equal(readShellWord('$a$b', 0, false).variables, 2);
  assert.equal(readShellWord('x'.repeat(200), 0, false).isTooLong, true);
});

test('globs match like the shell expands them', () => {
  assert.equal(wildcardMatch('c?t', 'cat'), true);
  assert.equal(wildcardMatch('c*t', 'cat'), true);
  assert.equal(wildcardMatch('??', 'id'), true);
  assert.equal(wildcardMatch('c?t', 'cut'), true);
  assert.equal(wildcardMatch('c?t', 'cats'), false);
  assert.equal(wildcardMatch('*a*a*a*b', 'aaaaaaaaaaaaaaa'), false);
});

test('adversarial inputs complete (ReDoS-style near-misses)', () => {
  const inputs = [
    '../'.repeat(50_000), ';'.repeat(50_000), '|'.repeat(50_000), '&'.repeat(50_000), '$('.repeat(50_000), '`'.repeat(50_000), '\n'.repeat(50_000),
    ';id'.repeat(50_000), ';cat '.repeat(20_000), "; cat '".repeat(20_000), 'a; b '.repeat(20_000), '${'.repeat(50_000),
    '$IFS'.repeat(50_000), '{'.repeat(50_000), '/???/'.repeat(20_000), '> /a/b '.repeat(20_000), '`id` '.repeat(20_000),
    'iex ('.repeat(20_000), 'iwr '.repeat(20_000) + 'x', "c''".repeat(30_000), '\\'.repeat(50_000), '^'.repeat(50_000),
    '| id |\n'.repeat(20_000), 'word '.repeat(20_000) + '; id',
    '--output='.repeat(20_000), ' -'.repeat(50_000), 'Invoke-WebRequest '.repeat(10_000), "a'".repeat(50_000), 'c"'.repeat(50_000),
    '; cat '.repeat(20_000), "wh''".repeat(30_000), 'ls -la '.repeat(20_000), '-o ProxyCommand='.repeat(10_000), '(iex'.repeat(30_000),
    '$a$b;'.repeat(30_000), '; {cat,'.repeat(20_000),
  ];
  for (const input of inputs) {
    for (const paranoia of [1, 4] as const) {
      for (const kind of ['query', 'path'] as const) {
        const found: Detection[] = [];
        runDetector(cmdiDetector, input, field({ kind }), paranoia, found);
        assert.ok(found.length <= cmdiDetector.rules.length);
      }
    }
  }
});
