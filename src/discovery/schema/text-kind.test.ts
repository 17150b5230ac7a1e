import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyText } from './text-kind.js';

test('classifyText follows JSON number grammar and keeps lossy integers as strings', () => {
  const cases: [string, string][] = [
    ['123', 'integer'], ['-5', 'integer'], ['0', 'integer'], ['1.5', 'number'], ['-0.25', 'number'], ['1e3', 'number'],
    ['true', 'boolean'], ['false', 'boolean'], ['True', 'string'], ['007', 'string'], ['+1', 'string'], ['.5', 'string'],
    ['1.', 'string'], ['', 'string'], [' 1', 'string'], ['0x10', 'string'], ['9007199254740991', 'integer'],
    ['9007199254740993', 'string'], ['1e400', 'string'], ['NaN', 'string'], ['Infinity', 'string'],
  ];
  for (const [text, kind] of cases) assert.equal(classifyText(text), kind, text);
});

test('classifyText agrees with the JSON number grammar on random strings of number characters', () => {
  // The reference: RFC 8259 §6 as a regular expression (anchored, linear: every part is deterministic).
  const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
  const JSON_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
  const alphabet = '0123456789.-+eE x';
  let seed = 99;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let round = 0; round < 20_000; round++) {
    const text = Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const expected = !JSON_NUMBER.test(text) ? 'string' : JSON_INTEGER.test(text) ? (Number.isSafeInteger(Number(text)) ? 'integer' : 'string') : Number.isFinite(Number(text)) ? 'number' : 'string';
    assert.equal(classifyText(text), expected, JSON.stringify(text));
  }
});
