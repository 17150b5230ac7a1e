import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset } from './json-error-offset.js';

test('valid JSON has no error', () => {
  for (const text of ['1', ' -0.5e+10 ', '"a\\u00e9\\n"', 'true', 'null', '[]', '{}', '[1,[2,{"a":[]}],"x"]', '{"a":{"b":null},"c":[true,false]}', '\n{\n  "log": {}\n}\n']) {
    assert.equal(jsonErrorOffset(text), -1, text);
  }
});

test('the offset is the first character that cannot be valid', () => {
  const cases: [string, number][] = [
    ['x', 0],
    ['[1,]', 3],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['{a:1}', 1],
    ['[1 2]', 3],
    ['{"a":}', 5],
    ['[01]', 2],
    ['[1.]', 3],
    ['[1e]', 3],
    ['[-]', 2],
    ['"a\\x"', 3],
    ['"a\\u12G4"', 3],
    ['"tab\there"', 4],
    ['[1]]', 3],
    ['{"a":1]', 6],
    ['[1}', 2],
    ['{} {}', 3],
    ['tru', 0],
  ];
  for (const [text, offset] of cases) assert.equal(jsonErrorOffset(text), offset, text);
});

test('text that ends early gives its length', () => {
  for (const text of ['', '  ', '[', '{"a":', '{"a":1', '"abc', '[1,', '{"log": {"entries": [']) assert.equal(jsonErrorOffset(text), text.length, text);
});

test('agrees with JSON.parse on thousands of mutated documents', () => {
  const base = JSON.stringify({ log: { entries: [{ a: [1, -2.5e3, true, null], 'b\n"': 'x\\y\u00e9', c: {} }, [], 'z'] } }, null, 1);
  const alphabet = '{}[],:"\\ 0123456789.eE+-truefalsnl\tx\u0001';
  let seed = 42;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % below;
  };
  for (let round = 0; round < 5000; round++) {
    const at = random(base.length);
    const insert = alphabet[random(alphabet.length)] ?? '';
    const mutated = random(2) === 0 ? base.slice(0, at) + insert + base.slice(at + 1) : base.slice(0, at) + base.slice(at + 1 + random(3));
    let isValid = true;
    try {
      JSON.parse(mutated);
    } catch {
      isValid = false;
    }
    assert.equal(jsonErrorOffset(mutated) === -1, isValid, JSON.stringify(mutated));
  }
});

test('a long string and deep nesting are scanned without recursion or regex backtracking', () => {
  assert.equal(jsonErrorOffset(`"${'a'.repeat(20_000_000)}`), 20_000_001);
  const deep = '['.repeat(1_000_000);
  assert.equal(jsonErrorOffset(`${deep}x`), 1_000_000);
});
