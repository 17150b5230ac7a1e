import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandWordAt } from './command-start.js';

test('a command name is found past spaces, braces and parentheses', () => {
  assert.equal(commandWordAt('; cat /etc/passwd', 1, false), 2);
  assert.equal(commandWordAt(';{cat,/etc/passwd}', 1, false), 2);
  assert.equal(commandWordAt(';(id)', 1, false), 2);
  assert.equal(commandWordAt('\n\nid', 0, true), 2);
  assert.equal(commandWordAt('x;\nid', 2, false), -1, 'a newline after a separator is a position of its own');
});

test('names of any length, keywords, Windows names with .exe and cmdlets begin like commands', () => {
  for (const word of ['id', 'ls -la', 'cat x', 'whoami', 'WHOAMI', 'cmd.exe /c', 'sc.exe query', 'Invoke-WebRequest x', 'if [ 1 ]', 'lsb_release']) {
    assert.notEqual(commandWordAt(word, 0, true), -1, word);
  }
});

test('paths, variables, quotes and disguised names go on to be read', () => {
  for (const word of ['/bin/sh', '\\\\host\\x', '%COMSPEC%', '$a$b', '"id"', "c''at", "wh''oami", 'c\\at', 'w^hoami', 'C:\\Windows', 'ca$@t']) {
    assert.notEqual(commandWordAt(word, 0, true), -1, word);
  }
});

test('words no command begins like are dismissed', () => {
  for (const word of ['Please leave', 'Running shoes', 'en-US', 'q=0.9', 'Win64', 'x64)', "O'Neil", "We're", 'a', 'idx', 'cats', '', ' ', 'été']) {
    assert.equal(commandWordAt(word, 0, true), -1, word);
  }
});
