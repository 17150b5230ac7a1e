import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrafficSample } from '../core/types.js';
import { openSqliteInventoryStore } from '../store/sqlite/sqlite-inventory-store.js';
import { createDiscovery } from './discovery-engine.js';

let counter = 0;
function sample(method: string, path: string, overrides: Partial<TrafficSample> = {}): TrafficSample {
  counter++;
  return {
    requestId: String(counter), time: new Date(Date.UTC(2026, 10, 20, 10, 0, counter % 60)).toISOString(), route: 'api', method, path, status: 200, durationMs: 3,
    requestHeaders: { host: 'api.example.com:8443', 'user-agent': 'test' }, responseHeaders: { 'content-type': 'application/json' }, ...overrides,
  };
}

const jwt = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"iss":"https://id.example.com/","scope":"users:read"}').toString('base64url')}.sig`;

function userSample(id: number): TrafficSample {
  return sample('GET', `/users/${id}`, {
    consumer: `client-${id % 3}`, query: [['fields', 'name,email']],
    requestHeaders: { host: 'api.example.com', authorization: `Bearer ${jwt}` },
    responseBody: { contentType: 'application/json', size: 80, value: { id, name: `User ${id}`, email: `user${id}@example.com`, card: '4111 1111 1111 1111', plan: id % 2 === 0 ? 'free' : 'pro' } },
  });
}

test('samples become operations: template, counts, consumers, auth, parameters, schemas and masked sensitive fields', () => {
  const discovery = createDiscovery();
  for (let id = 1; id <= 40; id++) discovery.ingest(userSample(id));
  discovery.ingest(sample('POST', '/users', { requestHeaders: { host: 'api.example.com' }, requestBody: { contentType: 'application/json', size: 20, value: { name: 'x', password: 'hunter2hunter2' } }, status: 201 }));
  const views = discovery.views();
  assert.deepEqual(views.map((view) => `${view.method} ${view.host} ${view.template.replace(/\{[^}]+\}/g, '{}')}`), ['POST api.example.com /users', 'GET api.example.com /users/{}']);
  const [post, get] = views;
  const idName = /\{([^}]+)\}/.exec(get!.template)![1]!;
  assert.equal(get!.calls, 40);
  assert.equal(get!.consumers, 3);
  assert.equal(get!.unauthenticatedCalls, 0);
  assert.deepEqual(get!.auth.map((auth) => [auth.kind, auth.issuers, auth.scopes]), [['bearer-jwt', ['https://id.example.com/'], ['users:read']]]);
  const parameterNames = get!.parameters.map((parameter) => `${parameter.in}:${parameter.name}`);
  assert.ok(parameterNames.includes(`path:${idName}`) && parameterNames.includes('query:fields'), parameterNames.join());
  assert.ok(!parameterNames.includes('header:authorization'), 'credentials are not parameters');
  assert.deepEqual(get!.parameters.find((parameter) => parameter.name === idName)!.schema.type, 'integer');
  const response = get!.responses.find((each) => each.status === '200')!;
  const properties = (response.schema as { properties: Record<string, { format?: string; enum?: unknown[] }> }).properties;
  assert.equal(properties.email!.format, 'email');
  assert.deepEqual(properties.plan!.enum?.slice().sort(), ['free', 'pro']);
  const sensitive = Object.fromEntries(get!.sensitive.map((field) => [field.name, field]));
  assert.deepEqual(sensitive['/email']!.types, ['email']);
  assert.deepEqual(sensitive['/card']!.types, ['payment-card']);
  const everything = JSON.stringify(views);
  assert.ok(!everything.includes('4111 1111 1111 1111') && !everything.includes('user7@example.com') && !everything.includes('hunter2'), 'no raw sensitive value anywhere');
  assert.ok(post!.sensitive.some((field) => field.direction === 'request' && field.types.includes('password')));
  assert.equal(post!.unauthenticatedCalls, 1);
});

test('the inventory is saved incrementally and survives a restart', async () => {
  const store = openSqliteInventoryStore({ path: ':memory:' });
  try {
    const first = createDiscovery({ store });
    for (let id = 1; id <= 30; id++) first.ingest(userSample(id));
    assert.equal(await first.save(), 1);
    assert.equal(await first.save(), 0, 'nothing changed, nothing written');
    const before = first.views();

    const second = createDiscovery({ store });
    assert.deepEqual(await second.load(), { operations: 1, skipped: 0 });
    assert.deepEqual(second.views(), before);
    second.ingest(userSample(31));
    const [after] = second.views();
    assert.equal(after!.calls, 31);
    assert.equal(after!.template, before[0]!.template, 'the restored path learner places new paths on the same template');
  } finally {
    await store.close();
  }
});

test('documented templates are used as they are written', () => {
  const discovery = createDiscovery({ knownTemplates: [{ method: 'GET', template: '/users/{id}' }, { method: 'GET', template: '/users/me' }] });
  discovery.ingest(userSample(5));
  discovery.ingest(sample('GET', '/users/me'));
  assert.deepEqual(discovery.views().map((view) => view.template).sort(), ['/users/me', '/users/{id}']);
});

test('the number of operations is capped: a flood of random paths cannot grow the inventory without bound', () => {
  const discovery = createDiscovery({ limits: { maxOperations: 50 } });
  for (let index = 0; index < 2000; index++) discovery.ingest(sample('GET', `/p${index}/q${index}/r${index}`));
  const stats = discovery.stats();
  assert.ok(stats.operations <= 50, String(stats.operations));
  assert.equal(stats.samples, 2000);
});

test('literals that turn out to be values (user names) fold into one operation with everything learned before', () => {
  const discovery = createDiscovery();
  const letters = 'bcdfghjklmnpqrstvwxz';
  const names = Array.from({ length: 40 }, (_, index) => `${letters[index % 20]}${letters[(index * 7) % 20]}${letters[(index * 3 + 5) % 20]}${letters[(index * 11 + 2) % 20]}qx`);
  for (const name of names) discovery.ingest(sample('GET', `/profiles/${name}`, { responseBody: { contentType: 'application/json', size: 30, value: { login: name, followers: 3 } } }));
  const views = discovery.views();
  assert.equal(views.length, 1, views.map((view) => view.template).join(' '));
  assert.match(views[0]!.template, /^\/profiles\/\{[a-z]+\}$/);
  assert.equal(views[0]!.calls, 40, 'the calls made while the names were still literals are kept');
});

test('the stored path state keeps no sensitive value from a path', async () => {
  const store = openSqliteInventoryStore({ path: ':memory:' });
  try {
    const discovery = createDiscovery({ store });
    discovery.ingest(sample('GET', '/users/alice.smith@example.com/orders'));
    discovery.ingest(sample('GET', '/cards/4111111111111111'));
    await discovery.save();
    const stored = JSON.stringify([...(await store.loadInventory()).state.values()]);
    assert.ok(!stored.includes('alice.smith@example.com') && !stored.includes('4111111111111111'), stored.slice(0, 400));
    assert.ok(stored.includes('xxxxx.xxxxx@xxxxxxx.xxx'), 'the form survives');
  } finally {
    await store.close();
  }
});
