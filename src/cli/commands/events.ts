// `bulwark events`: queries the recorded security events, newest first, as a table or as JSON.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDuration } from '../../core/config/units.js';
import { BulwarkError } from '../../core/errors.js';
import { EVENT_ACTIONS, type EventAction, type SecurityEvent } from '../../core/types.js';
import { openEventStore, type EventQuery } from '../../store/index.js';
import { databasePath, DEFAULT_DB } from '../database-path.js';
import { escapeUnsafe, formatTable, toSafeJson } from '../terminal-text.js';

interface EventsOptions {
  db?: string;
  config?: string;
  since?: string;
  until?: string;
  rule?: string;
  action?: string;
  stage?: string;
  route?: string;
  ip?: string;
  limit: string;
  json?: boolean;
}

const MAX_LIMIT = 10_000;
const MAX_CELL = 60;

const EXAMPLES = `
Examples:
  $ bulwark events --since 1h                        events of the last hour
  $ bulwark events --action blocked --route users     blocked requests on one route
  $ bulwark events --rule sqli-942100 --since 2024-05-01 --until 2024-05-02
  $ bulwark events --ip 203.0.113.7 --limit 500 --json | jq '.[].path'
  $ bulwark events -c bulwark.yaml                    the database named in store.sqlite.path

Times: a duration ago (30s, 15m, 1h, 7d) or an ISO 8601 date / date-time; without a zone, local time.
`;

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('query recorded security events, newest first')
    .option('--db <path>', `SQLite event database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'configuration file whose store.sqlite.path names the database')
    .option('--since <when>', 'only events at or after this time')
    .option('--until <when>', 'only events before this time')
    .option('--rule <id>', 'only events of this rule id')
    .option('--action <action>', `only ${EVENT_ACTIONS.join(' | ')} events`)
    .option('--stage <name>', 'only events from this pipeline stage')
    .option('--route <name>', 'only events on this route')
    .option('--ip <address>', 'only events from this client IP')
    .option('--limit <n>', `at most this many events (1 to ${MAX_LIMIT})`, '50')
    .option('--json', 'print one JSON array instead of a table')
    .addHelpText('after', EXAMPLES)
    .action(async (options: EventsOptions) => {
      const query = toQuery(options, Date.now());
      const path = databasePath(options);
      // Querying must never leave an empty database behind a mistyped path.
      if (!existsSync(path)) {
        throw new BulwarkError('STORE_OPEN_FAILED', `no event database at ${path} (use --db <file> or -c <config>)`);
      }
      const store = openEventStore({ sqlite: { path } });
      let events: SecurityEvent[];
      try {
        events = await store.queryEvents(query);
      } finally {
        await store.close();
      }
      process.stdout.write(options.json === true ? toSafeJson(events) : toTable(events, query.limit ?? 0));
    });
}

function toQuery(options: EventsOptions, now: number): EventQuery {
  const limit = /^\d+$/.test(options.limit) ? Number(options.limit) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) invalid('--limit', `"${options.limit}" is not a whole number from 1 to ${MAX_LIMIT}`);
  if (options.action !== undefined && !EVENT_ACTIONS.includes(options.action as EventAction)) {
    invalid('--action', `"${options.action}" is not one of ${EVENT_ACTIONS.join(', ')}`);
  }
  const query: EventQuery = {
    since: options.since === undefined ? undefined : parseWhen('--since', options.since, now),
    until: options.until === undefined ? undefined : parseWhen('--until', options.until, now),
    ruleId: nonEmpty('--rule', options.rule),
    action: options.action as EventAction | undefined,
    stage: nonEmpty('--stage', options.stage),
    route: nonEmpty('--route', options.route),
    clientIp: nonEmpty('--ip', options.ip),
    limit,
  };
  if (query.since !== undefined && query.until !== undefined && query.since >= query.until) {
    invalid('--since', `${options.since} is not before --until ${options.until}`);
  }
  return query;
}

/** "1h" → one hour ago; an ISO date or date-time as given (local time without a zone). */
function parseWhen(option: string, value: string, now: number): string {
  const ago = parseDuration(value);
  if (ago !== undefined) return new Date(now - ago).toISOString();
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value; // date alone: local midnight too
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) invalid(option, `"${value}" is neither a duration (15m, 1h, 7d) nor an ISO 8601 date/time`);
  return new Date(time).toISOString();
}

function nonEmpty(option: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') invalid(option, 'must not be empty');
  return value;
}

function invalid(option: string, problem: string): never {
  throw new BulwarkError('CLI_ARGUMENT_INVALID', `${option}: ${problem}`);
}

const COLUMNS: readonly [string, (event: SecurityEvent) => string | number | undefined][] = [
  ['TIME', (e) => e.time],
  ['ACTION', (e) => e.action],
  ['STATUS', (e) => e.status],
  ['RULE', (e) => e.ruleId],
  ['ROUTE', (e) => e.route],
  ['REQUEST', (e) => (e.method === undefined && e.path === undefined ? undefined : `${e.method ?? ''} ${e.path ?? ''}`.trim())],
  ['CLIENT IP', (e) => e.clientIp],
  ['REQUEST ID', (e) => e.requestId],
];

function toTable(events: readonly SecurityEvent[], limit: number): string {
  if (events.length === 0) return 'No events match.\n';
  const rows = [COLUMNS.map(([title]) => title), ...events.map((event) => COLUMNS.map(([, get]) => cell(get(event))))];
  const lines = formatTable(rows);
  if (events.length === limit) lines.push(`(newest ${limit} shown; use --limit or --until for more)`);
  return `${lines.join('\n')}\n`;
}

function cell(value: string | number | undefined): string {
  if (value === undefined || value === '') return '-';
  const text = escapeUnsafe(String(value));
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}
