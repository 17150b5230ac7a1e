import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob } from './glob.js';

test('exact patterns match only themselves', () => {
  const match = compileGlob('query.q');
  assert.equal(match('query.q'), true);
  assert.equal(match('query.qq'), false);
});

test('a star matches any run, including an empty one', () => {
  assert.equal(compileGlob('sqli.*')('sqli.union-select'), true);
  assert.equal(compileGlob('sqli.*')('xss.script-tag'), false);
  assert.equal(compileGlob('body.$.*.comment')('body.$.posts[0].comment'), true);
  assert.equal(compileGlob('body.$.*.comment')('body.$.comment'), false, 'the dot after the star is literal');
  assert.equal(compileGlob('*.comment')('body.$.comment'), true);
  assert.equal(compileGlob('a*b*c')('abc'), true);
  assert.equal(compileGlob('a*b*c')('acb'), false);
  assert.equal(compileGlob('*')('anything'), true);
});

test('head and tail may not overlap', () => {
  assert.equal(compileGlob('ab*ba')('aba'), false);
  assert.equal(compileGlob('ab*ba')('abba'), true);
});

test('a pattern full of stars against a long near-miss completes (no backtracking)', () => {
  const match = compileGlob(`${'a*'.repeat(200)}b`);
  assert.equal(match('a'.repeat(100_000)), false);
});
