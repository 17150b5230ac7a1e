import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SSTI_RULES, sstiDetector } from './index.js';
import { inspectionForms } from '../../normalize/index.js';
import { profileOf } from '../../text-profile.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const { vectors, detect } = scoredVectorSuite(sstiDetector, new URL('./ssti.vectors.json', import.meta.url), {
  minAttacks: 30, minBenign: 40,
  field: { kind: 'body', source: 'json', location: 'body.$.message', name: 'message', isName: false, value: '' },
});

test('every rule is exercised by an attack vector', () => {
  const matched = new Set(vectors.attacks.flatMap((vector) => vector.rules ?? []));
  for (const rule of sstiDetector.rules) assert.ok(matched.has(rule.id), rule.id);
});

test('rule ids are unique and belong to the ssti class', () => {
  const seen = new Set(sstiDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, sstiDetector.rules.length);
  for (const rule of sstiDetector.rules) {
    assert.match(rule.id, /^ssti\.[a-z-]+$/);
    assert.equal(rule.attackClass, 'ssti');
  }
  assert.deepEqual(Object.values(SSTI_RULES), [...sstiDetector.rules]);
});

test('only what sits inside delimiters is judged', () => {
  assert.deepEqual(ids(detect("print(''.__class__.__mro__)")), [], 'Python in a code sample');
  assert.deepEqual(ids(detect("{{ ''.__class__.__mro__ }}")), ['ssti.object-traversal']);
  assert.deepEqual(ids(detect('7*7')), []);
  assert.deepEqual(ids(detect('{{7*7}}')), ['ssti.expression-probe']);
  assert.deepEqual(ids(detect('{{ 7 - 7 }}')), [], 'a probe multiplies or adds');
});

test('gadget names count as whole words only', () => {
  assert.deepEqual(ids(detect('{{ retrieval(x) }}')), []);
  assert.deepEqual(ids(detect('{{ eval(x) }}')), ['ssti.code-execution']);
  assert.deepEqual(ids(detect('{{ item.prototype_id }}')), []);
  assert.deepEqual(ids(detect('{{ item.prototype }}')), ['ssti.object-traversal']);
});

test('a left-open expression is still judged, and so is one nested in it', () => {
  assert.deepEqual(ids(detect("{{ config.__class__.__init__.__globals__['os'].popen('id').read()")), ['ssti.code-execution']);
  assert.deepEqual(ids(detect('${7*7')), ['ssti.expression-probe']);
  assert.deepEqual(ids(detect('{{ hello ${7*7}')), ['ssti.expression-probe']);
});

test('templates spelled with named references are caught once the engine has decoded them', () => {
  const encoded: Array<[string, string]> = [
    ['&dollar;&lcub;7&ast;7&rcub;', 'ssti.expression-probe'],
    ['&lcub;&lcub;config&period;items&lpar;&rpar;&rcub;&rcub;', 'ssti.object-traversal'],
    ['&lcub;&lcub;cycler&period;&lowbar;&lowbar;init&lowbar;&lowbar;&period;&lowbar;&lowbar;globals&lowbar;&lowbar;&period;os&period;popen&lpar;&apos;id&apos;&rpar;&period;read&lpar;&rpar;&rcub;&rcub;', 'ssti.code-execution'],
    ['&lcub;&lcub;&lowbar;self&period;env&period;registerUndefinedFilterCallback&lpar;&quot;exec&quot;&rpar;&rcub;&rcub;', 'ssti.code-execution'],
    ['&lcub;Smarty&lowbar;Internal&lowbar;Write&lowbar;File&colon;&colon;writeFile&lpar;&dollar;SCRIPT&lowbar;NAME&comma;&quot;x&quot;&rpar;&rcub;', 'ssti.code-execution'],
  ];
  for (const [raw, rule] of encoded) {
    const found = inspectionForms(raw, 'json').flatMap((form) => detect(form));
    assert.ok(ids(found).includes(rule), `${raw}: ${ids(found).join(',')}`);
  }
});

test('the class-loader path is an attack as a parameter name; in a value it is text', () => {
  const path = 'class.module.classLoader.resources.context.parent.pipeline.first.suffix';
  assert.deepEqual(ids(detect(path, { kind: 'query', source: 'query', location: `query.${path}#name`, name: path, isName: true })), ['ssti.object-traversal']);
  assert.deepEqual(ids(detect(`Spring4Shell abused ${path} in data binding`)), []);
});

test('the trigger gate lets through only text with delimiter or gadget characters', () => {
  const gate = (text: string): boolean => (profileOf(text) & sstiDetector.triggers) !== 0;
  for (const text of ["O'Neil", 'Please leave it at the back door, thanks!', '+44 20 7946 0958', 'jane@example', 'a = b; c: d', '$5 off [sale]']) assert.equal(gate(text), false, text);
  for (const text of ['{{x}}', '#set(', '$x.y', '<%', '[#', '@(', 'T(java.lang.Runtime)', 'class.classLoader']) assert.equal(gate(text), true, text);
});

test('hosts, versions, e-mail addresses and user agents that pass the gate are judged without a finding', () => {
  for (const text of [
    'api.example.com', '5.12.0', 'jane.oneil@example.com', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)',
    'https://www.example.com/products?utm_source=newsletter&utm_campaign=june#top', 'Total: $129.95 (incl. VAT) for order #123',
    'See java.util.List (JDK 21) and @Override', 'mail me @ jane.doe@example.com (System.out is fine)',
  ]) {
    assert.deepEqual(ids(detect(text)), [], text);
  }
});

test('fragments start at the delimiter', () => {
  const [probe] = detect('name: {{7*7}} end');
  assert.equal(probe?.fragment.startsWith('{{7*7}}'), true);
});

test('adversarial near-matches complete (indexOf scans, remembered closers, bounded bodies)', () => {
  const values = [
    '{{'.repeat(50_000),
    '${'.repeat(50_000),
    '{%'.repeat(50_000),
    '<%'.repeat(50_000),
    '<#'.repeat(50_000),
    '[#'.repeat(50_000),
    '#set('.repeat(20_000),
    '$a.'.repeat(30_000),
    '@('.repeat(50_000),
    '@System.'.repeat(10_000),
    '{'.repeat(100_000),
    `{{${'t('.repeat(50_000)}}}`,
    `{{${'xeval('.repeat(20_000)}}}`,
    '{{#with "'.repeat(10_000),
    '{php'.repeat(30_000),
    '{if '.repeat(30_000),
    "${{<%[%'".repeat(10_000),
    'java.'.repeat(20_000),
    '(java.'.repeat(20_000),
    '@java.'.repeat(20_000),
    '#_'.repeat(50_000),
    'class.'.repeat(20_000),
    '@'.repeat(100_000),
    `{{${'1*'.repeat(50_000)}1}}`,
  ];
  for (const value of values) {
    for (const paranoia of [1, 4] as const) detect(value, {}, paranoia);
  }
  assert.deepEqual(ids(detect(`{{${' '.repeat(50_000)}7*7}}`)), ['ssti.expression-probe'], 'padding hides nothing');
  assert.deepEqual(ids(detect(`${'{{x}}'.repeat(20_000)}{{7*7}}`)), ['ssti.expression-probe']);
});
