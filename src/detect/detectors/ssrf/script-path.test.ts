import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_QUERY, SCRIPT_FRAGMENT, SCRIPT_PATH, scriptShape } from './script-path.js';

test('script and text extensions in the last segment, behind a fragment, and whether a query follows', () => {
  assert.equal(scriptShape('/shell.php'), SCRIPT_PATH);
  assert.equal(scriptShape('/c99.TXT?'), SCRIPT_PATH);
  assert.equal(scriptShape('/r57.txt?&cmd=id'), SCRIPT_PATH | HAS_QUERY);
  assert.equal(scriptShape('/index.php?page=2'), SCRIPT_PATH | HAS_QUERY);
  assert.equal(scriptShape('/shell.jpg#.php'), SCRIPT_FRAGMENT);
  assert.equal(scriptShape('\\share\\shell.php'), SCRIPT_PATH);
  assert.equal(scriptShape('/x.txt??'), SCRIPT_PATH);
  for (const rest of ['', '/', '/about', '/img/cat.png', '/dir.php/', '/a.php5x', '/x?file=a.php', '#/route']) assert.equal(scriptShape(rest) & (SCRIPT_PATH | SCRIPT_FRAGMENT), 0, rest);
});

test('linear on long tails', () => {
  assert.equal(scriptShape(`/${'.'.repeat(100_000)}`), 0);
  assert.equal(scriptShape(`/${'?'.repeat(100_000)}`), 0);
});
