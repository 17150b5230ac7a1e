import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSensitiveClassifier, type SensitiveDataClassifier } from '../sensitive/index.js';
import { createSensitiveFields, MAX_BODY_LOCATIONS, type SensitiveField } from './sensitive-fields.js';

/** The real classifier, counting its calls: how much work a walk asked for. */
function counting(): { classifier: SensitiveDataClassifier; calls: { classify: number; keyOf: number } } {
  const real = createSensitiveClassifier();
  const calls = { classify: 0, keyOf: 0 };
  const classifier: SensitiveDataClassifier = {
    types: real.types,
    classify: (key, value, parentKey) => {
      calls.classify++;
      return real.classify(key, value, parentKey);
    },
    keyOf: (key, parentKey) => {
      calls.keyOf++;
      return real.keyOf(key, parentKey);
    },
    classifyKeyed: (keyed, value) => {
      calls.classify++;
      return real.classifyKeyed(keyed, value);
    },
  };
  return { classifier, calls };
}

const typesOf = (fields: ReadonlyMap<string, SensitiveField>): Record<string, string[]> =>
  Object.fromEntries([...fields].filter(([, field]) => field.types.size > 0).map(([id, field]) => [id, [...field.types]]));

test('body fields are named by pointer, array items `*`, with the parent key for generic names', () => {
  const sensitive = createSensitiveFields(createSensitiveClassifier(), 128);
  sensitive.observeBody('response', { email: 'jane@example.com', cards: [{ number: '4000056655665556' }], 'a/b': { '~': 'jane@example.com' }, note: 'hello' });
  sensitive.observeBody('request', 'jane@example.com');
  assert.deepEqual(typesOf(sensitive.fields), {
    'response body /email': ['email'], 'response body /cards/*/number': ['payment-card'], 'response body /a~1b/~0': ['email'], 'request body /': ['email'],
  });
  assert.deepEqual([...sensitive.sensitivePointers('response')].sort(), ['/a~1b/~0', '/cards/*/number', '/email']);
  assert.equal(sensitive.fields.get('response body /email')!.masked.includes('jane'), false, 'only a masked sample is kept');
});

test('clean body locations keep no field, and past 64 clean values are checked on about one value in 16', () => {
  const { classifier, calls } = counting();
  const sensitive = createSensitiveFields(classifier, 128);
  for (let index = 0; index < 64; index++) sensitive.observeBody('response', { name: `widget ${index}` });
  assert.equal(calls.classify, 64);
  for (let index = 0; index < 32; index++) sensitive.observeBody('response', { name: `widget ${index}` });
  assert.equal(calls.classify, 64 + 3, 'the 65th, 80th and 95th (a check counts twice in the streak)');
  assert.equal(sensitive.fields.size, 0, 'no entry for a clean location');
  assert.equal(calls.keyOf, 2, 'the field name is read once per location (the root and /name)');
});

test('a location that held a sensitive value is checked on every value and counts each', () => {
  const { classifier, calls } = counting();
  const sensitive = createSensitiveFields(classifier, 128);
  for (let index = 0; index < 100; index++) sensitive.observeBody('response', { contact: index === 0 ? 'jane@example.com' : `note ${index}` });
  assert.equal(calls.classify, 100);
  for (let index = 0; index < 20; index++) sensitive.observeBody('response', { contact: `user${index}@example.com` });
  assert.equal(sensitive.fields.get('response body /contact')!.calls, 21);
});

test('a restored field is the one the walk updates', () => {
  const restored: SensitiveField = { direction: 'response', in: 'body', name: '/email', types: new Set(['email']), masked: 'x***@example.com', calls: 5, clean: 0 };
  const sensitive = createSensitiveFields(createSensitiveClassifier(), 128, new Map([['response body /email', restored]]));
  sensitive.observeBody('response', { email: 'jane@example.com' });
  assert.equal(restored.calls, 6);
  assert.equal(restored.masked, 'x***@example.com', 'the first masked sample stays');
});

test('locations are capped; past the cap the walk still finds every sensitive value, by the same pointers', () => {
  const sensitive = createSensitiveFields(createSensitiveClassifier(), 128);
  const body: Record<string, unknown> = {};
  // Two locations and one leaf each: the cap is reached well within the leaves a body may have classified.
  for (let index = 0; index < MAX_BODY_LOCATIONS / 2 + 10; index++) body[`field${index}`] = { text: `value ${index}` };
  body.list = [{ email: 'jane@example.com' }];
  body.card = { number: '4000056655665556' };
  sensitive.observeBody('response', body);
  assert.equal(sensitive.locationCount, MAX_BODY_LOCATIONS);
  assert.deepEqual(typesOf(sensitive.fields), { 'response body /list/*/email': ['email'], 'response body /card/number': ['payment-card'] });
  for (let index = 0; index < 10; index++) sensitive.observeBody('response', body);
  assert.equal(sensitive.locationCount, MAX_BODY_LOCATIONS);
  // The root, 499 objects with their leaf and a 500th object fill the cap: the 11 other leaves and the two sensitive ones
  // are tracked by id in `fields`, as every field was before locations (within maxFields for clean ones).
  assert.equal(sensitive.fields.size, 13);
});

test('a body stops being classified after 1000 leaves', () => {
  const { classifier, calls } = counting();
  const sensitive = createSensitiveFields(classifier, 128);
  sensitive.observeBody('response', Array.from({ length: 1500 }, (_, index) => ({ email: `user${index}@example.com` })));
  assert.equal(calls.classify, 1000);
});

test('keys in another order, missing or new, still reach their own locations', () => {
  const sensitive = createSensitiveFields(createSensitiveClassifier(), 128);
  sensitive.observeBody('response', { a: 'x', email: 'jane@example.com', b: 'y' });
  sensitive.observeBody('response', { b: 'y', card: '4000056655665556', a: 'x' });
  sensitive.observeBody('response', { email: 'john@example.com', a: 'x', ip: '203.0.113.7' });
  assert.deepEqual(typesOf(sensitive.fields), { 'response body /email': ['email'], 'response body /card': ['payment-card'], 'response body /ip': ['ip-address'] });
  assert.equal(sensitive.fields.get('response body /email')!.calls, 2);
  assert.equal(sensitive.locationCount, 6);
});
