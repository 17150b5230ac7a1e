import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addRule, childRule, createRule, locateCorrection } from './correction-rules.js';

test('locates the parameter by name, or the last one', () => {
  const target = locateCorrection({ action: 'split', template: '/repos/{owner}/{repo}/issues', param: 'owner' });
  assert.deepEqual(target.prefix, [{ type: 'static', value: 'repos' }]);
  assert.deepEqual(target.part, { type: 'param', name: 'owner', suffix: '' });
  assert.equal(locateCorrection({ action: 'split', template: '/repos/{owner}/{repo}/issues' }).prefix.length, 2);
  assert.deepEqual(locateCorrection({ action: 'literal', template: '/users/{user}/me' }).part, { type: 'static', value: 'me' });
});

test('refuses corrections that name no position', () => {
  assert.throws(() => locateCorrection({ action: 'split', template: '/users/me' }), TypeError);
  assert.throws(() => locateCorrection({ action: 'split', template: '/users/{user}', param: 'nope' }), TypeError);
  assert.throws(() => locateCorrection({ action: 'literal', template: '/users/{user}' }), TypeError);
  assert.throws(() => locateCorrection({ action: 'rename', template: '/users/{user}', name: '1bad' }), TypeError);
  assert.throws(() => locateCorrection({ action: 'drop', template: '/users/{user}' } as never), TypeError);
});

test('rules sit at the position reached by the same steps as the tree', () => {
  const root = createRule();
  addRule(root, { action: 'rename', template: '/repos/{owner}/{repo}', name: 'repository' });
  addRule(root, { action: 'literal', template: '/users/me' });
  addRule(root, { action: 'merge', template: '/teams/{team}.json' });
  const owner = childRule(childRule(root, false, 'repos'), true, '');
  assert.equal(owner?.renames.get(''), 'repository');
  assert.equal(childRule(root, false, 'users')?.literals.has('me'), true);
  const teams = childRule(root, false, 'teams');
  assert.equal(teams?.forced.has('.json'), true);
  assert.equal(teams?.renames.get('.json'), 'team', 'a merge names the parameter as written');
  assert.equal(childRule(root, true, 'repos'), undefined, 'a parameter step is not a static one');
});

test('split and merge at one position: the later one wins', () => {
  const root = createRule();
  addRule(root, { action: 'merge', template: '/teams/{team}' });
  addRule(root, { action: 'split', template: '/teams/{team}' });
  const teams = childRule(root, false, 'teams')!;
  assert.equal(teams.isPinned, true);
  assert.equal(teams.forced.size, 0);
  addRule(root, { action: 'merge', template: '/teams/{team}' });
  assert.equal(teams.isPinned, false);
  assert.equal(teams.forced.has(''), true);
});
