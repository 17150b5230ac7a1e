import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../core/config/load-config.js';
import { BulwarkError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { GatewayConfigSchema, type GatewayConfig } from './gateway-config.js';
import { fixedOverload } from './overload.js';
import { compileRuntime } from './runtime.js';
import { createUpstreamRegistry } from './upstreams.js';

const deps = { logger: createLogger({ level: 'silent' }), overload: fixedOverload(), isTrustedProxy: () => false };

function compile(yaml: string) {
  const config = parseConfigText<GatewayConfig>(yaml, GatewayConfigSchema, 'test.yaml', {});
  const upstreams = createUpstreamRegistry();
  try {
    return compileRuntime(config, deps, upstreams);
  } finally {
    void upstreams.closeAll();
  }
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BulwarkError);
    assert.equal(error.code, 'CONFIG_INVALID');
    return error.message;
  }
  assert.fail('expected CONFIG_INVALID');
}

test('route overrides deep-merge over the global stage config; other routes keep the global one', () => {
  const runtime = compile(`
stages:
  limits: { body: { maxBytes: 1kb }, json: { maxDepth: 10 } }
routes:
  - name: uploads
    match: { pathPrefix: /uploads }
    upstream: { url: "http://127.0.0.1:1" }
    stages: { limits: { body: { maxBytes: 5mb }, mode: monitor } }
  - name: api
    upstream: { url: "http://127.0.0.1:1" }
`);
  const uploads = runtime.routes[0]!.stageConfigs.limits as { body: { maxBytes: number }; json: { maxDepth: number }; mode: string };
  const api = runtime.routes[1]!.stageConfigs.limits as typeof uploads;
  assert.equal(uploads.body.maxBytes, 5 * 1024 * 1024);
  assert.equal(uploads.json.maxDepth, 10, 'untouched keys come from the global config');
  assert.equal(uploads.mode, 'monitor');
  assert.equal(api.body.maxBytes, 1024);
  assert.equal(api.mode, 'enforce');
  assert.equal(runtime.routes[0]!.requestStages.find((s) => s.name === 'limits')?.mode, 'monitor');
});

test('disabled stages are not compiled; response stages run in reverse order', () => {
  const runtime = compile(`
routes:
  - name: api
    upstream: { url: "http://127.0.0.1:1" }
    stages: { ip: { enabled: false }, access: { enabled: false } }
`);
  const route = runtime.routes[0]!;
  assert.ok(!route.requestStages.some((s) => s.name === 'ip'));
  assert.deepEqual(route.requestStages.map((s) => s.name), ['limits', 'threats'], 'headers has no request phase without CORS; identity none without issuers; contract none without a document');
  assert.deepEqual(route.responseStages.map((s) => s.name), ['headers']);
});

test('an invalid override names the route key path', () => {
  const message = messageOf(() => compile(`
routes:
  - name: api
    upstream: { url: "http://127.0.0.1:1" }
  - name: bad
    upstream: { url: "http://127.0.0.1:1" }
    stages: { limits: { body: { maxBytes: lots } } }
`));
  assert.match(message, /routes\[1\]\.stages\.limits\.body\.maxBytes must be a size/);
});

test('errors thrown while compiling a stage carry the key path', () => {
  const message = messageOf(() => compile(`
stages:
  ip: { allow: [10.0.0.0/8, 300.1.1.1] }
routes:
  - name: api
    upstream: { url: "http://127.0.0.1:1" }
`));
  assert.match(message, /stages\.ip.*allow\[1\].*300\.1\.1\.1/);
});

test('an unknown stage name in a route override is rejected at load', () => {
  assert.throws(() => parseConfigText(`
routes:
  - name: api
    upstream: { url: "http://127.0.0.1:1" }
    stages: { firewall: {} }
`, GatewayConfigSchema, 'test.yaml', {}), (error: unknown) => error instanceof BulwarkError && /routes\[0\]\.stages\.firewall is not a known key/.test(error.message));
});

test('route names must be unique', () => {
  assert.match(messageOf(() => compile(`
routes:
  - { name: api, upstream: { url: "http://127.0.0.1:1" } }
  - { name: api, upstream: { url: "http://127.0.0.1:2" } }
`)), /used twice/);
});
