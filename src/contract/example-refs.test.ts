import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRemoteRef, isExampleValuePath, remoteRefMarker, UNRESOLVED_REMOTE } from './example-refs.js';

test('example values are told apart from keywords and from names the author chose', () => {
  const cases: [string, boolean][] = [
    ['#/paths/~1users/get/responses/200/content/application~1json/example', true],
    ['#/paths/~1users/get/responses/200/content/application~1json/example/scim/$ref', true],
    ['#/paths/~1users/get/responses/200/content/application~1json/examples/alice/value/id', true],
    ['#/paths/~1users/get/responses/200/content/application~1json/examples/alice', false],
    ['#/components/examples/example/value', true],
    ['#/components/examples/example', false],
    ['#/components/schemas/User/examples/0/manager', true],
    ['#/components/schemas/User/properties/example', false],
    ['#/components/schemas/example/properties/id', false],
    ['#/components/schemas/User/properties/examples/items', false],
    ['#/paths/~1users/get/responses/200/examples/application~1json/id', true],
    ['#/components/schemas/User/properties/id/example', true],
    ['#/paths/~1example/get/responses/200', false],
  ];
  for (const [pointer, expected] of cases) assert.equal(isExampleValuePath(pointer), expected, pointer);
});

test('a remote reference is found outside examples, written or dereferenced into the marker', () => {
  const document = {
    paths: { '/scim': { get: { responses: { 200: { content: { 'application/json': { example: { $ref: 'https://api.example.com/scim/1' } } } } } } } },
    components: { schemas: { A: { properties: { example: { $ref: 'http://example.invalid/a.yaml#/A' } } } } },
  };
  assert.deepEqual(findRemoteRef(document), { pointer: '/components/schemas/A/properties/example', url: 'http://example.invalid/a.yaml#/A' });
  delete (document.components.schemas.A.properties as Record<string, unknown>).example;
  assert.equal(findRemoteRef(document), undefined, 'the reference left is inside an example');
  const cyclic: Record<string, unknown> = { components: { schemas: { B: { [UNRESOLVED_REMOTE]: 'https://x.invalid/b' } } } };
  cyclic.self = cyclic;
  assert.deepEqual(findRemoteRef(cyclic), { pointer: '/components/schemas/B', url: 'https://x.invalid/b' });
});

test('the replaced http resolver reads nothing and puts the marker where the pointer leads', () => {
  assert.equal(remoteRefMarker.canRead.test('https://api.github.com/scim/v2/Users/1'), true);
  assert.equal(remoteRefMarker.canRead.test('./schemas.yaml'), false);
  const read = JSON.parse(remoteRefMarker.read({ url: 'https://x.invalid/s.yaml', hash: '#/components/a~1b' })) as Record<string, Record<string, unknown>>;
  assert.deepEqual(read.components?.['a/b'], { [UNRESOLVED_REMOTE]: 'https://x.invalid/s.yaml#/components/a~1b' });
});

test('a key holding `%` is a name like any other, not a broken URI escape', () => {
  const document = { components: { schemas: { A: { properties: { '100%': { $ref: 'https://x.invalid/p' } } } } } };
  assert.deepEqual(findRemoteRef(document), { pointer: '/components/schemas/A/properties/100%', url: 'https://x.invalid/p' });
  assert.equal(isExampleValuePath('#/paths/~1a/get/responses/200/content/application~1json/example/50%'), true);
});
