import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import Database from 'better-sqlite3';
import { isBulwarkError } from '../../core/errors.js';
import type { SecurityEvent } from '../../core/types.js';
import { openEventStore, openKeyStore, type ApiKeyRecord } from '../../store/index.js';
import { main } from '../main.js';
import { registerKeysCommand } from './keys.js';
import { captureOutput, runCommand } from '../../../test/helpers/cli.js';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-keys-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshDb = () => join(dir, `keys-${++files}.db`);
const KEY = /^ {2}(bwk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43})$/m;

/** Runs `bulwark keys ...args`; returns what it printed. */
function run(...args: string[]): Promise<string> {
  return runCommand(registerKeysCommand, 'keys', args);
}

/** `keys create` and the key it printed. */
async function create(db: string, ...args: string[]): Promise<{ output: string; key: string; id: string }> {
  const output = await run('create', '--db', db, ...args);
  const key = KEY.exec(output)?.[1];
  assert.ok(key, `no key in:\n${output}`);
  return { output, key, id: key.slice(4, 16) };
}

const list = async (db: string, ...args: string[]) => JSON.parse(await run('list', '--db', db, '--json', ...args)) as ApiKeyRecord[];
const hasCode = (code: string) => (error: unknown) => isBulwarkError(error) && error.code === code;

/** What the gateway would see: the key's record straight from the store. */
async function verified(db: string, key: string): Promise<ApiKeyRecord | undefined> {
  const store = openKeyStore({ sqlite: { path: db } });
  try {
    return await store.verifyKey(key);
  } finally {
    await store.close();
  }
}

describe('bulwark keys', () => {
  test('create prints the key once with its id, consumer, scopes, expiry and a warning', async () => {
    const db = freshDb();
    const before = Date.now();
    const { output, key, id } = await create(db, '--consumer', 'acme', '--scopes', 'orders:read, orders:write,orders:read', '--ttl', '8h', '--name', 'ci deploy');
    assert.match(output, /cannot be shown again/);
    assert.match(output, new RegExp(`^id +${id}$`, 'm'));
    assert.match(output, /^consumer +acme$/m);
    assert.match(output, /^scopes +orders:read, orders:write$/m);
    assert.match(output, /^name +ci deploy$/m);
    const record = await verified(db, key);
    assert.deepEqual([record?.id, record?.consumer, record?.scopes, record?.name], [id, 'acme', ['orders:read', 'orders:write'], 'ci deploy']);
    const expires = Date.parse(record?.expiresAt ?? '');
    assert.ok(expires >= before + 8 * HOUR && expires <= Date.now() + 8 * HOUR);
    assert.match(output, new RegExp(`^expires +${record?.expiresAt}$`, 'm'));
  });

  test('create without --ttl or --scopes makes a key that never expires, and creates the database', async () => {
    const db = join(dir, 'new', 'sub', 'bulwark.db');
    const { output, key } = await create(db, '--consumer', 'beta');
    assert.match(output, /^scopes +\(none\)$/m);
    assert.match(output, /^expires +never$/m);
    assert.doesNotMatch(output, /^name/m);
    assert.deepEqual((await verified(db, key))?.scopes, []);
  });

  test('list shows keys as a table or JSON, never a secret; filters by consumer; --all adds revoked ones', async () => {
    const db = freshDb();
    const a = await create(db, '--consumer', 'acme', '--scopes', 'x');
    const b = await create(db, '--consumer', 'beta', '--ttl', '1s');
    const c = await create(db, '--consumer', 'acme');
    await run('revoke', c.id, '--db', db, '--reason', 'gone');
    assert.deepEqual((await list(db)).map((r) => r.id), [a.id, b.id]);
    assert.deepEqual((await list(db, '--consumer', 'acme')).map((r) => r.id), [a.id]);
    assert.deepEqual((await list(db, '--all')).map((r) => r.id), [a.id, b.id, c.id]);
    assert.equal((await list(db, '--all'))[2]?.revokedReason, 'gone');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // b expires
    const table = await run('list', '--db', db, '--all');
    const lines = table.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID +CONSUMER +SCOPES +NAME +CREATED +EXPIRES +STATUS$/);
    assert.match(lines[1] ?? '', new RegExp(`^${a.id} +acme +x +- +\\S+ +never +active$`));
    assert.match(lines[2] ?? '', / expired$/);
    assert.match(lines[3] ?? '', / revoked$/);
    for (const output of [table, await run('list', '--db', db, '--all', '--json')]) {
      for (const { key } of [a, b, c]) assert.equal(output.includes(key.slice(17)), false, 'no secret is ever listed');
    }
    assert.equal(await run('list', '--db', db, '--consumer', 'nobody'), 'No API keys match.\n');
  });

  test('revoke takes effect for the next verification; a second revoke changes nothing', async () => {
    const db = freshDb();
    const { key, id } = await create(db, '--consumer', 'acme');
    assert.match(await run('revoke', id, '--db', db, '--reason', 'leaked in a log'), new RegExp(`Revoked API key ${id} \\(consumer acme\\): leaked in a log`));
    const record = await verified(db, key);
    assert.equal(record?.revokedReason, 'leaked in a log');
    assert.match(await run('revoke', id, '--db', db, '--reason', 'again'), /already revoked .*leaked in a log.*nothing changed/);
    assert.equal((await verified(db, key))?.revokedAt, record.revokedAt);
  });

  test('rotate prints a new key; the old one keeps working for the overlap (1h by default)', async () => {
    const db = freshDb();
    const old = await create(db, '--consumer', 'acme', '--scopes', 'a,b', '--name', 'deploy');
    const before = Date.now();
    const bystander = await create(db, '--consumer', 'other'); // rotation leaves other keys alone
    const output = await run('rotate', old.id, '--db', db);
    const key = KEY.exec(output)?.[1] ?? '';
    assert.match(output, /cannot be shown again/);
    const fresh = await verified(db, key);
    assert.deepEqual([fresh?.consumer, fresh?.scopes, fresh?.name, fresh?.expiresAt], ['acme', ['a', 'b'], 'deploy', undefined]);
    const previous = await verified(db, old.key);
    assert.equal(previous?.rotatedTo, fresh?.id);
    const end = Date.parse(previous?.expiresAt ?? '');
    assert.ok(end >= before + HOUR && end <= Date.now() + HOUR);
    assert.match(output, new RegExp(`old key ${old.id} stops working at ${previous?.expiresAt}`));
    assert.equal((await verified(db, bystander.key))?.expiresAt, undefined);

    const next = await create(db, '--consumer', 'c');
    const start = Date.now();
    assert.match(await run('rotate', next.id, '--db', db, '--overlap', '0s'), /stopped working/);
    const stopped = Date.parse((await verified(db, next.key))?.expiresAt ?? '');
    assert.ok(stopped >= start && stopped <= Date.now());
  });

  test('rotate and revoke refuse unknown, revoked and already rotated keys', async () => {
    const db = freshDb();
    const { id } = await create(db, '--consumer', 'acme');
    await assert.rejects(run('revoke', 'AAAAAAAAAAAA', '--db', db, '--reason', 'x'), hasCode('KEY_NOT_FOUND'));
    await assert.rejects(run('rotate', 'AAAAAAAAAAAA', '--db', db), hasCode('KEY_NOT_FOUND'));
    await run('rotate', id, '--db', db);
    const successor = (await list(db)).at(-1)?.id ?? '';
    await assert.rejects(run('rotate', id, '--db', db), (error) => hasCode('KEY_ROTATE_REFUSED')(error) && (error as Error).message.includes(successor));
    await run('revoke', successor, '--db', db, '--reason', 'x');
    await assert.rejects(run('rotate', successor, '--db', db), hasCode('KEY_ROTATE_REFUSED'));
    assert.equal((await list(db, '--all')).length, 2, 'refusals create no keys');
  });

  test('rejects invalid options with CLI_ARGUMENT_INVALID naming the option', async () => {
    const db = freshDb();
    const { id } = await create(db, '--consumer', 'acme');
    const cases: [string[], string][] = [
      [['create'], '--consumer'], [['create', '--consumer', ' '], '--consumer'], [['create', '--consumer', 'a\u001b[2J'], '--consumer'],
      [['create', '--consumer', 'x'.repeat(201)], '--consumer'], [['create', '--consumer', 'a', '--scopes', 'a,,b'], '--scopes'],
      [['create', '--consumer', 'a', '--scopes', ''], '--scopes'], [['create', '--consumer', 'a', '--scopes', 'has space'], '--scopes'],
      [['create', '--consumer', 'a', '--scopes', 'a"b'], '--scopes'], [['create', '--consumer', 'a', '--ttl', '0s'], '--ttl'],
      [['create', '--consumer', 'a', '--ttl', 'forever'], '--ttl'], [['create', '--consumer', 'a', '--ttl', '3600'], '--ttl'],
      [['create', '--consumer', 'a', '--ttl', '999999999999d'], '--ttl'], [['create', '--consumer', 'a', '--name', ''], '--name'],
      [['revoke', id], '--reason'], [['revoke', id, '--reason', ''], '--reason'], [['revoke', 'short', '--reason', 'x'], 'ID'],
      [['rotate', id, '--overlap', 'soon'], '--overlap'], [['rotate', id, '--overlap', '-1h'], '--overlap'],
      [['list', '--consumer', ''], '--consumer'], [['list', '--db', ''], '--db'],
    ];
    for (const [args, option] of cases) {
      const withDb = args.includes('--db') ? args : [...args, '--db', db];
      await assert.rejects(
        run(...withDb),
        (error) => hasCode('CLI_ARGUMENT_INVALID')(error) && (error as Error).message.startsWith(option),
        args.join(' '),
      );
    }
    assert.equal((await list(db)).length, 1, 'nothing was created');
  });

  test('a whole key given as ID is refused without echoing its secret', async () => {
    const db = freshDb();
    const { key, id } = await create(db, '--consumer', 'acme');
    await assert.rejects(run('revoke', key, '--db', db, '--reason', 'x'), (error) => {
      const message = (error as Error).message;
      return hasCode('CLI_ARGUMENT_INVALID')(error) && message.includes(id) && !message.includes(key.slice(17));
    });
  });

  test('a missing database is an error for list, revoke and rotate, and is not created', async () => {
    const missing = join(dir, 'nope', 'keys.db');
    for (const args of [['list'], ['revoke', 'AAAAAAAAAAAA', '--reason', 'x'], ['rotate', 'AAAAAAAAAAAA']]) {
      await assert.rejects(run(...args, '--db', missing), (error) => hasCode('STORE_OPEN_FAILED')(error) && (error as Error).message.includes(missing));
    }
    assert.equal(existsSync(missing), false);
  });

  test('takes the database from the configuration file; --db wins', async () => {
    const db = freshDb();
    const other = freshDb();
    const config = join(dir, 'bulwark.yaml');
    writeFileSync(config, `routes: [{ name: api, upstream: { url: "http://127.0.0.1:3000" } }]\nstore:\n  sqlite:\n    path: ${JSON.stringify(db)}\n`);
    const output = await run('create', '-c', config, '--consumer', 'from-config');
    assert.ok(KEY.test(output));
    assert.deepEqual((JSON.parse(await run('list', '-c', config, '--json')) as ApiKeyRecord[]).map((r) => r.consumer), ['from-config']);
    await create(other, '--consumer', 'other');
    assert.deepEqual((JSON.parse(await run('list', '-c', config, '--db', other, '--json')) as ApiKeyRecord[]).map((r) => r.consumer), ['other']);
    await assert.rejects(run('list', '-c', join(dir, 'missing.yaml')), hasCode('CONFIG_READ_FAILED'));
  });

  test('create, revoke and rotate are recorded as audit events: who, what, why, when, never the secret', async () => {
    const db = freshDb();
    const before = Date.now();
    const created = await create(db, '--consumer', 'acme', '--scopes', 'a,b', '--name', 'deploy', '--ttl', '8h', '--by', 'alice');
    const rotatedOutput = await run('rotate', created.id, '--db', db, '--overlap', '30m', '--by', 'bob');
    const next = KEY.exec(rotatedOutput)?.[1] ?? '';
    const nextId = next.slice(4, 16);
    await run('revoke', nextId, '--db', db, '--reason', 'leaked in a log', '--by', 'carol');
    await run('revoke', nextId, '--db', db, '--reason', 'again', '--by', 'carol'); // changes nothing, records nothing
    const store = openEventStore({ sqlite: { path: db } });
    let events: SecurityEvent[];
    try {
      events = (await store.queryEvents({ action: 'audit' })).reverse();
    } finally {
      await store.close();
    }
    assert.deepEqual(events.map((e) => e.ruleId), ['access.key-created', 'access.key-rotated', 'access.key-revoked']);
    for (const event of events) {
      assert.deepEqual([event.action, event.stage, event.category, event.severity, event.consumer], ['audit', 'access', 'API5:2023', 'info', 'acme']);
      assert.ok(Date.parse(event.time) >= before && Date.parse(event.time) <= Date.now());
      assert.doesNotMatch(event.detail ?? '', /\n/);
      const text = JSON.stringify(event);
      for (const key of [created.key, next]) assert.equal(text.includes(key.slice(17)), false, `no secret in ${event.ruleId}`);
    }
    const [createdEvent, rotatedEvent, revokedEvent] = events;
    const records = await list(db, '--all');
    const createdExpiry = /^expires +(\S+)$/m.exec(created.output)?.[1]; // before the rotation shortened it
    assert.deepEqual(createdEvent?.evidence, { keyId: created.id, scopes: ['a', 'b'], by: 'alice', expiresAt: createdExpiry, name: 'deploy' });
    assert.deepEqual(rotatedEvent?.evidence, { keyId: created.id, newKeyId: nextId, scopes: ['a', 'b'], by: 'bob', oldKeyExpiresAt: records[0]?.expiresAt, expiresAt: records[1]?.expiresAt });
    assert.deepEqual(revokedEvent?.evidence, { keyId: nextId, scopes: ['a', 'b'], reason: 'leaked in a log', by: 'carol', expiresAt: records[1]?.expiresAt });
    assert.match(revokedEvent?.detail ?? '', new RegExp(`^carol revoked API key ${nextId} of acme: leaked in a log$`));
  });

  test('a key whose audit event cannot be written is still printed, with AUDIT_WRITE_FAILED after it', async () => {
    const db = freshDb();
    await create(db, '--consumer', 'first');
    const raw = new Database(db);
    raw.exec("CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk is full'); END");
    raw.close();
    const out: string[] = [];
    const stdout = captureOutput(process.stdout, out);
    const program = new Command('bulwark').exitOverride();
    registerKeysCommand(program);
    try {
      await assert.rejects(program.parseAsync(['node', 'bulwark', 'keys', 'create', '--db', db, '--consumer', 'acme']), (error) =>
        hasCode('AUDIT_WRITE_FAILED')(error) && /API key \w{12} was created, but .*disk is full/.test((error as Error).message));
    } finally {
      stdout.mock.restore();
    }
    const key = KEY.exec(out.join(''))?.[1] ?? '';
    assert.equal((await verified(db, key))?.consumer, 'acme', 'the key was made and shown: it must not be lost');
  });

  test('--help explains the commands with examples', async () => {
    const out: string[] = [];
    const program = new Command('bulwark').exitOverride().configureOutput({ writeOut: (text) => out.push(text) });
    registerKeysCommand(program);
    await assert.rejects(program.parseAsync(['node', 'bulwark', 'keys', '--help']), { code: 'commander.helpDisplayed' });
    await assert.rejects(program.parseAsync(['node', 'bulwark', 'keys', 'create', '--help']), { code: 'commander.helpDisplayed' });
    const help = out.join('');
    for (const expected of ['create', 'list', 'revoke', 'rotate', 'Examples:', 'bulwark keys create --consumer', '--ttl <duration>', '--db <path>', '--config <file>']) {
      assert.ok(help.includes(expected), expected);
    }
  });

  test('is wired into main(): the key on stdout, exit status 2 on bad input', async () => {
    const db = freshDb();
    const out: string[] = [];
    const err: string[] = [];
    const stdout = captureOutput(process.stdout, out);
    const stderr = captureOutput(process.stderr, err);
    let codes: number[];
    try {
      codes = [
        await main(['node', 'bulwark', 'keys', 'create', '--db', db, '--consumer', 'acme']),
        await main(['node', 'bulwark', 'keys', 'create', '--db', db, '--consumer', 'acme', '--ttl', '0s']),
        await main(['node', 'bulwark', 'keys', 'revoke', 'AAAAAAAAAAAA', '--db', db, '--reason', 'x']),
      ];
    } finally {
      stdout.mock.restore();
      stderr.mock.restore();
    }
    assert.deepEqual(codes, [0, 2, 2]);
    assert.match(out.join(''), KEY);
    assert.match(err.join(''), /--ttl/);
    assert.match(err.join(''), /AAAAAAAAAAAA/);
  });
});
