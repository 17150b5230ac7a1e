import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { profileOf } from '../../text-profile.js';
import { sqliDetector } from './index.js';
import { mayHoldSql } from './quick-test.js';

const FIELD: InputField = { kind: 'query', source: 'query', location: 'query.q', name: 'q', isName: false, value: '' };
const vectors = JSON.parse(readFileSync(new URL('./sqli.vectors.json', import.meta.url), 'utf8')) as {
  attacks: { value: string; paranoia?: Paranoia }[];
  benign: { value: string }[];
};

const mayHold = (text: string): boolean => mayHoldSql(text, profileOf(text));

/** Rule ids of paranoia 1 and 2 that the detector reports for `text` at `paranoia`, bypassing the trigger gate. */
function lowRules(text: string, paranoia: Paranoia): string[] {
  const found: Detection[] = [];
  sqliDetector.detect(text, { ...FIELD, value: text }, paranoia, found, profileOf(text));
  return found.filter((detection) => detection.rule.paranoia <= 2).map((detection) => detection.rule.id).sort();
}

/** The same value as an attacker spaces, cases and prefixes it. */
function variants(value: string): string[] {
  const spaced = [value, value.toUpperCase(), value.replaceAll(' ', '/**/'), value.replaceAll(' ', '\t'), value.replaceAll(' ', '\u00a0'),
    value.replaceAll(' ', '\n'), value.replaceAll(' ', '   '), value.replaceAll(' ', ''), value.replaceAll("'", '"'), value.replaceAll("'", "''")];
  return spaced.flatMap((text) => ['', 'abc', '1 ', ' ', "it's ", ') '].flatMap((prefix) => [prefix + text, `${prefix}${text} and more words`, `${prefix}${text}'`]));
}

test('the quick test passes every attack vector of paranoia 1 and 2 (it does not run above)', () => {
  for (const { value, paranoia } of vectors.attacks) if ((paranoia ?? 1) < 3) assert.ok(mayHold(value), value);
});

test('the quick test never rejects what the analysis matches (paranoia 3 runs the analysis without it)', () => {
  const texts = [...vectors.attacks, ...vectors.benign].flatMap(({ value }) => variants(value));
  let rejected = 0;
  for (const text of texts) {
    if (mayHold(text)) continue;
    rejected++;
    assert.deepEqual(lowRules(text, 3), [], JSON.stringify(text));
  }
  // The variants include plenty of prose and broken SQL, which the test must reject for it to be worth running.
  assert.ok(rejected > texts.length / 10, `rejected ${rejected} of ${texts.length}`);
});

test('typical API values are rejected without tokenizing', () => {
  const values = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
    'https://www.example.com/products/running-shoes?utm_source=newsletter&utm_campaign=june',
    'en-US,en;q=0.9', 'application/json, text/plain, */*', "O'Neil", "Don't leave it at the door, it's fragile (thanks!)",
    'Please leave the parcel at the back door if nobody answers, thanks!', 'Sign in (or register) to order by Friday',
    '221B Baker Street', '+44 20 7946 0958', '2025-06-01T12:34:56Z', '3f2c5a4e-8a1b-4c3d-9e8f-0a1b2c3d4e5f', 'ORD-2025-000123',
    '2 in stock', '3 < 4', 'x = 3; y = 4', 'a <= b and c >= d', "She said 'hello' and left", 'price (incl. VAT): 12.50',
  ];
  for (const value of values) assert.equal(mayHold(value), false, value);
});

test('a bounded look-around that runs out says "maybe"', () => {
  assert.ok(mayHold(`1${' '.repeat(100)}or 1=1`));
  assert.ok(mayHold(`x'${')'.repeat(100)} or 1=1`));
  assert.ok(mayHold(`sleep${' '.repeat(100)}(5)`));
  assert.ok(mayHold('x;/**/drop table t'));
});

test('adversarial runs of the characters the test looks around complete', () => {
  const values = ['('.repeat(50000), ')'.repeat(50000), "'".repeat(50000), '"'.repeat(50000), ';'.repeat(50000), '='.repeat(50000),
    '<'.repeat(50000), '>'.repeat(50000), '->'.repeat(25000), ` ${' ('.repeat(25000)}`, `${'a '.repeat(25000)}(`, `${'sleep'.repeat(10000)}(`,
    `'${' '.repeat(50000)}'`, "' ".repeat(25000), '; '.repeat(25000), `${'-'.repeat(50000)}`, `${'1'.repeat(50000)} x`];
  const started = performance.now();
  for (const value of values) mayHold(value);
  // Generous: a quadratic scan of these takes seconds.
  assert.ok(performance.now() - started < 1000);
});

test('text made only of characters outside the triggers matches nothing at any paranoia', () => {
  const alphabet = '0123456789 \t\n.-_$;<>(){}[]/\\%=#!*:`\u00e9\u00a0';
  let seed = 7;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * limit);
  };
  for (let round = 0; round < 3000; round++) {
    let text = '';
    for (let length = 1 + next(16); length > 0; length--) text += alphabet[next(alphabet.length)];
    assert.equal(profileOf(text) & sqliDetector.triggers, 0, JSON.stringify(text));
    const found: Detection[] = [];
    sqliDetector.detect(text, { ...FIELD, value: text }, 4, found, profileOf(text));
    assert.deepEqual(found, [], JSON.stringify(text));
  }
});
