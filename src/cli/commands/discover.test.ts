import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { runCommand } from '../../../test/helpers/cli.js';
import { isBulwarkError } from '../../core/errors.js';
import { registerDiscoverCommand } from './discover.js';
import { registerInventoryCommand } from './inventory.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-discover-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An nginx JSON log (the documented keys) of a small API: users by id, a search, a deprecated export. */
function writeLog(): string {
  const lines: string[] = [];
  for (let id = 1; id <= 30; id++) {
    lines.push(JSON.stringify({ time_iso8601: '2026-11-29T10:00:00+00:00', request_method: 'GET', request_uri: `/api/users/${id}?fields=name`, host: 'api.example.com', status: '200', request_time: '0.004', auth_scheme: 'Bearer' }));
  }
  lines.push(JSON.stringify({ time_iso8601: '2026-11-29T10:01:00+00:00', request_method: 'GET', request_uri: '/api/export', host: 'api.example.com', status: '200', request_time: '0.010', auth_scheme: '' }));
  lines.push(JSON.stringify({ time_iso8601: '2026-11-29T10:02:00+00:00', request_method: 'GET', request_uri: '/api/admin/debug', host: 'api.example.com', status: '200', request_time: '0.010', auth_scheme: '' }));
  lines.push('{not json');
  const file = join(dir, 'access.log');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const DOCUMENT = `openapi: 3.1.0
info: { title: Users, version: '1' }
paths:
  /api/users/{id}:
    get:
      operationId: getUser
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
  /api/export:
    get: { operationId: export, deprecated: true, responses: { '200': { description: ok } } }
  /api/health:
    get: { operationId: health, responses: { '200': { description: ok } } }
`;

test('discover reads a log, reports bad lines, compares with a document and exports OpenAPI 3.1', async () => {
  const log = writeLog();
  const document = join(dir, 'api.yaml');
  writeFileSync(document, DOCUMENT);
  const output = join(dir, 'discovered.yaml');
  const out = await runCommand(registerDiscoverCommand, 'discover', [log, '--openapi', document, '-o', output]);
  assert.match(out, /access\.log: nginx, 32 samples, 1 skipped/);
  assert.match(out, /line 33: /);
  assert.match(out, /Shadow operations: called, not in any document \(1\)\n {2}GET api\.example\.com\/api\/admin\/debug ×1/);
  assert.match(out, /Zombie operations: deprecated or removed, still called \(1\)\n {2}GET api\.example\.com\/api\/export ×1 \(deprecated export\)/);
  assert.match(out, /Shadow parameters \(1\)\n {2}GET \/api\/users\/\{id\}: query fields ×30/);
  assert.match(out, /Documented, never called \(1\)\n {2}GET \/api\/health \(health\)/);
  const exported = parse(readFileSync(output, 'utf8')) as { openapi: string; paths: Record<string, unknown> };
  assert.equal(exported.openapi, '3.1.0');
  assert.deepEqual(Object.keys(exported.paths).sort(), ['/api/admin/debug', '/api/export', '/api/users/{id}'], 'documented templates are used as written');
});

test('--save adds to the stored inventory; inventory list / show / diff / export read it', async () => {
  const log = writeLog();
  const db = join(dir, 'inventory.db');
  await runCommand(registerDiscoverCommand, 'discover', ['--nginx', log, '--save', '--db', db]);
  const list = await runCommand(registerInventoryCommand, 'inventory', ['list', '--db', db]);
  assert.match(list, /^RISK\s+METHOD\s+PATH/);
  assert.match(list, /GET\s+\/api\/users\/\{[a-z]+\}\s+api\.example\.com\s+30/);
  const template = /\/api\/users\/\{[a-z]+\}/.exec(list)![0];
  const shown = await runCommand(registerInventoryCommand, 'inventory', ['show', 'get', template, '--db', db]);
  assert.match(shown, /calls 30/);
  assert.match(shown, /query fields \(always\)/);
  const json = JSON.parse(await runCommand(registerInventoryCommand, 'inventory', ['list', '--db', db, '--json'])) as { template: string; risk: number }[];
  assert.equal(json.length, 3);
  const exported = join(dir, 'inventory.json');
  assert.match(await runCommand(registerInventoryCommand, 'inventory', ['export', '-o', exported, '--db', db]), /3 operations written/);
  assert.equal((JSON.parse(readFileSync(exported, 'utf8')) as { openapi: string }).openapi, '3.1.0');
  await runCommand(registerDiscoverCommand, 'discover', ['--nginx', log, '--save', '--db', db]);
  const again = JSON.parse(await runCommand(registerInventoryCommand, 'inventory', ['list', '--db', db, '--json'])) as { template: string; calls: number }[];
  assert.equal(again.find((operation) => operation.template === template)!.calls, 60, 'a second --save adds to what was stored');
});

test('bad input: no files, a missing file, an unknown operation, nothing to diff against, a missing database', async () => {
  const codeOf = async (run: Promise<unknown>): Promise<string> => {
    try {
      await run;
      return 'none';
    } catch (error) {
      return isBulwarkError(error) ? error.code : String(error);
    }
  };
  assert.equal(await codeOf(runCommand(registerDiscoverCommand, 'discover', [])), 'CLI_ARGUMENT_INVALID');
  assert.equal(await codeOf(runCommand(registerDiscoverCommand, 'discover', [join(dir, 'nope.har')])), 'DISCOVERY_SOURCE_INVALID');
  const db = join(dir, 'inventory.db');
  assert.equal(await codeOf(runCommand(registerInventoryCommand, 'inventory', ['show', 'DELETE', '/nothing', '--db', db])), 'CLI_ARGUMENT_INVALID');
  assert.equal(await codeOf(runCommand(registerInventoryCommand, 'inventory', ['diff', '--db', db])), 'CLI_ARGUMENT_INVALID');
  const missing = join(dir, 'missing.db');
  assert.equal(await codeOf(runCommand(registerInventoryCommand, 'inventory', ['list', '--db', missing])), 'STORE_OPEN_FAILED');
  assert.equal(existsSync(missing), false, 'reading never creates a database');
  assert.equal(await codeOf(runCommand(registerInventoryCommand, 'inventory', ['correct', 'rename', '/x/{a}', '--db', db])), 'CLI_ARGUMENT_INVALID');
});
