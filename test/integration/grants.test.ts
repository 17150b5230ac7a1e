// Time-bound grants end to end: `bulwark grants add` gives a consumer scopes the gateway honours on
// its next request, `grants revoke` takes them away on the next one, expiry ends them by itself, and
// every change is an audit event.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { registerGrantsCommand } from '../../src/cli/commands/grants.js';
import { openGrantStore, openKeyStore, type GrantStore, type KeyStore } from '../../src/store/index.js';
import { runCommand } from '../helpers/cli.js';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const LIBRARY = join(import.meta.dirname, '../fixtures/contract/library.yaml');

describe('grants', () => {
  let api: TestUpstream;
  let gw: TestGateway;
  let keys: KeyStore;
  let grants: GrantStore;
  let db: string;

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
${route('library', api.url, `    openapi: { document: ${JSON.stringify(LIBRARY)}, basePaths: [''] }`)}`, { timers: { grantSweepIntervalMs: 100 } });
    db = join(gw.dir, 'events.db');
    keys = openKeyStore({ sqlite: { path: db } });
    grants = openGrantStore({ sqlite: { path: db } });
  });
  after(async () => {
    await grants.close();
    await keys.close();
    await gw.close();
    await api.close();
  });

  test('a grant opens an admin operation until it is revoked; both are audited', async () => {
    const { key } = await keys.createKey({ consumer: 'night-shift', scopes: ['books:read'] });
    const del = async () => (await request(`${gw.url}/books/9`, { method: 'DELETE', headers: { 'x-api-key': key } })).statusCode;
    assert.equal(await del(), 403);

    const added = await runCommand(registerGrantsCommand, 'grants', ['add', '--db', db, '--consumer', 'night-shift', '--scopes', 'admin', '--ttl', '2h', '--reason', 'INC-77 purge duplicates', '--by', 'alice']);
    const id = /grant (grt_[0-9A-Za-z]{12})\./.exec(added)?.[1];
    assert.ok(id, added);
    assert.equal(await del(), 200, 'the next request carries the granted scope');
    assert.equal(api.seen.at(-1)!.headers['x-consumer-scopes'], 'books:read admin', 'the upstream sees the granted scope too');

    await runCommand(registerGrantsCommand, 'grants', ['revoke', id, '--db', db, '--reason', 'purge done', '--by', 'alice']);
    const revokedAt = Date.now();
    assert.equal(await del(), 403, 'revocation applies to the next request');
    assert.ok(Date.now() - revokedAt < 1000);

    const audit = (await gw.events()).filter((e) => e.action === 'audit' && e.evidence?.['grantId'] === id);
    assert.deepEqual(audit.map((e) => [e.ruleId, e.evidence?.['by'], e.evidence?.['reason']]), [
      ['access.grant-added', 'alice', 'INC-77 purge duplicates'],
      ['access.grant-revoked', 'alice', 'purge done'],
    ]);
  });

  test('an expired grant stops working by itself and its expiry is recorded once', async () => {
    const { key } = await keys.createKey({ consumer: 'temp-admin', scopes: ['books:read'] });
    const del = async () => (await request(`${gw.url}/books/9`, { method: 'DELETE', headers: { 'x-api-key': key } })).statusCode;
    const grant = await grants.addGrant({ consumer: 'temp-admin', scopes: ['admin'], reason: 'short task', grantedBy: 'bob', expiresAt: new Date(Date.now() + 400) });
    assert.equal(await del(), 200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.equal(await del(), 403);
    let expired: unknown[] = [];
    for (let i = 0; i < 50 && expired.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expired = (await gw.events()).filter((e) => e.ruleId === 'access.grant-expired' && e.evidence?.['grantId'] === grant.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await gw.events()).filter((e) => e.ruleId === 'access.grant-expired' && e.evidence?.['grantId'] === grant.id).length, 1);
  });
});
