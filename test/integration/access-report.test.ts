// Least privilege end to end: the access stage counts what an API key's consumer does, and
// `bulwark access report` compares it with what the key allows.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { registerAccessCommand } from '../../src/cli/commands/access.js';
import type { AccessReport } from '../../src/identity/access-report.js';
import { openKeyStore, type KeyStore } from '../../src/store/index.js';
import { runCommand } from '../helpers/cli.js';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const LIBRARY = join(import.meta.dirname, '../fixtures/contract/library.yaml');

describe('access report', () => {
  let api: TestUpstream;
  let gw: TestGateway;
  let keys: KeyStore;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml()}
stages:
  identity:
    apiKeys: { enabled: true }
  access:
    adminOperations: [deleteBook]
    policies:
      - { name: librarians, scopes: [admin], allow: [deleteBook] }
routes:
${route('library', api.url, `    openapi: { document: ${JSON.stringify(LIBRARY)}, basePaths: [''] }`)}`);
    keys = openKeyStore({ sqlite: { path: join(gw.dir, 'events.db') } });
  });
  after(async () => {
    await keys.close();
    await gw.close();
    await api.close();
  });

  test('counts uses per consumer and operation, and reports the scopes and operations never used', async () => {
    const reader = await keys.createKey({ consumer: 'catalogue-sync', scopes: ['books:read', 'books:write', 'admin'] });
    const idle = await keys.createKey({ consumer: 'old-import', scopes: ['books:write'] });
    const get = async (path: string, key: string, method = 'GET') => (await request(`${gw.url}${path}`, { method: method as 'GET', headers: { 'x-api-key': key } })).statusCode;
    for (let i = 0; i < 3; i++) assert.equal(await get('/books', reader.key), 200);
    const narrow = await keys.createKey({ consumer: 'catalogue-sync', scopes: ['books:read'] });
    assert.equal(await get('/books/7', narrow.key, 'DELETE'), 403, 'refused: counted as denied');
    await gw.running.flushUsage();

    const json = await runCommand(registerAccessCommand, 'access', ['report', '-c', gw.configFile, '--json']);
    const report = JSON.parse(json) as AccessReport;
    const sync = report.consumers.find((c) => c.consumer === 'catalogue-sync');
    assert.ok(sync, json);
    assert.equal(sync.allowed, 3);
    assert.equal(sync.denied, 1);
    assert.deepEqual(sync.kinds, ['api-key']);
    assert.deepEqual(sync.scopes.used, ['books:read']);
    assert.deepEqual(sync.scopes.unused, ['admin', 'books:write']);
    assert.deepEqual(sync.operations.used.map((u) => [u.operation, u.allowed, u.denied]).sort(), [['DELETE /books/{id}', 0, 1], ['GET /books', 3, 0]]);
    assert.equal(sync.operations.permitted, 4, 'listBooks, addBook, deleteBook and listOrders need scopes it holds');
    assert.deepEqual(sync.policies.matching, ['librarians']);
    assert.deepEqual(sync.policies.unused, ['librarians']);
    assert.ok(sync.recommendations.some((r) => r.includes(`API key ${reader.record.id}: scopes books:write, admin were never needed`)), sync.recommendations.join('\n'));
    const gone = report.consumers.find((c) => c.consumer === 'old-import');
    assert.ok(gone?.recommendations.some((r) => r.includes(`revoke API key ${idle.record.id}`)));

    const text = await runCommand(registerAccessCommand, 'access', ['report', '--db', join(gw.dir, 'events.db'), '--consumer', 'catalogue-sync']);
    assert.match(text, /^Access report: \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, 1 consumer\./);
    assert.match(text, /catalogue-sync \(api-key\)/);
    assert.match(text, /unused\s+admin, books:write/);
  });

  test('refuses a window it cannot mean, and a database that is not there', async () => {
    await assert.rejects(runCommand(registerAccessCommand, 'access', ['report', '--db', join(gw.dir, 'events.db'), '--since', '5m']), /--since: "5m" is not a duration between 1d and 3660d/);
    await assert.rejects(runCommand(registerAccessCommand, 'access', ['report', '--db', join(gw.dir, 'missing.db')]), /no database at .*missing\.db/);
  });
});
