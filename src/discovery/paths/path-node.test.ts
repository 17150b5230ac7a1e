import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, addShape, collectExamples, countNodes, createParam, createStatic, MEMBER_CAP, removeMember, SHAPE_CAP } from './path-node.js';

const example = (path: string) => ({ method: 'GET', path });

test('static nodes know their suffix and the kind of the rest, in context', () => {
  assert.deepEqual([createStatic('users', undefined, 0).kind, createStatic('users', undefined, 0).suffix], ['word', '']);
  const file = createStatic('octocat.json', 'avatars', 1);
  assert.deepEqual([file.kind, file.suffix], ['literal', '.json']);
  assert.equal(createStatic('2024-01', 'api', 1).kind, 'version');
  assert.equal(createParam('.json').key, '.json');
});

test('shapes: new ones report true, the sets stop growing at the cap', () => {
  const node = createStatic('users', undefined, 0);
  assert.equal(addShape(node, 'a', false), true);
  assert.equal(addShape(node, 'a', false), false);
  assert.equal(addShape(node, 'a', true), true, 'new as an own shape');
  for (let index = 0; index < SHAPE_CAP * 2; index++) addShape(node, `s${index}`, true);
  assert.equal(node.shapes?.size, SHAPE_CAP);
  assert.equal(node.ownShapes?.size, SHAPE_CAP);
  assert.equal(addShape(node, 'one-more', true), false);
});

test('members: distinct, first MEMBER_CAP kept, the rest flagged; removable', () => {
  const param = createParam('');
  for (let index = 0; index < MEMBER_CAP + 10; index++) addMember(param, `v${index % (MEMBER_CAP + 5)}`, example(`/x/v${index}`));
  assert.equal(param.members?.length, MEMBER_CAP);
  assert.equal(param.moreMembers, true);
  addMember(createParam(''), 'x', example('/x'));
  assert.deepEqual(removeMember(param, 'v3'), { value: 'v3', example: example('/x/v3') });
  assert.equal(removeMember(param, 'v3'), undefined);
  assert.equal(param.members?.length, MEMBER_CAP - 1);
});

test('counting and collecting walk the whole subtree', () => {
  const root = createStatic('', undefined, 0);
  const users = createStatic('users', undefined, 0);
  const param = createParam('');
  users.example = example('/users/1');
  param.example = example('/users/2');
  addMember(param, 'octocat', example('/users/octocat'));
  root.statics = new Map([['users', users]]);
  users.params = new Map([['', param]]);
  assert.equal(countNodes(root), 3);
  assert.deepEqual(collectExamples(root).map((entry) => entry.path), ['/users/1', '/users/2', '/users/octocat']);
});
