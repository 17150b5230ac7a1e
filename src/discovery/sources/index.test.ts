import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBulwarkError } from '../../core/errors.js';
import type { TrafficSample } from '../../core/types.js';
import { detectTrafficFormat, readTrafficFile, scanTrafficFile, type TrafficFormat } from './index.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-sources-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('every fixture is detected and read as its format', async () => {
  const expected: [string, TrafficFormat, number][] = [
    ['browser.har', 'har', 5],
    ['nginx-bulwark.log', 'nginx', 4],
    ['nginx-other-keys.log', 'nginx', 3],
    ['envoy-json-format.log', 'envoy', 2],
    ['envoy-typed-json-format.log', 'envoy', 1],
    ['envoy-gateway.log', 'envoy', 1],
  ];
  for (const [name, format, count] of expected) {
    assert.equal(await detectTrafficFormat(fixture(name)), format, name);
    const result = await readTrafficFile(fixture(name));
    assert.equal(result.format, format, name);
    assert.equal(result.samples.length, count, name);
    assert.ok(result.samples.every((sample) => sample.source === format), name);
  }
});

test('a given format skips detection', async () => {
  const path = join(dir, 'ambiguous.log');
  writeFileSync(path, `${JSON.stringify({ time: '2024-05-01T12:00:00Z', method: 'GET', path: '/a', status: 200, duration: 2 })}\n`);
  await assert.rejects(readTrafficFile(path), (error: unknown) => isBulwarkError(error) && error.code === 'DISCOVERY_SOURCE_INVALID' && error.message.includes('--format'));
  // The same key, read in each format's unit: nginx seconds, Envoy milliseconds.
  assert.equal((await readTrafficFile(path, 'nginx')).samples[0]?.durationMs, 2000);
  assert.equal((await readTrafficFile(path, 'envoy')).samples[0]?.durationMs, 2);
  await assert.rejects(readTrafficFile(path, 'har'), (error: unknown) => isBulwarkError(error) && /ambiguous\.log: not a HAR: log is missing/.test(error.message));
});

test('a plain JavaScript caller passing an unknown format gets a RangeError', async () => {
  await assert.rejects(readTrafficFile(fixture('browser.har'), 'csv' as TrafficFormat), RangeError);
});

test('scanTrafficFile hands over every sample of a HAR or a log', async () => {
  for (const [name, count] of [['browser.har', 5], ['nginx-bulwark.log', 4], ['envoy-gateway.log', 1]] as const) {
    const seen: TrafficSample[] = [];
    const summary = await scanTrafficFile(fixture(name), (sample) => seen.push(sample));
    assert.deepEqual([seen.length, summary.sampleCount], [count, count], name);
  }
});

test('files that are not traffic are refused with the error code', async () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.txt', '', /the file is empty/],
    ['binary.bin', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a]), /neither a HAR nor a JSON access log/],
    ['openapi.json', '{\n  "openapi": "3.1.0"\n}\n', /not a HAR: log is missing/],
    ['array.json', '[{"log": {}}]', /neither a HAR nor a JSON access log/],
  ];
  for (const [name, content, pattern] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    await assert.rejects(readTrafficFile(path), (error: unknown) => isBulwarkError(error) && error.code === 'DISCOVERY_SOURCE_INVALID' && pattern.test(error.message), name);
  }
  await assert.rejects(readTrafficFile(join(dir, 'missing.har')), (error: unknown) => isBulwarkError(error) && /ENOENT/.test(error.message));
});
