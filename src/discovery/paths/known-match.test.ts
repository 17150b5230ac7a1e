import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRule } from './correction-rules.js';
import { insertKnown, matchKnown } from './known-match.js';
import { createStatic, type PathNode } from './path-node.js';

function tree(...templates: string[]): PathNode {
  const root = createStatic('', undefined, 0);
  for (const template of templates) insertKnown(root, { method: 'GET', template });
  return root;
}

const keys = (root: PathNode, segments: string[]) => matchKnown(root, createRule(), segments)?.slice(1).map((step) => [step.node.key, step.value]);

test('statics beat parameters; the longest suffix wins among parameters', () => {
  const root = tree('/users/{id}', '/users/me', '/files/{name}', '/files/{name}.json');
  assert.deepEqual(keys(root, ['users', 'me']), [['users', undefined], ['me', undefined]]);
  assert.deepEqual(keys(root, ['users', '42']), [['users', undefined], ['', '42']]);
  assert.deepEqual(keys(root, ['files', 'a.json']), [['files', undefined], ['.json', 'a']]);
  assert.deepEqual(keys(root, ['files', 'a.xml']), [['files', undefined], ['', 'a.xml']]);
  assert.equal(keys(root, ['files', '.json'])?.[1]?.[0], '', 'a suffix alone is no value for the partial parameter');
});

test('backtracks from a static dead end to a parameter', () => {
  const root = tree('/users/me', '/users/{id}/repos');
  assert.deepEqual(keys(root, ['users', 'me', 'repos']), [['users', undefined], ['', 'me'], ['repos', undefined]]);
  assert.equal(keys(root, ['users', 'me', 'gists']), undefined);
  assert.equal(keys(root, ['users']), undefined, 'a prefix of a template is not a template');
});

test('document names and methods are recorded; learned nodes are not used', () => {
  const root = tree('/users/{login}');
  insertKnown(root, { template: '/users/{login}' });
  const param = root.statics?.get('users')?.params?.get('');
  assert.equal(param?.knownName, 'login');
  assert.deepEqual([...param?.knownMethods ?? []], ['GET', '*']);
  const learned = createStatic('learned', 'users', 1);
  learned.hits = 1;
  root.statics?.get('users')?.statics?.set('learned', learned);
  assert.deepEqual(keys(root, ['users', 'learned']), [['users', undefined], ['', 'learned']]);
  assert.equal(matchKnown(createStatic('', undefined, 0), createRule(), []), undefined, 'no document, nothing known');
});

test('the search is bounded even when every depth has a static and a parameter', () => {
  const templates: string[] = [];
  for (let depth = 1; depth <= 24; depth++) templates.push(`/${'{p}/'.repeat(depth - 1)}a`);
  const root = tree(...templates);
  const started = performance.now();
  const result = matchKnown(root, createRule(), Array.from({ length: 24 }, () => 'a').concat('zzz'));
  assert.equal(result, undefined);
  assert.ok(performance.now() - started < 50, 'bounded search');
});
