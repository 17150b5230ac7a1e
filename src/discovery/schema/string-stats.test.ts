import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_FORMATS, matchFormats } from './string-formats.js';
import { codePointLength, createStringStats, mergeStringStats, observeString, stringKeywords, stringStatsFromState, stringStatsToState } from './string-stats.js';

const LIMITS = { maxEnumValues: 3, maxEnumLength: 8 };

function statsOf(values: readonly string[], isSensitive = false) {
  const stats = createStringStats(isSensitive);
  for (const value of values) observeString(stats, value, LIMITS);
  return stats;
}

test('lengths are counted in code points, as JSON Schema does', () => {
  assert.equal(codePointLength('abc'), 3);
  assert.equal(codePointLength('😀'), 1);
  assert.equal(codePointLength('a😀b'), 3);
  const stats = statsOf(['😀😀', 'abcd']);
  assert.deepEqual([stats.minLength, stats.maxLength], [2, 4]);
});

test('distinct values are kept up to the cap, then dropped for good', () => {
  assert.deepEqual([...statsOf(['a', 'b', 'a', 'c']).values!], [['a', 2], ['b', 1], ['c', 1]]);
  assert.equal(statsOf(['a', 'b', 'c', 'd']).values, undefined);
  assert.equal(statsOf(['a', 'b', 'c', 'd', 'a', 'b']).values, undefined);
  assert.equal(statsOf(['a', 'much-longer-than-8']).values, undefined, 'long values are free text, not enum values');
  assert.equal(statsOf(['a', 'a'], true).values, undefined, 'sensitive locations keep no values');
});

test('the enum rule: enough observations, each value seen often enough, no format', () => {
  const options = { minEnumObservations: 6, minEnumValueCount: 2 };
  const repeated = ['active', 'blocked', 'active', 'active', 'blocked', 'active'];
  assert.deepEqual(stringKeywords(statsOf(repeated), 6, false, options).enum, ['active', 'blocked']);
  assert.equal(stringKeywords(statsOf(repeated.slice(0, 5)), 5, false, options).enum, undefined, 'too few observations');
  const once = [...repeated.slice(0, 5), 'deleted'];
  assert.equal(stringKeywords(statsOf(once), 6, false, options).enum, undefined, 'a value seen once');
  assert.equal(stringKeywords(statsOf(repeated), 6, true, options).enum, undefined, 'sensitive');
  assert.equal(stringKeywords(statsOf(repeated), 6, false, { ...options, withEnums: false }).enum, undefined, 'disabled');
  const dates = Array.from({ length: 6 }, (_, index) => `2024-01-0${(index % 2) + 1}`);
  assert.deepEqual(stringKeywords(statsOf(dates), 6, false, options), { format: 'date' }, 'a date is never an enum');
});

test('statistics appear only when asked', () => {
  assert.deepEqual(stringKeywords(statsOf(['ab', 'abcd']), 2, false, {}), {});
  assert.deepEqual(stringKeywords(statsOf(['ab', 'abcd']), 2, false, { withStatistics: true }), { minLength: 2, maxLength: 4 });
});

test('merging equals observing everything in one', () => {
  const cases: [string[], string[]][] = [
    [['a', 'b'], ['b', 'c']],
    [['a', 'b'], ['c', 'd']],
    [['2024-01-01'], ['x']],
    [['x'], ['much-longer-than-8']],
  ];
  for (const [left, right] of cases) {
    const merged = statsOf(left);
    mergeStringStats(merged, statsOf(right), LIMITS);
    assert.deepEqual(merged, statsOf([...left, ...right]), `${left.join()} + ${right.join()}`);
  }
});

test('state round-trips; restored values beyond the limits disable the enum', () => {
  const stats = statsOf(['a', 'b', 'a']);
  assert.deepEqual(stringStatsFromState(stringStatsToState(stats), LIMITS, false), stats);
  const tooMany = { minLength: 1, maxLength: 1, formats: [], values: [['a', 1], ['b', 1], ['c', 1], ['d', 1]] as [string, number][] };
  assert.equal(stringStatsFromState(tooMany, LIMITS, false).values, undefined);
  assert.equal(stringStatsFromState(stringStatsToState(stats), LIMITS, true).values, undefined, 'sensitive at restore');
});

test('a value seen before only counts: the statistics equal checking every value in full', () => {
  const pool = ['2024-01-01', '2024-01-02', 'https://a.example/x', 'active', '😀', 'much-longer-than-8', 'x', '10:20:30Z', 'jane@example.com'];
  let state = 11;
  const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let round = 0; round < 200; round++) {
    const texts = Array.from({ length: 1 + (next() % 12) }, () => pool[next() % (round % 2 === 0 ? 3 : pool.length)]!);
    const stats = statsOf(texts);
    const lengths = texts.map(codePointLength);
    assert.equal(stats.minLength, Math.min(...lengths), texts.join());
    assert.equal(stats.maxLength, Math.max(...lengths), texts.join());
    assert.equal(stats.formats, texts.reduce((mask, text) => matchFormats(text, mask), ALL_FORMATS), texts.join());
    const distinct = new Set(texts);
    const isEnum = distinct.size <= LIMITS.maxEnumValues && texts.every((text) => text.length <= LIMITS.maxEnumLength);
    assert.deepEqual(stats.values === undefined ? undefined : Object.fromEntries(stats.values), isEnum ? Object.fromEntries([...distinct].map((text) => [text, texts.filter((each) => each === text).length])) : undefined, texts.join());
  }
});
