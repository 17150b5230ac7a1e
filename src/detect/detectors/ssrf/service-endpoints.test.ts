import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServiceEndpoint } from './service-endpoints.js';

test('ports of non-web services and paths of management APIs', () => {
  for (const port of ['6379', '11211', '9200', '2375', '22', '5432']) assert.ok(isServiceEndpoint(port, '/'), port);
  for (const path of ['/actuator/env', '/v1/kv/?recurse', '/_cat/indices', '/latest/meta-data/', '/computeMetadata/v1/', '/server-status', '/containers/json', '/jolokia']) {
    assert.ok(isServiceEndpoint('', path), path);
  }
});

test('web pages on development ports are not', () => {
  for (const [port, path] of [['3000', '/admin'], ['5173', '/checkout?step=2'], ['8080', '/app/page?x=1'], ['', '/environment'], ['', '/actuators'], ['', ''], ['99999999', '/'], ['80x', '/']]) {
    assert.equal(isServiceEndpoint(port!, path!), false, `${port} ${path}`);
  }
});
