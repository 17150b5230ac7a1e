import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ALL_FORMATS, chooseFormat, formatMask, formatNames, INFERRED_FORMATS, matchFormats } from './string-formats.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options?: { mode?: 'fast' | 'full' }) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: true }), { mode: 'full' });

const formatsOf = (text: string): string[] => formatNames(matchFormats(text, ALL_FORMATS));

const VECTORS: [string, string[]][] = [
  ['3fa85f64-5717-4562-b3fc-2c963f66afa6', ['uuid']],
  ['3FA85F64-5717-4562-B3FC-2C963F66AFA6', ['uuid']],
  ['urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6', ['uuid', 'uri']],
  ['2024-03-01T10:20:30Z', ['date-time']],
  ['2024-03-01T10:20:30.123+01:00', ['date-time']],
  ['2024-02-30T10:20:30Z', []],
  ['2024-03-01T10:20:30', []], // no time zone: RFC 3339 (and ajv's full mode) require one
  ['2024-03-01', ['date']],
  ['2023-02-29', []],
  ['10:20:30Z', ['time']],
  ['10:20', []],
  ['jane.doe@example.com', ['email']],
  ['jane@', []],
  ['192.168.1.20', ['ipv4']],
  ['256.1.1.1', []],
  ['2001:db8::1', ['ipv6']],
  ['::1', ['ipv6']],
  ['fe80::1', ['ipv6']], // ajv alone would also call it a uri (scheme "fe80")
  ['https://example.com/a?b=c', ['uri']],
  ['mailto:jane@example.com', ['uri']],
  ['user:42', []], // ajv's uri accepts it; inference does not call identifiers with a colon uris
  ['007', []],
  ['hello world', []],
  ['', []],
];

test('each vector matches exactly the expected formats', () => {
  for (const [text, expected] of VECTORS) assert.deepEqual(formatsOf(text), expected, text);
});

test('every inferred format is accepted by the Ajv the contract stage uses (full ajv-formats)', () => {
  for (const [text] of VECTORS) {
    for (const format of formatsOf(text)) {
      assert.equal(ajv.validate({ type: 'string', format }, text), true, `${format}: ${text}`);
    }
  }
});

test('only candidates are tested, and a mask only shrinks', () => {
  const onlyEmail = formatMask(['email']);
  assert.equal(matchFormats('3fa85f64-5717-4562-b3fc-2c963f66afa6', onlyEmail), 0);
  assert.equal(matchFormats('a@example.com', onlyEmail), onlyEmail);
  assert.equal(matchFormats('anything', 0), 0);
});

test('chooseFormat prefers uuid over uri for urn:uuid values; names round-trip; unknown names are dropped', () => {
  assert.equal(chooseFormat(formatMask(['uri', 'uuid'])), 'uuid');
  assert.equal(chooseFormat(0), undefined);
  assert.deepEqual(formatNames(formatMask([...INFERRED_FORMATS])), [...INFERRED_FORMATS]);
  assert.equal(formatMask(['hostname', 'not-a-format']), 0);
});

test('hostile strings are checked in bounded time (length caps bound ajv-formats backtracking)', () => {
  const hostile = [
    `a@${'a'.repeat(240)}!`,
    `a@${'a-'.repeat(120)}!`,
    `http://${'%aa'.repeat(680)} `,
    `a://${'1.'.repeat(1000)} `,
    `${'1:'.repeat(22)}x`,
    `2020-01-01T${'1'.repeat(50)}`,
    'x'.repeat(1_000_000),
    `https://${'a'.repeat(1_000_000)}`,
  ];
  const started = performance.now();
  for (let round = 0; round < 10; round++) for (const text of hostile) matchFormats(text, ALL_FORMATS);
  assert.ok(performance.now() - started < 250, `took ${performance.now() - started} ms`);
});
