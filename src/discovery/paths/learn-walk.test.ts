import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRule } from './correction-rules.js';
import { processMerges, recordShapes, walkLearn, walkResolve, type Dirty, type TreeEnv } from './learn-walk.js';
import { createStatic } from './path-node.js';

function env(overrides: Partial<TreeEnv> = {}): TreeEnv {
  return {
    root: createStatic('', undefined, 0), rules: createRule(), nodeCount: 1, nodeDelta: 0, merged: false, changed: false,
    minDistinct: 3, minDistinctUnshaped: 5, maxLiteralChildren: 10, maxNodes: 100, ...overrides,
  };
}

function learn(tree: TreeEnv, path: string, shape?: string) {
  const segments = path.split('/').filter(Boolean);
  const dirty: Dirty[] = [];
  const example = { method: 'GET', path };
  const steps = walkLearn(tree, { segments, shape, example }, dirty);
  if (steps !== undefined) recordShapes(steps, shape, dirty);
  processMerges(tree, dirty);
  return { steps, dirty };
}

test('statics are created for words and literals, parameters for ids', () => {
  const tree = env();
  const { steps, dirty } = learn(tree, '/users/42/repos');
  assert.deepEqual(steps?.map((step) => [step.node.isParam, step.node.key, step.value, step.kind]), [
    [false, '', undefined, undefined], [false, 'users', undefined, undefined], [true, '', '42', 'integer'], [false, 'repos', undefined, undefined],
  ]);
  assert.equal(tree.nodeCount, 4);
  assert.equal(tree.changed, true);
  assert.deepEqual(dirty.map((entry) => [entry.node.key, entry.depth]), [['', 2], ['', 0]], 'deepest first');
});

test('dirty entries come from new statics and from shapes new to a child', () => {
  const tree = env();
  learn(tree, '/users/octocat', 'user');
  const { dirty } = learn(tree, '/users/octocat', 'other');
  assert.deepEqual(dirty.map((entry) => [entry.node.key, entry.depth]), [['users', 1], ['', 0]]);
  assert.equal(learn(tree, '/users/octocat', 'other').dirty.length, 0);
});

test('merges happen after the walk, deepest first, and the path resolves in the new tree', () => {
  const tree = env();
  for (const name of ['octocat', 'torvalds']) learn(tree, `/users/${name}/repos`, 'repos');
  assert.equal(tree.root.statics?.get('users')?.statics?.size, 2);
  learn(tree, '/users/mojombo/repos', 'repos');
  const users = tree.root.statics?.get('users');
  assert.equal(users?.statics?.size, 0);
  assert.deepEqual(walkResolve(tree, ['users', 'anyone', 'repos'])?.map((step) => step.node.key), ['', 'users', '', 'repos']);
  assert.equal(walkResolve(tree, ['users', 'anyone', 'gists']), undefined);
});

test('bounds: a full position collapses into a parameter; past maxNodes nothing is created', () => {
  const tree = env({ maxLiteralChildren: 3 });
  for (const word of ['apple', 'banana', 'cherry']) learn(tree, `/fruits/${word}`, word);
  const { steps } = learn(tree, '/fruits/lemon', 'lemon');
  assert.equal(steps?.at(-1)?.node.isParam, true);
  assert.equal(steps?.at(-1)?.node.overflow, 1);
  const small = env({ maxNodes: 3 });
  assert.ok(learn(small, '/a/b').steps !== undefined);
  assert.equal(learn(small, '/a/b/c').steps, undefined);
  assert.equal(small.nodeCount, 3);
});

test('a pinned position with a full set of statics refuses new values', () => {
  const tree = env({ maxLiteralChildren: 2 });
  const users = createRule();
  users.isPinned = true;
  tree.rules.children.set('s:users', users);
  learn(tree, '/users/1');
  learn(tree, '/users/2');
  assert.equal(learn(tree, '/users/3').steps, undefined);
  assert.deepEqual([...tree.root.statics?.get('users')?.statics?.keys() ?? []], ['1', '2']);
});
