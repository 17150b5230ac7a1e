import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinBasePath, matchTemplate, templateSegments, type MatchCandidate } from './match-template.js';

const candidates: MatchCandidate<string>[] = [
  { method: 'GET', template: '/users/{id}', value: 'getUser' },
  { method: 'GET', template: '/users/me', value: 'getMe' },
  { method: 'GET', template: '/users/{id}/repos', value: 'listRepos' },
  { method: 'GET', template: '/exports/{exportId}.json', value: 'getExportJson' },
  { method: 'GET', template: '/{owner}/{repo}', value: 'getRepo' },
  { method: 'GET', template: '/{owner}/settings', value: 'getSettings' },
  { method: 'DELETE', template: '/users/{id}', value: 'deleteUser' },
];

test('parameter names do not matter; methods do', () => {
  assert.equal(matchTemplate('GET', '/users/{userId}', candidates), 'getUser');
  assert.equal(matchTemplate('DELETE', '/users/{userId}', candidates), 'deleteUser');
  assert.equal(matchTemplate('PATCH', '/users/{userId}', candidates), undefined);
});

test('static beats parameter, left to right', () => {
  assert.equal(matchTemplate('GET', '/users/me', candidates), 'getMe');
  assert.equal(matchTemplate('GET', '/users/42', candidates), 'getUser', 'a literal the learner kept is still the documented parameter');
  assert.equal(matchTemplate('GET', '/acme/settings', candidates), 'getSettings');
  assert.equal(matchTemplate('GET', '/acme/widgets', candidates), 'getRepo');
});

test('partial-segment parameters match framed segments only', () => {
  assert.equal(matchTemplate('GET', '/exports/{id}.json', candidates), 'getExportJson');
  assert.equal(matchTemplate('GET', '/exports/123.json', candidates), 'getExportJson');
  const exportsOnly = candidates.filter((candidate) => candidate.template.startsWith('/exports'));
  assert.equal(matchTemplate('GET', '/exports/123.csv', exportsOnly), undefined);
  assert.equal(matchTemplate('GET', '/exports/.json', exportsOnly), undefined);
  assert.equal(matchTemplate('GET', '/exports/123.csv', candidates), 'getRepo', 'the catch-all takes what the framed one does not');
});

test('segment counts must agree; trailing and doubled slashes do not count', () => {
  assert.equal(matchTemplate('GET', '/users/{id}/repos/{repo}', candidates), undefined);
  assert.equal(matchTemplate('GET', '/users/{id}/repos/', candidates), 'listRepos');
  assert.deepEqual(templateSegments('//a/{b}/c{d}.x'), ['a', '{}', 'c{}.x']);
});

test('base paths join without doubled slashes', () => {
  assert.equal(joinBasePath('/v2/', '/pets'), '/v2/pets');
  assert.equal(joinBasePath('', '/pets'), '/pets');
  assert.equal(joinBasePath('/api', 'pets'), '/api/pets');
});
