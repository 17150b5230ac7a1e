import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { extractHeaders } from './headers.js';
import { DEFAULT_EXTRACT_LIMITS } from './limits.js';

function fields(rawHeaders: readonly string[]): [string, string, boolean, string][] {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  extractHeaders(sink, rawHeaders);
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source], ['header', 'header']);
  return sink.fields.map((field) => [field.location, field.name, field.isName, field.value]);
}

test('every value is a field, names lowercased; standard names are not fields themselves', () => {
  assert.deepEqual(fields(['Host', 'api.example.com', 'User-Agent', 'sqlmap/1.7', 'Accept', '*/*', 'Referer', 'https://example.com/?q=<script>']), [
    ['header.host', 'host', false, 'api.example.com'],
    ['header.user-agent', 'user-agent', false, 'sqlmap/1.7'],
    ['header.accept', 'accept', false, '*/*'],
    ['header.referer', 'referer', false, 'https://example.com/?q=<script>'],
  ]);
});

test('custom header names are inspected as names', () => {
  assert.deepEqual(fields(['X-Api-Version', '2', 'X-${jndi:ldap://x/a}', 'y']), [
    ['header.x-api-version#name', 'x-api-version', true, 'x-api-version'],
    ['header.x-api-version', 'x-api-version', false, '2'],
    ['header.x-${jndi:ldap://x/a}#name', 'x-${jndi:ldap://x/a}', true, 'x-${jndi:ldap://x/a}'],
    ['header.x-${jndi:ldap://x/a}', 'x-${jndi:ldap://x/a}', false, 'y'],
  ]);
});

test('credentials are inspected under their header name (evidence masks them); Cookie is left to the cookie extractor', () => {
  assert.deepEqual(fields(['Authorization', 'Basic YWRtaW46JyBPUiAnMSc9JzE=', 'Cookie', 'session=abc', 'Proxy-Authorization', 'Bearer t']), [
    ['header.authorization', 'authorization', false, 'Basic YWRtaW46JyBPUiAnMSc9JzE='],
    ['header.proxy-authorization', 'proxy-authorization', false, 'Bearer t'],
  ]);
});

test('repeated headers are all kept; empty values and a dangling name are skipped', () => {
  assert.deepEqual(fields(['Via', '1.1 a', 'via', '1.1 b', 'Accept', '', 'X-Odd']), [
    ['header.via', 'via', false, '1.1 a'],
    ['header.via', 'via', false, '1.1 b'],
  ]);
});

test('HTTP/2 pseudo-headers other than :authority repeat the request line and are skipped', () => {
  assert.deepEqual(fields([':method', 'GET', ':path', '/x?y=1', ':authority', 'evil.example', ':scheme', 'https']), [
    ['header.:authority#name', ':authority', true, ':authority'],
    ['header.:authority', ':authority', false, 'evil.example'],
  ]);
});

test('names are remembered per spelling, yet every request gets the same fields; a flood of new names stays correct', () => {
  const first = fields(['X-Trace', 'a', 'x-trace', 'b', 'User-Agent', 'c']);
  assert.deepEqual(fields(['X-Trace', 'a', 'x-trace', 'b', 'User-Agent', 'c']), first);
  const flood = Array.from({ length: 900 }, (_, index) => [`X-N${index}`, 'v']).flat();
  const rows = fields(flood);
  assert.equal(rows.length, 1800);
  assert.deepEqual(rows.slice(-2), [['header.x-n899#name', 'x-n899', true, 'x-n899'], ['header.x-n899', 'x-n899', false, 'v']]);
  assert.deepEqual(fields(['Cookie', 'a=b', ':path', '/x', 'X-Trace', 'a']), first.slice(0, 2));
});
