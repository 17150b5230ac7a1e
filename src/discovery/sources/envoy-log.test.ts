// Envoy is not installed where the tests run: the fixtures are written from Envoy's documented command
// operators (json_format: strings and "-"; typed_json_format: numbers and null) and Envoy Gateway's defaults.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBulwarkError } from '../../core/errors.js';
import { readEnvoyLog, scanEnvoyLog } from './envoy-log.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-envoy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('json_format: strings everywhere, "-" for unset', async () => {
  const result = await readEnvoyLog(fixture('envoy-json-format.log'));
  assert.equal(result.format, 'envoy');
  const [post, get] = result.samples;
  assert.deepEqual(post, {
    requestId: 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2',
    time: '2024-05-01T12:00:00.310Z',
    route: 'locations',
    method: 'POST',
    path: '/api/v1/locations',
    status: 204,
    durationMs: 226,
    requestHeaders: { 'content-type': 'application/json', authorization: 'Bearer' },
    responseHeaders: {},
    source: 'envoy',
    query: [['dry_run', 'true']],
    host: 'locations.example.com',
    requestBody: { contentType: 'application/json', size: 154 },
    clientCertificate: true,
  });
  assert.deepEqual([get?.requestHeaders, get?.requestBody, get?.responseBody, get?.clientCertificate], [{}, undefined, { contentType: 'application/json', size: 88 }, undefined]);
  assert.deepEqual(result.skipped, [{ line: 3, problem: 'response_code: 0, no response was sent' }]);
});

test('typed_json_format: numbers as numbers, null for unset', async () => {
  const file = fixture('envoy-typed-json-format.log');
  const result = await readEnvoyLog(file);
  const [sample] = result.samples;
  assert.deepEqual([sample?.requestId, sample?.route, sample?.host, sample?.status, sample?.durationMs], [`${file}:1`, '', 'things.example.com:8443', 200, 3]);
  assert.deepEqual(sample?.query, [['ids', '1'], ['ids', '2']]);
  assert.deepEqual(sample?.responseBody, { contentType: 'application/problem+json', size: 45 });
  assert.equal(sample?.requestHeaders.authorization, 'no-scheme');
  assert.deepEqual(result.skipped, [{ line: 2, problem: 'response_code: not an HTTP status' }]);
});

test("Envoy Gateway's default JSON keys", async () => {
  const [sample] = (await readEnvoyLog(fixture('envoy-gateway.log'))).samples;
  assert.deepEqual(sample, {
    requestId: '9f2c1c1a-7d84-4b1c-9a32-7a1b6a2c0f11',
    time: '2024-05-01T12:00:00.000Z',
    route: 'httproute/default/backend/rule/0/match/0/www_example_com',
    method: 'GET',
    path: '/get',
    status: 200,
    durationMs: 2,
    requestHeaders: { 'user-agent': 'curl/8.0' },
    responseHeaders: {},
    source: 'envoy',
    query: [['x', '1']],
    host: 'www.example.com',
    responseBody: { contentType: '', size: 15 },
  });
});

test('durations are milliseconds; START_TIME as epoch seconds is read too', async () => {
  const path = join(dir, 'epoch.log');
  writeFileSync(path, `${JSON.stringify({ start_time: '1714564800.250', method: 'GET', path: '/x', response_code: 200, duration: 1500 })}\n`);
  const [sample] = (await readEnvoyLog(path)).samples;
  assert.deepEqual([sample?.time, sample?.durationMs], ['2024-05-01T12:00:00.250Z', 1500]);
});

test('a raw Authorization someone logged anyway is reduced to its scheme', async () => {
  const path = join(dir, 'auth.log');
  writeFileSync(path, `${JSON.stringify({ start_time: '2024-05-01T12:00:00Z', method: 'GET', path: '/x', response_code: 200, authorization: 'Bearer secret-token' })}\n`);
  const { samples } = await readEnvoyLog(path);
  assert.equal(samples[0]?.requestHeaders.authorization, 'Bearer');
  assert.ok(!JSON.stringify(samples).includes('secret-token'));
});

test('a log with no usable line is an error; scanning streams samples', async () => {
  const path = join(dir, 'none.log');
  writeFileSync(path, `${JSON.stringify({ start_time: '2024-05-01T12:00:00Z', method: 'GET', path: '/x', response_code: 0 })}\n`);
  await assert.rejects(readEnvoyLog(path), (error: unknown) => isBulwarkError(error) && error.code === 'DISCOVERY_SOURCE_INVALID' && /response_code: 0/.test(error.message));
  let seen = 0;
  const summary = await scanEnvoyLog(fixture('envoy-json-format.log'), () => (seen += 1));
  assert.deepEqual([seen, summary.sampleCount, summary.skippedCount], [2, 2, 1]);
});
