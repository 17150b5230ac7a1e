import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BulwarkError, ERROR_CODES, isBulwarkError, type ErrorCode } from './errors.js';

const ERRORS_DOC = new URL('../../docs/errors.md', import.meta.url);

/** The lines under `## <title>` up to the next level-2 heading. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  assert.notEqual(start, -1, `docs/errors.md has no "## ${title}" section`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** Cells of the table rows whose first cell is a code span: `| \`X\` | ... |` → ['X', ...]. */
function tableRows(lines: readonly string[]): string[][] {
  return lines
    .filter((line) => line.startsWith('|'))
    .map((line) => line.replace(/^\|/, '').replace(/\|\s*$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim()))
    .filter((cells) => /^`[^`]+`$/.test(cells[0] ?? ''))
    .map((cells) => [(cells[0] ?? '').slice(1, -1), ...cells.slice(1)]);
}

const documented = tableRows(section(readFileSync(ERRORS_DOC, 'utf8'), 'Error codes'));
const documentedCodes = documented.map((cells) => cells[0] ?? '');

test('every error code is documented in docs/errors.md', () => {
  const missing = Object.keys(ERROR_CODES).filter((code) => !documentedCodes.includes(code));
  assert.deepEqual(missing, [], `add these codes to the "Error codes" section of docs/errors.md: ${missing.join(', ')}`);
});

test('docs/errors.md lists no unknown error code, and each code once', () => {
  const unknown = documentedCodes.filter((code) => !(code in ERROR_CODES));
  assert.deepEqual(unknown, [], `docs/errors.md lists codes that ERROR_CODES does not have: ${unknown.join(', ')}`);
  assert.equal(new Set(documentedCodes).size, documentedCodes.length, 'a code is listed twice in docs/errors.md');
});

test('every documented code has a meaning and says what to do', () => {
  for (const [code, meaning, when, todo] of documented) {
    assert.ok(meaning !== undefined && meaning !== '', `${code}: meaning is empty`);
    assert.ok(when !== undefined && when !== '', `${code}: "when it happens" is empty`);
    assert.ok(todo !== undefined && todo !== '', `${code}: "what to do" is empty`);
  }
});

test('codes are <AREA>_<WHAT> and each has a one-line meaning', () => {
  for (const [code, meaning] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^[A-Z]+_[A-Z0-9]+(?:_[A-Z0-9]+)*$/);
    assert.ok(meaning.length > 0 && !meaning.includes('\n'), `${code}: meaning must be one non-empty line`);
  }
});

test('BulwarkError carries its code, cause and details', () => {
  const cause = new Error('EACCES');
  const error = new BulwarkError('CONFIG_READ_FAILED', 'bulwark.yaml: cannot read the file', { cause, details: [{ path: '' }] });
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'BulwarkError');
  assert.equal(error.code, 'CONFIG_READ_FAILED' satisfies ErrorCode);
  assert.equal(error.cause, cause);
  assert.deepEqual(error.details, [{ path: '' }]);
  assert.ok(isBulwarkError(error));
});

test('a BulwarkError without a cause has none, and other errors are not BulwarkErrors', () => {
  const error = new BulwarkError('CLI_ARGUMENT_INVALID', '--port: "x" is not a port number');
  assert.equal('cause' in error, false);
  assert.equal(error.details, undefined);
  assert.equal(isBulwarkError(new Error('x')), false);
  assert.equal(isBulwarkError({ code: 'CONFIG_INVALID' }), false);
  assert.equal(isBulwarkError(undefined), false);
});
