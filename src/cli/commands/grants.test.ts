import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { isBulwarkError } from '../../core/errors.js';
import type { SecurityEvent } from '../../core/types.js';
import { openEventStore, openGrantStore, type GrantRecord } from '../../store/index.js';
import { main } from '../main.js';
import { registerGrantsCommand } from './grants.js';
import { captureOutput, runCommand } from '../../../test/helpers/cli.js';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-grants-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshDb = () => join(dir, `grants-${++files}.db`);
const GRANT_ID = /grant (grt_[0-9A-Za-z]{12})\./;

function run(...args: string[]): Promise<string> {
  return runCommand(registerGrantsCommand, 'grants', args);
}

/** `grants add` with sensible defaults for what a test does not care about; returns the output and id. */
async function add(db: string, ...args: string[]): Promise<{ output: string; id: string }> {
  const given = new Set(args.filter((arg) => arg.startsWith('--')));
  const defaults = [['--consumer', 'acme'], ['--scopes', 'refunds:write'], ['--ttl', '2h'], ['--reason', 'INC-42 refunds'], ['--by', 'alice']]
    .filter(([option]) => !given.has(option ?? '')).flat();
  const output = await run('add', '--db', db, ...defaults, ...args);
  const id = GRANT_ID.exec(output)?.[1];
  assert.ok(id, `no grant id in:\n${output}`);
  return { output, id };
}

type Listed = GrantRecord & { status: string };
const list = async (db: string, ...args: string[]) => JSON.parse(await run('list', '--db', db, '--json', ...args)) as Listed[];
const hasCode = (code: string) => (error: unknown) => isBulwarkError(error) && error.code === code;

/** What the gateway would see: a fresh store on the file, asked as on a request. */
async function gatewayScopes(db: string, consumer: string): Promise<readonly string[]> {
  const store = openGrantStore({ sqlite: { path: db } });
  try {
    return await store.activeScopes(consumer, Date.now());
  } finally {
    await store.close();
  }
}

async function auditEvents(db: string): Promise<SecurityEvent[]> {
  const store = openEventStore({ sqlite: { path: db } });
  try {
    return (await store.queryEvents({ action: 'audit', limit: 1000 })).reverse(); // oldest first
  } finally {
    await store.close();
  }
}

describe('bulwark grants', () => {
  test('add grants the scopes until the ttl runs out, prints the grant and records who, what, why and when', async () => {
    const db = freshDb();
    const before = Date.now();
    const { output, id } = await add(db, '--consumer', 'acme', '--scopes', 'refunds:write, orders:read,refunds:write', '--ttl', '2h', '--reason', 'INC-42 refund batch', '--by', 'alice');
    const after = Date.now();
    assert.match(output, /^Granted refunds:write, orders:read to consumer acme until \S+Z: grant grt_\w{12}\.$/m);
    assert.match(output, /^ {2}reason +INC-42 refund batch$/m);
    assert.match(output, /^ {2}granted by +alice$/m);
    assert.match(output, new RegExp(`bulwark grants revoke ${id}`));
    const [grant] = await list(db);
    assert.deepEqual([grant?.id, grant?.consumer, grant?.scopes, grant?.reason, grant?.grantedBy, grant?.status],
      [id, 'acme', ['refunds:write', 'orders:read'], 'INC-42 refund batch', 'alice', 'active']);
    const expires = Date.parse(grant?.expiresAt ?? '');
    assert.ok(expires >= before + 2 * HOUR && expires <= after + 2 * HOUR, 'expires 2h from now');
    assert.deepEqual([...await gatewayScopes(db, 'acme')].sort(), ['orders:read', 'refunds:write']);

    const events = await auditEvents(db);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.deepEqual(
      { ...event, id: '', time: '', detail: '' },
      {
        id: '', time: '', detail: '', ruleId: 'access.grant-added', stage: 'access', category: 'API5:2023', severity: 'info', action: 'audit', consumer: 'acme',
        evidence: { grantId: id, scopes: ['refunds:write', 'orders:read'], reason: 'INC-42 refund batch', by: 'alice', expiresAt: grant?.expiresAt },
      },
    );
    assert.match(event?.detail ?? '', /^alice granted refunds:write, orders:read to acme until \S+: INC-42 refund batch$/);
    assert.ok(Date.parse(event?.time ?? '') >= before && Date.parse(event?.time ?? '') <= Date.now());
  });

  test('--by defaults to the OS user', async () => {
    const db = freshDb();
    const output = await run('add', '--db', db, '--consumer', 'acme', '--scopes', 'a', '--ttl', '1h', '--reason', 'r');
    assert.ok(GRANT_ID.test(output));
    const expected = userInfo().username || process.env.USER || 'unknown';
    assert.equal((await list(db))[0]?.grantedBy, expected);
    assert.equal((await auditEvents(db))[0]?.evidence?.by, expected);
  });

  test('refuses a ttl above the maximum with a message naming --ttl and the limit', async () => {
    const db = freshDb();
    for (const ttl of ['91d', '2161h', '90.5d']) {
      await assert.rejects(add(db, '--ttl', ttl), (error) =>
        hasCode('CLI_ARGUMENT_INVALID')(error) && /^--ttl: .*longer than the 90d a grant may last/.test((error as Error).message), ttl);
    }
    const { id } = await add(db, '--ttl', '90d');
    const grant = (await list(db)).find((g) => g.id === id);
    assert.ok(Date.parse(grant?.expiresAt ?? '') - Date.now() > 89 * 24 * HOUR, 'exactly the maximum is allowed');
  });

  test('list: active grants with the time left; --consumer filters; --all adds expired and revoked ones', async () => {
    const db = freshDb();
    const a = await add(db, '--consumer', 'acme', '--scopes', 'x', '--ttl', '2h', '--by', 'alice', '--reason', 'task one');
    const b = await add(db, '--consumer', 'beta', '--ttl', '300ms');
    const c = await add(db, '--consumer', 'acme', '--ttl', '3d');
    const d = await add(db, '--consumer', 'acme', '--ttl', '1h');
    await run('revoke', d.id, '--db', db, '--reason', 'done', '--by', 'bob');
    await sleep(400); // b expires
    assert.deepEqual((await list(db)).map((g) => g.id), [a.id, c.id]);
    assert.deepEqual((await list(db, '--consumer', 'beta')).map((g) => g.id), []);
    assert.deepEqual((await list(db, '--all')).map((g) => [g.id, g.status]), [[a.id, 'active'], [b.id, 'expired'], [c.id, 'active'], [d.id, 'revoked']]);
    assert.deepEqual((await list(db, '--all', '--consumer', 'beta')).map((g) => g.id), [b.id]);
    const revoked = (await list(db, '--all')).at(-1);
    assert.deepEqual([revoked?.revokedBy, revoked?.revokedReason], ['bob', 'done']);

    const lines = (await run('list', '--db', db, '--all')).trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID +CONSUMER +SCOPES +STATUS +LEFT +EXPIRES +BY +REASON$/);
    assert.match(lines[1] ?? '', new RegExp(`^${a.id} +acme +x +active +1h 59m +\\S+Z +alice +task one$`));
    assert.match(lines[2] ?? '', new RegExp(`^${b.id} +beta +refunds:write +expired +- `));
    assert.match(lines[3] ?? '', / active +2d 23h /);
    assert.match(lines[4] ?? '', / revoked +- /);
    assert.equal(await run('list', '--db', db, '--consumer', 'nobody'), 'No active grants match (--all shows expired and revoked ones).\n');
    assert.equal(await run('list', '--db', db, '--consumer', 'nobody', '--all'), 'No grants match.\n');
  });

  test('revoke ends the grant for the next request and records who and why; a second revoke changes nothing', async () => {
    const db = freshDb();
    const { id } = await add(db, '--consumer', 'acme', '--scopes', 'refunds:write');
    await add(db, '--consumer', 'acme', '--scopes', 'orders:read');
    assert.deepEqual([...await gatewayScopes(db, 'acme')].sort(), ['orders:read', 'refunds:write']);
    const output = await run('revoke', id, '--db', db, '--reason', 'refunds done', '--by', 'bob');
    assert.equal(output, `Revoked grant ${id} (refunds:write of consumer acme): refunds done\n`);
    assert.deepEqual(await gatewayScopes(db, 'acme'), ['orders:read']);
    const events = await auditEvents(db);
    assert.deepEqual(events.map((e) => e.ruleId), ['access.grant-added', 'access.grant-added', 'access.grant-revoked']);
    const revokedEvent = events[2];
    assert.deepEqual([revokedEvent?.action, revokedEvent?.severity, revokedEvent?.stage, revokedEvent?.category, revokedEvent?.consumer], ['audit', 'info', 'access', 'API5:2023', 'acme']);
    assert.deepEqual(revokedEvent?.evidence, { grantId: id, scopes: ['refunds:write'], reason: 'refunds done', by: 'bob', expiresAt: (await list(db, '--all'))[0]?.expiresAt });

    assert.match(await run('revoke', id, '--db', db, '--reason', 'again', '--by', 'carol'), /already revoked at \S+ by bob \(refunds done\); nothing changed/);
    assert.equal((await auditEvents(db)).length, 3, 'no event for a revocation that changed nothing');
  });

  test('revoking an expired grant changes nothing and records nothing', async () => {
    const db = freshDb();
    const { id } = await add(db, '--ttl', '200ms');
    await sleep(300);
    assert.match(await run('revoke', id, '--db', db, '--reason', 'tidy up'), /already expired at \S+; nothing changed/);
    assert.equal((await list(db, '--all'))[0]?.revokedAt, undefined);
    assert.deepEqual((await auditEvents(db)).map((e) => e.ruleId), ['access.grant-added']);
  });

  test('revoke refuses an unknown grant with GRANT_NOT_FOUND', async () => {
    const db = freshDb();
    await add(db);
    await assert.rejects(run('revoke', 'grt_AAAAAAAAAAAA', '--db', db, '--reason', 'x'), (error) =>
      hasCode('GRANT_NOT_FOUND')(error) && (error as Error).message.includes('grt_AAAAAAAAAAAA'));
  });

  test('rejects invalid options with CLI_ARGUMENT_INVALID naming the option, and changes nothing', async () => {
    const db = freshDb();
    const { id } = await add(db);
    const base = { '--consumer': 'acme', '--scopes': 'a', '--ttl': '1h', '--reason': 'r' };
    /** `add` with `base` options, minus those set to undefined, plus the overrides. */
    const addWith = (overrides: Record<string, string | undefined>) =>
      ['add', ...Object.entries({ ...base, ...overrides }).flatMap(([option, value]) => (value === undefined ? [] : [option, value]))];
    const cases: [string[], string][] = [
      [addWith({ '--consumer': undefined }), '--consumer'], [addWith({ '--consumer': ' ' }), '--consumer'],
      [addWith({ '--consumer': 'a\u001b[2J' }), '--consumer'], [addWith({ '--consumer': 'x'.repeat(201) }), '--consumer'],
      [addWith({ '--scopes': undefined }), '--scopes'], [addWith({ '--scopes': '' }), '--scopes'], [addWith({ '--scopes': 'a,,b' }), '--scopes'],
      [addWith({ '--scopes': 'has space' }), '--scopes'], [addWith({ '--scopes': 'a"b' }), '--scopes'], [addWith({ '--scopes': 'caf\u00e9' }), '--scopes'],
      [addWith({ '--ttl': undefined }), '--ttl'], [addWith({ '--ttl': '0s' }), '--ttl'], [addWith({ '--ttl': 'forever' }), '--ttl'],
      [addWith({ '--ttl': '3600' }), '--ttl'], [addWith({ '--ttl': '-1h' }), '--ttl'], [addWith({ '--ttl': '999999999999d' }), '--ttl'],
      [addWith({ '--reason': undefined }), '--reason'], [addWith({ '--reason': '' }), '--reason'], [addWith({ '--reason': 'line\nbreak' }), '--reason'],
      [addWith({ '--reason': 'r'.repeat(201) }), '--reason'], [addWith({ '--reason': 'bidi \u202e' }), '--reason'],
      [addWith({ '--by': '' }), '--by'], [addWith({ '--by': 'x\u0007' }), '--by'],
      [['revoke', id], '--reason'], [['revoke', id, '--reason', ' '], '--reason'], [['revoke', id, '--reason', 'x', '--by', ''], '--by'],
      [['revoke', 'short', '--reason', 'x'], 'ID'], [['revoke', id.slice(4), '--reason', 'x'], 'ID'], [['revoke', `${id}x`, '--reason', 'x'], 'ID'],
      [['list', '--consumer', ''], '--consumer'], [['list', '--db', ''], '--db'],
    ];
    for (const [args, option] of cases) {
      const withDb = args.includes('--db') ? args : [...args, '--db', db];
      await assert.rejects(run(...withDb), (error) => hasCode('CLI_ARGUMENT_INVALID')(error) && (error as Error).message.startsWith(`${option}: `), JSON.stringify(args));
    }
    assert.equal((await list(db, '--all')).length, 1, 'nothing was added');
    assert.equal((await list(db))[0]?.revokedAt, undefined, 'nothing was revoked');
    assert.equal((await auditEvents(db)).length, 1, 'and nothing recorded');
  });

  test('a missing database is an error for list and revoke, and is not created', async () => {
    const missing = join(dir, 'nope', 'grants.db');
    for (const args of [['list'], ['revoke', 'grt_AAAAAAAAAAAA', '--reason', 'x']]) {
      await assert.rejects(run(...args, '--db', missing), (error) => hasCode('STORE_OPEN_FAILED')(error) && (error as Error).message.includes(missing));
    }
    assert.equal(existsSync(missing), false);
  });

  test('takes the database from the configuration file; --db wins', async () => {
    const db = freshDb();
    const other = freshDb();
    const config = join(dir, 'bulwark.yaml');
    writeFileSync(config, `routes: [{ name: api, upstream: { url: "http://127.0.0.1:3000" } }]\nstore:\n  sqlite:\n    path: ${JSON.stringify(db)}\n`);
    assert.match(await run('add', '-c', config, '--consumer', 'from-config', '--scopes', 'a', '--ttl', '1h', '--reason', 'r'), GRANT_ID);
    assert.deepEqual((await list(db)).map((g) => g.consumer), ['from-config']);
    await add(other, '--consumer', 'other');
    assert.deepEqual((JSON.parse(await run('list', '-c', config, '--db', other, '--json')) as Listed[]).map((g) => g.consumer), ['other']);
  });

  test('when the audit event cannot be written, says the grant stands (AUDIT_WRITE_FAILED)', async () => {
    const db = freshDb();
    await add(db);
    const raw = new Database(db);
    raw.exec("CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk is full'); END");
    raw.close();
    let message = '';
    await assert.rejects(run('add', '--db', db, '--consumer', 'acme', '--scopes', 'a', '--ttl', '1h', '--reason', 'r'), (error) => {
      message = (error as Error).message;
      return hasCode('AUDIT_WRITE_FAILED')(error);
    });
    const grants = await list(db);
    assert.equal(grants.length, 2, 'the grant was made and stands');
    assert.ok(message.includes(`grant ${grants[1]?.id} was added`) && message.includes('disk is full'), message);
  });

  test('--help explains the commands with examples', async () => {
    const out: string[] = [];
    const program = new Command('bulwark').exitOverride().configureOutput({ writeOut: (text) => out.push(text) });
    registerGrantsCommand(program);
    await assert.rejects(program.parseAsync(['node', 'bulwark', 'grants', '--help']), { code: 'commander.helpDisplayed' });
    await assert.rejects(program.parseAsync(['node', 'bulwark', 'grants', 'add', '--help']), { code: 'commander.helpDisplayed' });
    const help = out.join('');
    for (const expected of ['add', 'list', 'revoke', 'Examples:', 'bulwark grants add --consumer', '--ttl <duration>', 'at most 90d', '--by <name>', '--db <path>', '--config <file>']) {
      assert.ok(help.includes(expected), expected);
    }
  });

  test('is wired into main(): exit status 0, and 2 with the problem on stderr', async () => {
    const db = freshDb();
    const out: string[] = [];
    const err: string[] = [];
    const stdout = captureOutput(process.stdout, out);
    const stderr = captureOutput(process.stderr, err);
    let codes: number[];
    try {
      codes = [
        await main(['node', 'bulwark', 'grants', 'add', '--db', db, '--consumer', 'acme', '--scopes', 'a', '--ttl', '1h', '--reason', 'r']),
        await main(['node', 'bulwark', 'grants', 'add', '--db', db, '--consumer', 'acme', '--scopes', 'a', '--ttl', '100d', '--reason', 'r']),
        await main(['node', 'bulwark', 'grants', 'revoke', 'grt_AAAAAAAAAAAA', '--db', db, '--reason', 'x']),
      ];
    } finally {
      stdout.mock.restore();
      stderr.mock.restore();
    }
    assert.deepEqual(codes, [0, 2, 2]);
    assert.match(out.join(''), GRANT_ID);
    assert.match(err.join(''), /--ttl: 100d is longer than the 90d/);
    assert.match(err.join(''), /no grant with id grt_AAAAAAAAAAAA/);
  });
});
