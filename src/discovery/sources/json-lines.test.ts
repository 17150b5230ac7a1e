import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonProblem, readJsonLines, type JsonLine } from './json-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-json-lines-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

async function linesOf(content: string | Buffer, options: { maxLineBytes?: number; maxBytes?: number } = {}): Promise<{ lines: JsonLine[]; isTruncated: boolean }> {
  fileCount += 1;
  const path = join(dir, `file-${fileCount}.log`);
  writeFileSync(path, content);
  const lines: JsonLine[] = [];
  const { isTruncated } = await readJsonLines(path, { maxLineBytes: options.maxLineBytes ?? 1024, maxBytes: options.maxBytes ?? Number.POSITIVE_INFINITY }, (line) => lines.push(line));
  return { lines, isTruncated };
}

test('one record per line, numbered from 1; blank lines are numbered but not reported', async () => {
  const { lines, isTruncated } = await linesOf('{"a":1}\n\n  \r\n{"b":2}\r\n{"c":3}');
  assert.deepEqual(lines, [{ line: 1, record: { a: 1 } }, { line: 4, record: { b: 2 } }, { line: 5, record: { c: 3 } }]);
  assert.equal(isTruncated, false);
});

test('a byte-order mark on the first line is ignored', async () => {
  assert.deepEqual((await linesOf('\uFEFF{"a":1}\n')).lines, [{ line: 1, record: { a: 1 } }]);
});

test('lines that are not JSON objects are reported with a problem, not the line text', async () => {
  const { lines } = await linesOf('{"a":\n[1,2]\n"text"\nnull\n{"password":"hunter2",}\n');
  assert.deepEqual(lines.map((line) => ('problem' in line ? line.problem : 'record')), [
    'not JSON: it ends early', 'not a JSON object', 'not a JSON object', 'not a JSON object', 'not JSON at column 23',
  ]);
  assert.ok(lines.every((line) => !('problem' in line) || !line.problem.includes('hunter2')));
});

test('nginx \\xHH escapes (no escape=json) get a hint', () => {
  assert.equal(jsonProblem('{"a":"\\x22"}'), 'not JSON at column 8 (\\xHH escapes: is the nginx log_format missing escape=json?)');
});

test('a line longer than the cap is skipped, and the next line still read', async () => {
  const long = `{"a":"${'x'.repeat(5000)}"}`;
  const { lines } = await linesOf(`{"n":1}\n${long}\n{"n":3}\n${long}`, { maxLineBytes: 1024 });
  assert.deepEqual(lines, [
    { line: 1, record: { n: 1 } },
    { line: 2, problem: 'longer than 1024 bytes' },
    { line: 3, record: { n: 3 } },
    { line: 4, problem: 'longer than 1024 bytes' },
  ]);
});

test('a line spread over many chunks is put together', async () => {
  const value = 'y'.repeat(700_000);
  const { lines } = await linesOf(`{"v":"${value}"}\n`, { maxLineBytes: 1024 * 1024 });
  assert.deepEqual(lines, [{ line: 1, record: { v: value } }]);
});

test('bytes that are not UTF-8 become U+FFFD instead of losing the line', async () => {
  const bytes = Buffer.concat([Buffer.from('{"uri":"/caf'), Buffer.from([0xc3, 0xa9, 0xff, 0xfe]), Buffer.from('"}\n')]);
  assert.deepEqual((await linesOf(bytes)).lines, [{ line: 1, record: { uri: '/café\ufffd\ufffd' } }]);
});

test('reading stops before the first line that ends past maxBytes', async () => {
  const content = '{"n":1}\n{"n":2}\n{"n":3}\n';
  const first = await linesOf(content, { maxBytes: 16 });
  assert.deepEqual(first.lines.map((line) => line.line), [1, 2]);
  assert.equal(first.isTruncated, true);
  const all = await linesOf(content, { maxBytes: 24 });
  assert.equal(all.lines.length, 3);
  assert.equal(all.isTruncated, false);
  const partial = await linesOf('{"n":1}\n{"n":2}', { maxBytes: 10 });
  assert.deepEqual(partial.lines.map((line) => line.line), [1]);
  assert.equal(partial.isTruncated, true);
});

test('an empty file has no lines', async () => {
  assert.deepEqual((await linesOf('')).lines, []);
});
