import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../../../core/config/load-config.js';
import { isBulwarkError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import { GatewayConfigSchema, type GatewayConfig } from '../../gateway-config.js';
import { fixedOverload } from '../../overload.js';
import { compileRuntime } from '../../runtime.js';
import { createUpstreamRegistry } from '../../upstreams.js';

const deps = { logger: createLogger({ level: 'silent' }), overload: fixedOverload(), isTrustedProxy: () => false };
const HTTP = '{ protocol: http, port: 0 }';
const HTTPS = (tls = '') => `{ protocol: https, port: 0, tls: { cert: c.pem, key: k.pem${tls} } }`;
const HASH = '$scrypt$ln=14,r=8,p=1$AQEBAQEBAQEBAQEBAQEBAQ$AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI';

/** The CONFIG_INVALID message compiling this config gives, or undefined when it compiles. */
function problemOf(listeners: string, identity: string, routeStages = ''): string | undefined {
  const config = parseConfigText<GatewayConfig>(`server:
  listeners: [${listeners}]
stages:
  identity: ${identity}
routes:
  - name: a
    upstream: { url: "http://127.0.0.1:1" }
${routeStages}
  - name: b
    match: { pathPrefix: /b }
    upstream: { url: "http://127.0.0.1:1" }
`, GatewayConfigSchema, 'test.yaml', {});
  const upstreams = createUpstreamRegistry();
  try {
    compileRuntime(config, deps, upstreams);
    return undefined;
  } catch (error) {
    assert.ok(isBulwarkError(error) && error.code === 'CONFIG_INVALID', String(error));
    return error.message;
  } finally {
    void upstreams.closeAll();
  }
}

test('basic without an https listener fails at load, naming stages.identity.basic once', () => {
  const basic = `{ basic: { enabled: true, users: [{ username: u, passwordHash: '${HASH}' }] } }`;
  const message = problemOf(HTTP, basic);
  assert.match(message ?? '', /^stages\.identity\.basic is enabled but no server\.listeners entry is https/);
  assert.equal(message?.split('\n').length, 1, 'reported once, not per route');
  assert.equal(problemOf(`${HTTP}, ${HTTPS()}`, basic), undefined);
  assert.equal(problemOf(HTTP, '{ basic: { enabled: false } }'), undefined);
  assert.equal(problemOf(HTTP, `{ enabled: false, basic: { enabled: true, users: [{ username: u, passwordHash: '${HASH}' }] } }`), undefined, 'a disabled stage needs nothing');
});

test('a route override enabling basic is named by its own key path', () => {
  const message = problemOf(HTTP, '{}', `    stages: { identity: { basic: { enabled: true, users: [{ username: u, passwordHash: '${HASH}' }] } } }`);
  assert.match(message ?? '', /^routes\[0\]\.stages\.identity\.basic is enabled/);
});

test('mtls needs an https listener that asks for client certificates', () => {
  assert.match(problemOf(HTTPS(), '{ mtls: { enabled: true } }') ?? '', /^stages\.identity\.mtls is enabled but no https listener asks for client certificates/);
  assert.equal(problemOf(HTTPS(', clientCertificates: request, clientCa: ca.pem'), '{ mtls: { enabled: true } }'), undefined);
});

test('a plaintext password is refused with the key path and without the value', () => {
  const message = problemOf(HTTPS(), '{ basic: { enabled: true, users: [{ username: u, passwordHash: "correct horse" }] } }') ?? '';
  assert.match(message, /stages\.identity basic\.users\[0\]\.passwordHash is not a scrypt hash/);
  assert.ok(!message.includes('correct horse'));
});
