// `bulwark grants add | list | revoke`: time-bound grants of scopes to a consumer, for a task, ended
// when the task is done or at their expiry at the latest (least privilege, OWASP API5:2023). Every
// add and revoke is recorded as an `audit` event in the same database.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDuration } from '../../core/config/units.js';
import { BulwarkError } from '../../core/errors.js';
import { grantAddedEvent, grantRevokedEvent } from '../../events/audit-events.js';
import { grantStatus, isGrantId, MAX_GRANT_TTL_MS, openGrantStore, type GrantRecord, type GrantStore } from '../../store/index.js';
import { operatorName, recordAudit } from '../audit-trail.js';
import { databasePath, DEFAULT_DB, type DatabaseOptions } from '../database-path.js';
import { invalidOption, scopesOption, textOption } from '../option-values.js';
import { escapeUnsafe, formatTable, toSafeJson } from '../terminal-text.js';

interface AddOptions extends DatabaseOptions { consumer?: string; scopes?: string; ttl?: string; reason?: string; by?: string }
interface ListOptions extends DatabaseOptions { consumer?: string; all?: boolean; json?: boolean }
interface RevokeOptions extends DatabaseOptions { reason?: string; by?: string }

const DAY = 86_400_000;
const MAX_TTL_TEXT = `${MAX_GRANT_TTL_MS / DAY}d`;

const EXAMPLES = `
Examples:
  $ bulwark grants add --consumer acme --scopes refunds:write --ttl 2h --reason "INC-4242 refund batch"
  $ bulwark grants list                               active grants, with the time they have left
  $ bulwark grants list --consumer acme --all --json  expired and revoked ones too
  $ bulwark grants revoke grt_k7Qx2mPa9cLd --reason "refunds done"
  $ bulwark grants list -c bulwark.yaml               the database named in store.sqlite.path

A grant gives a consumer scopes for one task. --ttl is required, at most ${MAX_TTL_TEXT}: the gateway stops
honouring the grant at its expiry, or from the next request after a revoke. Each add and revoke is
recorded as an audit event: bulwark events --action audit.
`;

export function registerGrantsCommand(program: Command): void {
  const grants = program.command('grants').description('grant scopes to a consumer for a limited time, list and revoke grants')
    .addHelpText('after', EXAMPLES);
  withDatabase(grants.command('add').description('grant scopes to a consumer until --ttl runs out'))
    .option('--consumer <name>', 'who gets the scopes (required)')
    .option('--scopes <list>', 'comma-separated scopes, e.g. refunds:write (required)')
    .option('--ttl <duration>', `how long it lasts, at most ${MAX_TTL_TEXT} (required): 15m, 2h, 7d`)
    .option('--reason <text>', 'the task it is for, kept with the grant (required)')
    .option('--by <name>', 'who grants it (default: the OS user)')
    .action((options: AddOptions) => add(options));
  withDatabase(grants.command('list').description('list grants with their status and the time they have left'))
    .option('--consumer <name>', 'only the grants of this consumer')
    .option('--all', 'include expired and revoked grants')
    .option('--json', 'print one JSON array instead of a table')
    .action((options: ListOptions) => list(options));
  withDatabase(grants.command('revoke').description('end a grant now; the gateway stops honouring it from its next request'))
    .argument('<id>', 'the grant id (grt_ and 12 letters and digits)')
    .option('--reason <text>', 'why, kept with the grant (required)')
    .option('--by <name>', 'who revokes it (default: the OS user)')
    .action((id: string, options: RevokeOptions) => revoke(id, options));
}

function withDatabase(command: Command): Command {
  return command
    .option('--db <path>', `SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'configuration file whose store.sqlite.path names the database');
}

async function add(options: AddOptions): Promise<void> {
  const consumer = textOption('--consumer', options.consumer, true);
  const scopes = scopesOption('--scopes', options.scopes);
  const ttlMs = ttl(options.ttl);
  const reason = textOption('--reason', options.reason, true);
  const by = operator(options.by);
  const path = databasePath(options);
  // Adding may make the database: a grant can be prepared before the gateway first runs.
  const grant = await withStore(path, true, (store) => store.addGrant({ consumer, scopes, reason, grantedBy: by, expiresAt: new Date(Date.now() + ttlMs) }));
  process.stdout.write(`Granted ${escapeUnsafe(scopes.join(', '))} to consumer ${escapeUnsafe(consumer)} until ${grant.expiresAt}: grant ${grant.id}.\n\n`
    + `${details(grant, Date.now()).join('\n')}\n\nRevoke it when the task is done: bulwark grants revoke ${grant.id} --reason "..."\n`);
  await recordAudit(path, grantAddedEvent(grant), `grant ${grant.id} was added`);
}

async function list(options: ListOptions): Promise<void> {
  const consumer = textOption('--consumer', options.consumer, false);
  const now = Date.now();
  const grants = await withStore(databasePath(options), false, (store) => store.listGrants({ consumer, includeInactive: options.all === true, nowMs: now }));
  if (options.json === true) {
    process.stdout.write(toSafeJson(grants.map((grant) => ({ ...grant, status: grantStatus(grant, now) }))));
    return;
  }
  if (grants.length === 0) {
    process.stdout.write(options.all === true ? 'No grants match.\n' : 'No active grants match (--all shows expired and revoked ones).\n');
    return;
  }
  const rows = [COLUMNS.map(([title]) => title), ...grants.map((grant) => COLUMNS.map(([, get]) => cell(get(grant, now))))];
  process.stdout.write(`${formatTable(rows).join('\n')}\n`);
}

async function revoke(idArgument: string, options: RevokeOptions): Promise<void> {
  if (!isGrantId(idArgument)) invalidOption('ID', 'not a grant id (grt_ and 12 letters and digits; see bulwark grants list --all)');
  const id = idArgument;
  const reason = textOption('--reason', options.reason, true);
  const by = operator(options.by);
  const path = databasePath(options);
  const { message, revoked } = await withStore(path, false, async (store) => {
    const grant = await existing(store, id);
    // Nothing to end: a script that makes sure a grant is over has succeeded, and no audit event
    // claims a revocation that changed nothing.
    if (grant.revokedAt === undefined && grantStatus(grant, Date.now()) === 'expired') {
      return { message: `Grant ${id} already expired at ${grant.expiresAt}; nothing changed.\n` };
    }
    if (grant.revokedAt === undefined && await store.revokeGrant(id, { by, reason })) {
      const after = await existing(store, id);
      return { message: `Revoked grant ${id} (${escapeUnsafe(after.scopes.join(', '))} of consumer ${escapeUnsafe(after.consumer)}): ${escapeUnsafe(reason)}\n`, revoked: after };
    }
    const current = await existing(store, id); // revoked before, or by someone else meanwhile
    return { message: `Grant ${id} was already revoked at ${current.revokedAt ?? '?'} by ${escapeUnsafe(current.revokedBy ?? '?')} (${escapeUnsafe(current.revokedReason ?? '')}); nothing changed.\n` };
  });
  process.stdout.write(message);
  if (revoked) await recordAudit(path, grantRevokedEvent(revoked), `grant ${id} was revoked`);
}

const COLUMNS: readonly [string, (grant: GrantRecord, now: number) => string][] = [
  ['ID', (g) => g.id],
  ['CONSUMER', (g) => g.consumer],
  ['SCOPES', (g) => g.scopes.join(',')],
  ['STATUS', (g, now) => grantStatus(g, now)],
  ['LEFT', (g, now) => (grantStatus(g, now) === 'active' ? formatRemaining(Date.parse(g.expiresAt) - now) : '-')],
  ['EXPIRES', (g) => g.expiresAt],
  ['BY', (g) => g.grantedBy],
  ['REASON', (g) => g.reason],
];

function details(grant: GrantRecord, now: number): string[] {
  const rows: [string, string][] = [
    ['id', grant.id],
    ['consumer', grant.consumer],
    ['scopes', grant.scopes.join(', ')],
    ['expires', `${grant.expiresAt} (in ${formatRemaining(Date.parse(grant.expiresAt) - now)})`],
    ['reason', grant.reason],
    ['granted by', grant.grantedBy],
  ];
  return formatTable(rows.map(([label, value]) => [`  ${label}`, escapeUnsafe(value)]));
}

/** 2d 3h, 1h 59m, 12m, 40s: precise enough to see what is about to end. */
function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [days, hours, minutes] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60];
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return minutes > 0 ? `${minutes}m` : `${seconds}s`;
}

function cell(value: string): string {
  if (value === '') return '-';
  const text = escapeUnsafe(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Opens the store, runs `work`, always closes. Only `add` may bring a new database into being. */
async function withStore<T>(path: string, mayCreate: boolean, work: (store: GrantStore) => Promise<T>): Promise<T> {
  if (!mayCreate && !existsSync(path)) {
    throw new BulwarkError('STORE_OPEN_FAILED', `no database at ${path} (use --db <file> or -c <config>)`);
  }
  const store = openGrantStore({ sqlite: { path } });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function existing(store: GrantStore, id: string): Promise<GrantRecord> {
  const grant = await store.getGrant(id);
  if (!grant) throw new BulwarkError('GRANT_NOT_FOUND', `no grant with id ${id} (see bulwark grants list --all)`);
  return grant;
}

/** The --ttl value in ms: required, above zero, at most MAX_GRANT_TTL_MS. */
function ttl(value: string | undefined): number {
  if (value === undefined) invalidOption('--ttl', `a value is required: every grant ends (15m, 2h, 7d; at most ${MAX_TTL_TEXT})`);
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) invalidOption('--ttl', `"${escapeUnsafe(value)}" is not a duration above zero (15m, 2h, 7d)`);
  if (ms > MAX_GRANT_TTL_MS) {
    invalidOption('--ttl', `${escapeUnsafe(value)} is longer than the ${MAX_TTL_TEXT} a grant may last; grant it again when it runs out, or make lasting access an access policy`);
  }
  return ms;
}

function operator(given: string | undefined): string {
  return given === undefined ? operatorName() : textOption('--by', given, true);
}
