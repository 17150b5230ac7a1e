import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeFromState, nodeToState, restoreState, STATE_FORMAT, type NodeState } from './learner-state.js';
import { addMember, addShape, createParam, createStatic } from './path-node.js';

const budget = () => ({ nodes: 0, maxNodes: 100, maxDepth: 10 });

test('a node round-trips: counts, sets, members and children, keys sorted', () => {
  const root = createStatic('', undefined, 0);
  const users = createStatic('users', undefined, 0);
  const param = createParam('');
  param.hits = 4;
  param.methods = new Set(['POST', 'GET']);
  param.kinds = new Set(['literal']);
  param.overflow = 2;
  param.example = { method: 'GET', path: '/users/octocat', shape: 'user' };
  addShape(param, 'user', true);
  addMember(param, 'octocat', { method: 'GET', path: '/users/octocat' });
  root.statics = new Map([['users', users], ['__proto__', Object.assign(createStatic('__proto__', undefined, 0), { hits: 1 })]]);
  users.params = new Map([['', param]]);
  const state = nodeToState(root);
  assert.deepEqual(state?.statics?.map(([key]) => key), ['__proto__', 'users']);
  const again = nodeFromState(JSON.parse(JSON.stringify(state)), createStatic('', undefined, 0), 0, budget());
  assert.deepEqual(nodeToState(again), state);
  const restored = again.statics?.get('users')?.params?.get('');
  assert.deepEqual([...restored?.methods ?? []], ['GET', 'POST']);
  assert.equal(restored?.members?.[0]?.value, 'octocat');
  assert.equal(again.statics?.get('users')?.kind, 'word', 'kinds are computed again on restore');
});

test('nodes with nothing learned are left out (document-only nodes come from the document)', () => {
  const root = createStatic('', undefined, 0);
  root.statics = new Map([['health', createStatic('health', undefined, 0)]]);
  assert.equal(nodeToState(root), undefined);
});

test('malformed nodes and states are refused', () => {
  const bad: unknown[] = [
    [], { hits: 1.5 }, { methods: [1] }, { shapes: Array.from({ length: 65 }, (_, index) => `s${index}`) }, { example: { method: 'GET' } },
    { members: [{ value: 1 }] }, { members: {} }, { statics: [['', {}]] }, { statics: {} }, { params: [['x', 'y']] }, { kinds: ['x'] },
  ];
  for (const value of bad) assert.throws(() => nodeFromState(value, createStatic('', undefined, 0), 0, budget()), TypeError, JSON.stringify(value));
  const wide: NodeState = { statics: Array.from({ length: 200 }, (_, index): [string, NodeState] => [`n${index}`, { hits: 1 }]) };
  assert.throws(() => nodeFromState(wide, createStatic('', undefined, 0), 0, budget()), TypeError);
  assert.throws(() => restoreState({ format: 'x' } as never, createStatic('', undefined, 0), budget()), TypeError);
  assert.throws(() => restoreState({ format: STATE_FORMAT, root: {} } as never, createStatic('', undefined, 0), budget()), TypeError);
  assert.equal(restoreState({ format: STATE_FORMAT, untracked: 7, corrections: [], root: {} }, createStatic('', undefined, 0), budget()), 7);
});
