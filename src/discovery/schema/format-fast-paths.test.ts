import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isPlainDate, isPlainDateTime, isPlainUri } from './format-fast-paths.js';

type Check = (text: string) => boolean;
const ajvOf = (format: unknown): Check => {
  const validate: unknown = typeof format === 'object' && format !== null && 'validate' in format ? format.validate : format;
  return validate instanceof RegExp ? (text) => validate.test(text) : (text) => (validate as Check)(text) === true;
};
const CASES: readonly { name: string; fast: Check; ajv: Check; seeds: readonly string[] }[] = [
  { name: 'date', fast: isPlainDate, ajv: ajvOf(fullFormats.date), seeds: ['2024-03-01', '2024-02-29', '2000-02-29', '1999-12-31'] },
  {
    name: 'date-time', fast: isPlainDateTime, ajv: ajvOf(fullFormats['date-time']),
    seeds: ['2024-03-01T10:20:30Z', '2024-03-01t10:20:30.123456z', '2024-03-01T23:59:59-05:30', '2024-02-29T00:00:00+00:00'],
  },
  {
    name: 'uri', fast: isPlainUri, ajv: ajvOf(fullFormats.uri),
    seeds: ['https://api.github.com/repos/octocat/Hello-World/issues/1', 'http://example.com:8080/a%20b/?q=1&r=%7E#top', 'git+ssh://host.example/x', 'ftp://x'],
  },
];

test('everyday shapes are accepted on the fast path', () => {
  for (const { name, fast, seeds } of CASES) for (const seed of seeds) assert.ok(fast(seed), `${name}: ${seed}`);
});

test('what the fast paths refuse is left to ajv (they never decide "no" for it)', () => {
  const refused: [Check, string][] = [
    [isPlainDate, '2023-02-29'], [isPlainDate, '2024-13-01'], [isPlainDate, '2024-1-01'], [isPlainDate, '2024-01-01 '],
    [isPlainDateTime, '2024-03-01T10:20:30'], [isPlainDateTime, '2024-03-01T23:59:60Z'], [isPlainDateTime, '2024-03-01T10:20:30+0100'],
    [isPlainDateTime, '2024-03-01 10:20:30Z'], [isPlainDateTime, '2024-03-01T24:00:00Z'], [isPlainDateTime, '2024-03-01T10:20:30.Z'],
    [isPlainUri, 'https://user@example.com/'], [isPlainUri, 'http://[::1]/'], [isPlainUri, 'mailto:jane@example.com'], [isPlainUri, 'https://example.com/a b'],
    [isPlainUri, 'https://example.com/%zz'], [isPlainUri, 'https://example.com/é'], [isPlainUri, '1http://example.com'],
  ];
  for (const [fast, text] of refused) assert.equal(fast(text), false, text);
});

/** mulberry32, seeded: the same mutations on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ALPHABET = "09aAzZtTeE:/?#@%[]-+._~!$&'()*,;= \n\u00e9";

test('a fast path accepts only what ajv-formats accepts (random mutations of valid values)', () => {
  const random = seeded(7);
  const character = (): string => ALPHABET[Math.floor(random() * ALPHABET.length)]!;
  for (const { name, fast, ajv, seeds } of CASES) {
    let accepted = 0;
    for (let round = 0; round < 20_000; round++) {
      let text = seeds[round % seeds.length]!;
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const kind = random();
        if (kind < 0.4) text = text.slice(0, at) + character() + text.slice(at + 1);
        else if (kind < 0.7) text = text.slice(0, at) + character() + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1);
      }
      if (!fast(text)) continue;
      accepted++;
      assert.ok(ajv(text), `${name}: the fast path accepted ${JSON.stringify(text)}, ajv-formats does not`);
    }
    assert.ok(accepted > 200, `${name}: the mutations reach the fast path (${accepted})`);
  }
});
