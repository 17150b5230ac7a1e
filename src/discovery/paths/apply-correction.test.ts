import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCorrection } from './apply-correction.js';
import { createRule } from './correction-rules.js';
import { processMerges, recordShapes, walkLearn, type Dirty, type TreeEnv } from './learn-walk.js';
import { countNodes, createStatic } from './path-node.js';

function learned(paths: string[]): TreeEnv {
  const tree: TreeEnv = {
    root: createStatic('', undefined, 0), rules: createRule(), nodeCount: 1, nodeDelta: 0, merged: false, changed: false,
    minDistinct: 3, minDistinctUnshaped: 5, maxLiteralChildren: 100, maxNodes: 1000,
  };
  for (const path of paths) {
    const dirty: Dirty[] = [];
    const steps = walkLearn(tree, { segments: path.split('/').filter(Boolean), shape: 'same', example: { method: 'GET', path, shape: 'same' } }, dirty);
    if (steps !== undefined) recordShapes(steps, 'same', dirty);
    processMerges(tree, dirty);
  }
  tree.nodeCount += tree.nodeDelta;
  tree.nodeDelta = 0;
  return tree;
}

// Three literals merge (minDistinct 3); members are added by the learner's record step, not tested here.
const USERS = ['/users/octocat/repos', '/users/torvalds/repos', '/users/mojombo'];

test('split removes the learned parameter and returns every request it remembers', () => {
  const tree = learned(USERS);
  const users = tree.root.statics?.get('users');
  assert.equal(users?.params?.size, 1);
  const replay = applyCorrection(tree, { action: 'split', template: '/users/{user}/repos' , param: 'user' });
  assert.equal(users?.params?.size, 0);
  assert.deepEqual(replay.map((example) => example.path).sort(), [...USERS].sort());
  assert.equal(tree.nodeCount, countNodes(tree.root));
  assert.equal(tree.rules.children.get('s:users')?.isPinned, true);
});

test('literal takes one value out of the members and returns the requests that used it', () => {
  const tree = learned(USERS);
  const replay = applyCorrection(tree, { action: 'literal', template: '/users/torvalds' });
  assert.deepEqual([...new Set(replay.map((example) => example.path))], ['/users/torvalds/repos']);
  const members = tree.root.statics?.get('users')?.params?.get('')?.members?.map((member) => member.value);
  assert.deepEqual(members, ['octocat', 'mojombo']);
});

test('merge absorbs the siblings now; rename and unknown positions change nothing now', () => {
  const tree = learned(['/teams/alpha', '/teams/bravo']);
  assert.deepEqual(applyCorrection(tree, { action: 'merge', template: '/teams/{team}' }), []);
  assert.equal(tree.root.statics?.get('teams')?.statics?.size, 0);
  assert.deepEqual(tree.root.statics?.get('teams')?.params?.get('')?.members?.map((member) => member.value), ['alpha', 'bravo']);
  assert.deepEqual(applyCorrection(tree, { action: 'rename', template: '/teams/{team}', name: 'squad' }), []);
  assert.deepEqual(applyCorrection(tree, { action: 'split', template: '/nowhere/{x}' }), []);
  assert.equal(tree.rules.children.get('s:nowhere')?.isPinned, true, 'the rule waits for the position');
});
