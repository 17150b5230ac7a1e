import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';
import { extractRawBody, isTextMediaType, looksBinary } from './raw.js';

function extract(bytes: Buffer, mediaType: string, limits: Partial<ExtractLimits> = {}) {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  extractRawBody(sink, bytes, mediaType);
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source, field.name, field.isName], ['body', 'raw', '', false]);
  return { rows: sink.fields.map((field) => [field.location, field.value]), sink };
}

test('a text body is one field body.raw, UTF-8 decoded', () => {
  assert.deepEqual(extract(Buffer.from('name=café; DROP TABLE users;--'), 'text/plain').rows, [['body.raw', 'name=café; DROP TABLE users;--']]);
  assert.deepEqual(extract(Buffer.from('${jndi:ldap://x/a}'), '').rows, [['body.raw', '${jndi:ldap://x/a}']]);
});

test('a long body is split into overlapping chunks, so an attack across a cut is whole in one of them', () => {
  const text = 'a'.repeat(1000) + '<script>alert(1)</script>' + 'b'.repeat(1000);
  const { rows, sink } = extract(Buffer.from(text), 'text/plain', { maxFieldChars: 1010 });
  assert.deepEqual(rows.map((row) => row[0]), ['body.raw[0]', 'body.raw[1]', 'body.raw[2]']);
  assert.ok(rows.every((row) => (row[1] as string).length <= 1010));
  assert.ok(rows.some((row) => (row[1] as string).includes('<script>alert(1)</script>')), 'the straddling attack is whole in a chunk');
  assert.equal(rows[1]?.[1]?.slice(0, 256), text.slice(754, 1010), 'chunks share 256 characters');
  assert.equal(rows.at(-1)?.[1]?.endsWith('b'.repeat(100)), true);
  assert.equal(sink.truncated, false);
});

test('chunks are cut between characters, never inside a multi-byte one', () => {
  const text = 'é'.repeat(3000);
  const { rows } = extract(Buffer.from(text), 'text/plain', { maxFieldChars: 1001 });
  assert.ok(rows.every((row) => !(row[1] as string).includes('\ufffd')));
  assert.equal(rows.map((row) => row[1]).join('').replaceAll('é', '').length, 0);
});

test('beyond maxRawBytes the body is inspected up to it and the cut is reported', () => {
  const { rows, sink } = extract(Buffer.from('x'.repeat(5000)), 'text/plain', { maxRawBytes: 3000, maxFieldChars: 1000 });
  assert.equal(rows.map((row) => row[1]).join('').replaceAll('x', '').length, 0);
  assert.equal(Math.max(...rows.map((row) => (row[1] as string).length)), 1000);
  assert.equal(sink.truncated, true);
  assert.deepEqual(sink.problems, ['a text of more than 3000 bytes was inspected only up to that size']);
});

test('binary content is not inspected: NULs or a magic number under a type that is not text', () => {
  const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1'), Buffer.from('<script>')]);
  assert.deepEqual(extract(png, 'image/png').rows, []);
  assert.deepEqual(extract(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj'), 'application/pdf').rows, []);
  assert.deepEqual(extract(Buffer.from('ab\x00cd', 'latin1'), '').rows, []);
  assert.deepEqual(extract(Buffer.alloc(0), 'text/plain').rows, []);
});

test('a text payload under a binary label is inspected (a server may ignore the label); text types are read even with NULs', () => {
  assert.deepEqual(extract(Buffer.from('{"q":"\' OR 1=1"}'), 'application/octet-stream').rows, [['body.raw', '{"q":"\' OR 1=1"}']]);
  assert.deepEqual(extract(Buffer.from('a\x00<script>', 'latin1'), 'text/plain').rows, [['body.raw', 'a\x00<script>']]);
});

test('text media types and binary sniffing', () => {
  for (const type of ['text/plain', 'text/csv', 'application/json', 'application/ld+json', 'application/xml', 'image/svg+xml', 'application/x-yaml', 'application/javascript', 'application/graphql']) {
    assert.equal(isTextMediaType(type), true, type);
  }
  for (const type of ['', 'application/octet-stream', 'image/png', 'application/pdf', 'application/zip']) assert.equal(isTextMediaType(type), false, type);
  assert.equal(looksBinary(Buffer.from('PK\x03\x04rest', 'latin1')), true);
  assert.equal(looksBinary(Buffer.from('x'.repeat(600) + '\x00', 'latin1')), false, 'only the first 512 bytes are sniffed');
  assert.equal(looksBinary(Buffer.from('plain text')), false);
});
