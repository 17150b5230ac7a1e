// `bulwark keys create | list | revoke | rotate`: manages the gateway's API keys. A key is printed
// once, when it is made; afterwards only its id and a hash of its secret exist. Each change is also
// recorded as an `audit` event (never with the secret).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDuration } from '../../core/config/units.js';
import { BulwarkError } from '../../core/errors.js';
import { keyCreatedEvent, keyRevokedEvent, keyRotatedEvent } from '../../events/audit-events.js';
import { openKeyStore, parseApiKey, type ApiKeyRecord, type KeyStore } from '../../store/index.js';
import { operatorName, recordAudit } from '../audit-trail.js';
import { databasePath, DEFAULT_DB, type DatabaseOptions } from '../database-path.js';
import { invalidOption as invalid, scopesOption, textOption as text } from '../option-values.js';
import { escapeUnsafe, formatTable, toSafeJson } from '../terminal-text.js';

interface CreateOptions extends DatabaseOptions { consumer?: string; scopes?: string; ttl?: string; name?: string; by?: string }
interface ListOptions extends DatabaseOptions { consumer?: string; all?: boolean; json?: boolean }
interface RevokeOptions extends DatabaseOptions { reason?: string; by?: string }
interface RotateOptions extends DatabaseOptions { overlap: string; by?: string }

const KEY_ID = /^[0-9A-Za-z]{12}$/;

const EXAMPLES = `
Examples:
  $ bulwark keys create --consumer acme --scopes orders:read,orders:write --ttl 90d
  $ bulwark keys list --consumer acme
  $ bulwark keys list --all --json | jq '.[] | select(.revokedAt)'
  $ bulwark keys revoke k7Qx2mPa9cLd --reason "leaked in a CI log"
  $ bulwark keys rotate k7Qx2mPa9cLd --overlap 24h     old key works 24 more hours
  $ bulwark keys list -c bulwark.yaml                  the database named in store.sqlite.path

A key looks like bwk_<id>_<secret>; its id (the 12 characters after bwk_) is what list, revoke and
rotate take. Only a SHA-256 hash of the secret is stored: a lost key cannot be shown again, only rotated.
`;

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('create, list, revoke and rotate API keys').addHelpText('after', EXAMPLES);
  withDatabase(keys.command('create').description('create an API key and print it, once'))
    .option('--consumer <name>', 'who the key identifies (required)')
    .option('--scopes <list>', 'comma-separated scopes, e.g. orders:read,orders:write')
    .option('--ttl <duration>', 'expires after this long (15m, 8h, 90d); default: never')
    .option('--name <text>', 'a label, e.g. where the key is used')
    .option('--by <name>', 'who creates it, for the audit event (default: the OS user)')
    .action((options: CreateOptions) => create(options));
  withDatabase(keys.command('list').description('list API keys (never their secrets)'))
    .option('--consumer <name>', 'only the keys of this consumer')
    .option('--all', 'include revoked keys')
    .option('--json', 'print one JSON array instead of a table')
    .action((options: ListOptions) => list(options));
  withDatabase(keys.command('revoke').description('revoke an API key; the gateway refuses it from its next request'))
    .argument('<id>', 'the key id (12 characters after bwk_)')
    .option('--reason <text>', 'why, kept with the key (required)')
    .option('--by <name>', 'who revokes it, for the audit event (default: the OS user)')
    .action((id: string, options: RevokeOptions) => revoke(id, options));
  withDatabase(keys.command('rotate').description('replace an API key by a new one; the old one keeps working for --overlap'))
    .argument('<id>', 'the key id (12 characters after bwk_)')
    .option('--overlap <duration>', 'how long the old key keeps working (0s: stop now)', '1h')
    .option('--by <name>', 'who rotates it, for the audit event (default: the OS user)')
    .action((id: string, options: RotateOptions) => rotate(id, options));
}

function withDatabase(command: Command): Command {
  return command
    .option('--db <path>', `SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'configuration file whose store.sqlite.path names the database');
}

async function create(options: CreateOptions): Promise<void> {
  const consumer = text('--consumer', options.consumer, true);
  const scopes = options.scopes === undefined ? [] : scopesOption('--scopes', options.scopes);
  const name = text('--name', options.name, false);
  const expiresAt = options.ttl === undefined ? undefined : expiryFrom(options.ttl, Date.now());
  const by = operator(options.by);
  const path = databasePath(options);
  // Creating may make the database: keys are often created before the gateway first runs.
  const created = await withStore(path, true, (store) => store.createKey({ consumer, scopes, name, expiresAt }));
  process.stdout.write(`Created API key ${created.record.id} for consumer ${escapeUnsafe(consumer)}.\n${showKey(created.key, created.record)}`);
  // After printing: the key exists now, and must be shown even if the audit write fails.
  await recordAudit(path, keyCreatedEvent(created.record, by), `API key ${created.record.id} was created`);
}

async function list(options: ListOptions): Promise<void> {
  const consumer = text('--consumer', options.consumer, false);
  const records = await withStore(databasePath(options), false, (store) => store.listKeys({ consumer, includeRevoked: options.all === true }));
  process.stdout.write(options.json === true ? toSafeJson(records) : toTable(records, Date.now()));
}

async function revoke(idArgument: string, options: RevokeOptions): Promise<void> {
  const id = keyId(idArgument);
  const reason = text('--reason', options.reason, true);
  const by = operator(options.by);
  const path = databasePath(options);
  const { message, revoked } = await withStore(path, false, async (store) => {
    const record = await existing(store, id);
    if (await store.revokeKey(id, reason)) {
      return { message: `Revoked API key ${id} (consumer ${escapeUnsafe(record.consumer)}): ${escapeUnsafe(reason)}\n`, revoked: await existing(store, id) };
    }
    // Already revoked: nothing to do, and a script that makes sure a key is dead has succeeded.
    const current = await store.getKey(id);
    return { message: `API key ${id} was already revoked at ${current?.revokedAt ?? '?'} (${escapeUnsafe(current?.revokedReason ?? '')}); nothing changed.\n` };
  });
  process.stdout.write(message);
  if (revoked) await recordAudit(path, keyRevokedEvent(revoked, by), `API key ${id} was revoked`);
}

async function rotate(idArgument: string, options: RotateOptions): Promise<void> {
  const id = keyId(idArgument);
  const overlap = parseDuration(options.overlap);
  if (overlap === undefined) invalid('--overlap', `"${escapeUnsafe(options.overlap)}" is not a duration (0s, 30m, 1h, 7d)`);
  const by = operator(options.by);
  const path = databasePath(options);
  const { created, old } = await withStore(path, false, async (store) => {
    const record = await existing(store, id);
    if (record.revokedAt !== undefined) refuse(`API key ${id} is revoked; create a new key instead`);
    if (record.rotatedTo !== undefined) refuse(`API key ${id} was already rotated to ${record.rotatedTo}; rotate that key instead`);
    const rotated = await store.rotateKey(id, overlap);
    if (!rotated) refuse(`API key ${id} was revoked or rotated meanwhile`);
    return { created: rotated, old: await existing(store, id) };
  });
  process.stdout.write(`Rotated API key ${id}: the new key ${created.record.id} replaces it.\n${showKey(created.key, created.record)}`);
  const end = old.expiresAt ?? 'never';
  process.stdout.write(Date.parse(end) <= Date.now()
    ? `\nThe old key ${id} stopped working at ${end}.\n`
    : `\nThe old key ${id} stops working at ${end}; move its clients to the new key before then.\n`);
  await recordAudit(path, keyRotatedEvent(old, created.record, by), `API key ${id} was rotated to ${created.record.id}`);
}

/** The key with a warning, then its details; the only place a plaintext key is ever printed. */
function showKey(key: string, record: ApiKeyRecord): string {
  const details: [string, string][] = [
    ['id', record.id],
    ['consumer', record.consumer],
    ['scopes', record.scopes.length === 0 ? '(none)' : record.scopes.join(', ')],
    ...(record.name === undefined ? [] : [['name', record.name] as [string, string]]),
    ['expires', record.expiresAt ?? 'never'],
  ];
  const lines = formatTable(details.map(([label, value]) => [label, escapeUnsafe(value)]));
  return `\n  ${key}\n\nCopy it now: it cannot be shown again (only a hash of it is stored).\n\n${lines.join('\n')}\n`;
}

const COLUMNS: readonly [string, (record: ApiKeyRecord, now: number) => string | undefined][] = [
  ['ID', (r) => r.id],
  ['CONSUMER', (r) => r.consumer],
  ['SCOPES', (r) => r.scopes.join(',')],
  ['NAME', (r) => r.name],
  ['CREATED', (r) => r.createdAt],
  ['EXPIRES', (r) => r.expiresAt ?? 'never'],
  ['STATUS', status],
];

/** revoked, expired, rotated (replaced but still working during the overlap) or active. */
function status(record: ApiKeyRecord, now: number): string {
  if (record.revokedAt !== undefined) return 'revoked';
  if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now) return 'expired';
  return record.rotatedTo === undefined ? 'active' : `rotated to ${record.rotatedTo}`;
}

function toTable(records: readonly ApiKeyRecord[], now: number): string {
  if (records.length === 0) return 'No API keys match.\n';
  const rows = [COLUMNS.map(([title]) => title), ...records.map((record) => COLUMNS.map(([, get]) => cell(get(record, now))))];
  return `${formatTable(rows).join('\n')}\n`;
}

function cell(value: string | undefined): string {
  if (value === undefined || value === '') return '-';
  const text = escapeUnsafe(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Opens the store, runs `work`, always closes. Only `create` may bring a new database into being. */
async function withStore<T>(path: string, mayCreate: boolean, work: (store: KeyStore) => Promise<T>): Promise<T> {
  if (!mayCreate && !existsSync(path)) {
    throw new BulwarkError('STORE_OPEN_FAILED', `no database at ${path} (use --db <file> or -c <config>)`);
  }
  const store = openKeyStore({ sqlite: { path } });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function existing(store: KeyStore, id: string): Promise<ApiKeyRecord> {
  const record = await store.getKey(id);
  if (!record) throw new BulwarkError('KEY_NOT_FOUND', `no API key with id ${id} (see bulwark keys list --all)`);
  return record;
}

/** The id argument; a whole key is refused without being echoed, so its secret stays off the screen and logs. */
function keyId(value: string): string {
  const whole = parseApiKey(value);
  if (whole) invalid('ID', `that is a whole API key; pass only its id, ${whole.id}`);
  if (!KEY_ID.test(value)) invalid('ID', 'not a key id (the 12 letters and digits after bwk_)');
  return value;
}



function expiryFrom(ttl: string, now: number): Date {
  const ms = parseDuration(ttl);
  if (ms === undefined || ms <= 0) invalid('--ttl', `"${escapeUnsafe(ttl)}" is not a duration above zero (15m, 8h, 90d)`);
  const expiresAt = new Date(now + ms);
  if (Number.isNaN(expiresAt.getTime())) invalid('--ttl', `"${escapeUnsafe(ttl)}" is too long`);
  return expiresAt;
}

function operator(given: string | undefined): string {
  return given === undefined ? operatorName() : text('--by', given, true);
}


function refuse(message: string): never {
  throw new BulwarkError('KEY_ROTATE_REFUSED', message);
}
