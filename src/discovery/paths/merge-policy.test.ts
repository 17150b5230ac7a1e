import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRule } from './correction-rules.js';
import { considerMerge, joinsParam, type MergeContext } from './merge-policy.js';
import { addShape, createParam, createStatic, type PathNode } from './path-node.js';

const context = (): MergeContext => ({ minDistinct: 3, minDistinctUnshaped: 5, nodeDelta: 0, merged: false, changed: false });

function parentWith(children: [string, string | undefined][]): PathNode {
  const parent = createStatic('users', undefined, 0);
  parent.statics = new Map();
  for (const [key, shape] of children) {
    const child = createStatic(key, 'users', 1);
    child.example = { method: 'GET', path: `/users/${key}` };
    if (shape !== undefined) addShape(child, shape, true);
    parent.statics.set(key, child);
  }
  return parent;
}

test('joins: ids always, literals unless their shape contradicts, words only on evidence, versions never', () => {
  const param = createParam('');
  addShape(param, 'user', true);
  param.kinds = new Set(['literal']);
  param.methods = new Set(['GET']);
  const ended = (shape?: string) => ({ shape, ended: true, method: 'GET' });
  assert.equal(joinsParam(param, undefined, 'integer', ended('anything')), true);
  assert.equal(joinsParam(param, undefined, 'literal', ended('user')), true);
  assert.equal(joinsParam(param, undefined, 'literal', ended(undefined)), true);
  assert.equal(joinsParam(param, undefined, 'literal', ended('session')), false);
  assert.equal(joinsParam(param, undefined, 'literal', { shape: 'session', ended: false }), true);
  assert.equal(joinsParam(param, undefined, 'word', ended('user')), true);
  assert.equal(joinsParam(param, undefined, 'word', ended('search')), false);
  assert.equal(joinsParam(param, undefined, 'word', ended(undefined)), true, 'a failed request contradicts nothing');
  assert.equal(joinsParam(param, undefined, 'word', { shape: 'user', ended: true, method: 'POST' }), false, 'a method no value had');
  assert.equal(joinsParam(param, undefined, 'version', ended('user')), false);
  const pinned = createRule();
  pinned.isPinned = true;
  assert.equal(joinsParam(param, pinned, 'integer', ended('user')), false);
  const forced = createRule();
  forced.forced.add('');
  assert.equal(joinsParam(param, forced, 'version', ended('x')), true);
});

test('merge needs minDistinct literals sharing a shape', () => {
  const below = parentWith([['octocat', 'user'], ['torvalds', 'user'], ['mojombo', 'other']]);
  assert.equal(considerMerge(below, undefined, '', context()), undefined);
  const enough = parentWith([['octocat', 'user'], ['torvalds', 'user'], ['mojombo', 'user'], ['search', 'search']]);
  const run = context();
  const param = considerMerge(enough, undefined, '', run);
  assert.ok(param !== undefined, 'merged');
  assert.deepEqual([...enough.statics?.keys() ?? []], ['search'], 'the word with its own shape stays');
  assert.deepEqual(param.members?.map((member) => member.value), ['octocat', 'torvalds', 'mojombo']);
  assert.equal(run.nodeDelta, 1 - 3, 'one parameter in, three literals out');
  assert.equal(run.merged, true);
  assert.equal(run.changed, true);
});

test('without shapes the larger threshold applies; words never count', () => {
  assert.equal(considerMerge(parentWith([['octocat', undefined], ['torvalds', undefined], ['mojombo', undefined], ['defunkt', undefined]]), undefined, '', context()), undefined);
  const five = parentWith([['octocat', undefined], ['torvalds', undefined], ['mojombo', undefined], ['defunkt', undefined], ['wycats', undefined]]);
  assert.ok(considerMerge(five, undefined, '', context()) !== undefined);
  const words = parentWith([['apple', 'x'], ['banana', 'x'], ['cherry', 'x'], ['lemon', 'x'], ['melon', 'x']]);
  assert.equal(considerMerge(words, undefined, '', context()), undefined);
});

test('words join only a parameter that holds names, and only where its values end or lead on', () => {
  const ids = createParam('');
  addShape(ids, 'release', true);
  ids.kinds = new Set(['integer']);
  ids.methods = new Set(['GET']);
  assert.equal(joinsParam(ids, undefined, 'word', { shape: 'release', ended: true, method: 'GET' }), false, '/releases/latest beside /releases/{id}');
  const names = createParam('');
  names.kinds = new Set(['literal']);
  addShape(names, 'pulls', false);
  names.statics = new Map([['pulls', createStatic('pulls', undefined, 3)]]);
  names.params = new Map([['', createParam('')]]);
  const goesOn = (next: string) => joinsParam(names, undefined, 'word', { shape: 'pulls', ended: false, next });
  assert.equal(goesOn('pulls'), true, 'hello-world/pulls beside {repo}/pulls');
  assert.equal(goesOn('42'), true, 'a value of the child parameter');
  assert.equal(goesOn('forks.json'), true, 'an extension falls under the whole-segment child parameter');
  names.params = undefined;
  assert.equal(goesOn('42'), false, '/pulls/comments/42 where no value of {pull} leads to an id');
});

test('a word joins an existing parameter when its shapes and methods are all the parameter has seen', () => {
  const parent = parentWith([['react', 'repo'], ['search', 'search']]);
  const param = createParam('');
  addShape(param, 'repo', true);
  param.kinds = new Set(['literal']);
  param.methods = new Set(['GET']);
  for (const child of parent.statics?.values() ?? []) child.methods = new Set(['GET']);
  parent.params = new Map([['', param]]);
  considerMerge(parent, undefined, '', context());
  assert.deepEqual([...parent.statics?.keys() ?? []], ['search']);
  assert.deepEqual(param.members?.map((member) => member.value), ['react']);
});

test('rules: literal values, pinned positions and forced merges', () => {
  const rule = createRule();
  rule.literals.add('octocat');
  const parent = parentWith([['octocat', 'user'], ['torvalds', 'user'], ['mojombo', 'user'], ['defunkt', 'user']]);
  considerMerge(parent, rule, '', context());
  assert.deepEqual([...parent.statics?.keys() ?? []], ['octocat']);
  rule.isPinned = true;
  const pinned = parentWith([['octocat', 'user'], ['torvalds', 'user'], ['mojombo', 'user']]);
  assert.equal(considerMerge(pinned, rule, '', context()), undefined);
  const forced = createRule();
  forced.forced.add('');
  const words = parentWith([['alpha', undefined], ['bravo', undefined]]);
  assert.ok(considerMerge(words, forced, '', context()) !== undefined);
  assert.equal(words.statics?.size, 0);
});

test('only siblings with the same suffix merge together', () => {
  const parent = parentWith([['octocat.json', 'user'], ['torvalds.json', 'user'], ['mojombo', 'user'], ['defunkt.json', 'user']]);
  const param = considerMerge(parent, undefined, '.json', context());
  assert.equal(param?.key, '.json');
  assert.deepEqual([...parent.statics?.keys() ?? []], ['mojombo']);
  assert.deepEqual(param.members?.map((member) => member.value), ['octocat', 'torvalds', 'defunkt']);
});
