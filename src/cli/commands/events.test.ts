import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { isBulwarkError } from '../../core/errors.js';
import type { SecurityEvent } from '../../core/types.js';
import { openEventStore } from '../../store/index.js';
import { main } from '../main.js';
import { registerEventsCommand } from './events.js';
import { captureOutput, runCommand } from '../../../test/helpers/cli.js';

const MINUTE = 60_000;
const now = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'bulwark-events-cli-'));
const db = join(dir, 'events.db');

function event(id: string, minutesAgo: number, overrides: Partial<SecurityEvent> = {}): SecurityEvent {
  const result: SecurityEvent = {
    id, time: new Date(now - minutesAgo * MINUTE).toISOString(), ruleId: 'sqli-942100', stage: 'threats', category: 'injection',
    severity: 'critical', action: 'blocked', status: 403, route: 'users', method: 'GET', path: '/users/1', clientIp: '203.0.113.7',
    requestId: `req-${id}`, ...overrides,
  };
  for (const key of Object.keys(result) as (keyof SecurityEvent)[]) if (result[key] === undefined) delete result[key];
  return result;
}

const EVENTS: SecurityEvent[] = [
  event('a', 5),
  event('b', 30, { action: 'monitored', status: 200, route: 'orders', ruleId: 'xss-941100', clientIp: '198.51.100.1' }),
  event('c', 90, { action: 'allowed', status: 200, path: '/users/\u001b[31mred\u009b', requestId: undefined }),
  event('d', 3 * 24 * 60, { route: 'orders' }),
];

before(async () => {
  const store = openEventStore({ sqlite: { path: db } });
  await store.insertEvents(EVENTS);
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `bulwark events ...args`; returns what it printed. */
function run(...args: string[]): Promise<string> {
  return runCommand(registerEventsCommand, 'events', args);
}

const json = async (...args: string[]) => (JSON.parse(await run('--db', db, '--json', ...args)) as SecurityEvent[]).map((e) => e.id);
const hasCode = (code: string) => (error: unknown) => isBulwarkError(error) && error.code === code;

describe('bulwark events', () => {
  test('prints every event newest first as one JSON array, as stored', async () => {
    const events = JSON.parse(await run('--db', db, '--json')) as SecurityEvent[];
    assert.deepEqual(events, EVENTS);
  });

  test('filters by time, rule, action, route, stage and client ip, and limits', async () => {
    assert.deepEqual(await json('--since', '1h'), ['a', 'b']);
    assert.deepEqual(await json('--until', '1h'), ['c', 'd']);
    assert.deepEqual(await json('--since', '2d', '--until', '10m'), ['b', 'c']);
    assert.deepEqual(await json('--since', new Date(now - 60 * MINUTE).toISOString()), ['a', 'b']);
    assert.deepEqual(await json('--since', new Date(now - 5 * 24 * 60 * MINUTE).toISOString().slice(0, 10)), ['a', 'b', 'c', 'd']);
    assert.deepEqual(await json('--rule', 'xss-941100'), ['b']);
    assert.deepEqual(await json('--action', 'blocked'), ['a', 'd']);
    assert.deepEqual(await json('--action', 'blocked', '--route', 'orders'), ['d']);
    assert.deepEqual(await json('--stage', 'threats', '--ip', '198.51.100.1'), ['b']);
    assert.deepEqual(await json('--limit', '2'), ['a', 'b']);
    assert.deepEqual(await json('--rule', 'nothing-matches'), []);
  });

  test('prints an aligned table with missing values as -', async () => {
    const lines = (await run('--db', db)).trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^TIME +ACTION +STATUS +RULE +ROUTE +REQUEST +CLIENT IP +REQUEST ID$/);
    assert.equal(lines.length, 1 + EVENTS.length);
    const column = (lines[0] ?? '').indexOf('ACTION');
    assert.deepEqual(lines.slice(1).map((line) => line.slice(column).split(' ')[0]), ['blocked', 'monitored', 'allowed', 'blocked']);
    assert.match(lines[3] ?? '', / -$/, 'an event without request id');
    assert.match(lines[1] ?? '', /GET \/users\/1 +203\.0\.113\.7 +req-a$/);
  });

  test('never prints terminal control characters from event fields', async () => {
    const table = await run('--db', db);
    assert.ok(!table.includes('\u001b') && !table.includes('\u009b'));
    assert.ok(table.includes('/users/\\u001b[31mred\\u009b'));
    const raw = await run('--db', db, '--json');
    assert.ok(!raw.includes('\u001b') && !raw.includes('\u009b'));
    const parsed = JSON.parse(raw) as SecurityEvent[];
    assert.equal(parsed.find((e) => e.id === 'c')?.path, '/users/\u001b[31mred\u009b', 'still valid JSON with the same value');
  });

  test('says so when nothing matches, and when the limit cut the list', async () => {
    assert.equal(await run('--db', db, '--rule', 'none'), 'No events match.\n');
    assert.match(await run('--db', db, '--limit', '1'), /newest 1 shown/);
  });

  test('rejects invalid options with CLI_ARGUMENT_INVALID naming the option', async () => {
    const cases: [string[], string][] = [
      [['--limit', '0'], '--limit'], [['--limit', '10001'], '--limit'], [['--limit', '5x'], '--limit'],
      [['--action', 'dropped'], '--action'], [['--since', 'yesterday'], '--since'], [['--until', '2024-13-45'], '--until'],
      [['--since', '1h', '--until', '2h'], '--since'], [['--rule', ' '], '--rule'], [['--db', ''], '--db'],
    ];
    for (const [args, option] of cases) {
      await assert.rejects(
        run('--db', db, ...args),
        (error) => hasCode('CLI_ARGUMENT_INVALID')(error) && (error as Error).message.startsWith(option),
        args.join(' '),
      );
    }
  });

  test('a missing database is an error naming it, and is not created', async () => {
    const missing = join(dir, 'nope', 'events.db');
    await assert.rejects(run('--db', missing), (error) => hasCode('STORE_OPEN_FAILED')(error) && (error as Error).message.includes(missing));
    assert.equal(existsSync(missing), false);
  });

  test('takes the database from the configuration file', async () => {
    const config = join(dir, 'bulwark.yaml');
    const routes = 'routes: [{ name: api, upstream: { url: "http://127.0.0.1:3000" } }]\n';
    writeFileSync(config, `${routes}store:\n  sqlite:\n    path: ${JSON.stringify(db)}\n`);
    assert.equal((JSON.parse(await run('-c', config, '--json')) as unknown[]).length, EVENTS.length);
    const other = join(dir, 'other.db');
    assert.equal((JSON.parse(await run('-c', config, '--db', db, '--json')) as unknown[]).length, EVENTS.length, '--db wins');
    writeFileSync(config, `${routes}store:\n  sqlite:\n    path: ${JSON.stringify(other)}\n`);
    await assert.rejects(run('-c', config), (error) => hasCode('STORE_OPEN_FAILED')(error) && (error as Error).message.includes(other));
    await assert.rejects(run('-c', join(dir, 'missing.yaml')), hasCode('CONFIG_READ_FAILED'));
    writeFileSync(config, 'store: [unclosed');
    await assert.rejects(run('-c', config), hasCode('CONFIG_PARSE_FAILED'));
    writeFileSync(config, `${routes}store: { sqlite: { path: 42 } }`);
    await assert.rejects(run('-c', config), hasCode('CONFIG_INVALID'));
  });

  test('--help explains the options with examples', async () => {
    const out: string[] = [];
    const program = new Command('bulwark').exitOverride().configureOutput({ writeOut: (text) => out.push(text) });
    registerEventsCommand(program);
    await assert.rejects(program.parseAsync(['node', 'bulwark', 'events', '--help']), { code: 'commander.helpDisplayed' });
    const help = out.join('');
    for (const expected of ['--since <when>', '--action <action>', '--db <path>', '--json', 'Examples:', 'bulwark events --since 1h']) {
      assert.ok(help.includes(expected), expected);
    }
  });

  test('is wired into main(): JSON on stdout, exit status 2 on bad arguments', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = captureOutput(process.stdout, out);
    const stderr = captureOutput(process.stderr, err);
    let codes: number[];
    try {
      codes = [await main(['node', 'bulwark', 'events', '--db', db, '--json']), await main(['node', 'bulwark', 'events', '--db', db, '--limit', '0'])];
    } finally {
      stdout.mock.restore();
      stderr.mock.restore();
    }
    assert.deepEqual(codes, [0, 2]);
    assert.equal((JSON.parse(out.join('')) as unknown[]).length, EVENTS.length);
    assert.match(err.join(''), /--limit/);
  });
});
