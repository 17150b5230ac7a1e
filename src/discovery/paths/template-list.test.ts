import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRule } from './correction-rules.js';
import { insertKnown } from './known-match.js';
import { addMember, createParam, createStatic } from './path-node.js';
import { listTemplates } from './template-list.js';

test('lists templates with hits or document methods, sorted, with their parameters', () => {
  const root = createStatic('', undefined, 0);
  insertKnown(root, { method: 'get', template: '/users/{id}' });
  insertKnown(root, { template: '/health' });
  const users = root.statics!.get('users')!;
  users.hits = 0;
  const param = users.params!.get('')!;
  param.hits = 3;
  param.methods = new Set(['GET', 'DELETE']);
  param.kinds = new Set(['literal', 'integer']);
  addMember(param, 'octocat', { method: 'GET', path: '/users/octocat' });
  const repos = createStatic('repos', undefined, 2);
  repos.hits = 1;
  repos.methods = new Set(['GET']);
  param.statics = new Map([['repos', repos]]);
  const file = createParam('.json');
  file.hits = 2;
  repos.params = new Map([['.json', file]]);
  const list = listTemplates(root, createRule());
  assert.deepEqual(list.map((info) => info.template), ['/health', '/users/{id}', '/users/{id}/repos', '/users/{id}/repos/{repo}.json']);
  assert.deepEqual(list[0], { template: '/health', methods: [], documentedMethods: ['*'], known: true, hits: 0, params: [] });
  assert.deepEqual(list[1], {
    template: '/users/{id}', methods: ['DELETE', 'GET'], documentedMethods: ['GET'], known: true, hits: 3,
    params: [{ name: 'id', suffix: '', kinds: ['integer', 'literal'], members: ['octocat'], moreMembers: false, overflow: 0 }],
  });
  assert.equal(list[2]?.known, false);
  assert.deepEqual(list[3]?.params.map((entry) => [entry.name, entry.suffix]), [['id', ''], ['repo', '.json']]);
});

test('an empty tree lists nothing', () => {
  assert.deepEqual(listTemplates(createStatic('', undefined, 0), createRule()), []);
});
