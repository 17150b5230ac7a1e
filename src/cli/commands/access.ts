// `bulwark access report`: per consumer, what it may do against what it did, and how to narrow the
// difference (least privilege: "grant access ... and revoke such access when tasks are completed").
import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import type { Command } from 'commander';
import { buildApiModel } from '../../contract/index.js';
import { parseDuration } from '../../core/config/units.js';
import { BulwarkError } from '../../core/errors.js';
import { loadGatewayConfig, type GatewayConfig } from '../../gateway/index.js';
import { loadRuntimeDocuments } from '../../gateway/runtime.js';
import { mergeConfig } from '../../gateway/stage-config.js';
import { policyApplies } from '../../gateway/stages/access/policy-match.js';
import { buildAccessReport, type AccessReport, type ConsumerAccess, type DocumentedOperation, type ReportPolicy } from '../../identity/access-report.js';
import { openGrantStore, openKeyStore, openUsageStore, usageDay } from '../../store/index.js';
import { databasePath, DEFAULT_DB, type DatabaseOptions } from '../database-path.js';
import { escapeUnsafe, formatTable, toSafeJson } from '../terminal-text.js';

interface ReportOptions extends DatabaseOptions { since: string; consumer?: string; json?: boolean }

const DAY = 86_400_000;
const MAX_WINDOW_DAYS = 3660;
const MAX_LISTED = 8;

const EXAMPLES = `
Examples:
  $ bulwark access report                           the last 30 days, every consumer
  $ bulwark access report --since 90d -c bulwark.yaml   with the config: documented operations and policies too
  $ bulwark access report --consumer acme --json

Usage is counted by the access stage (per consumer, operation and day) and written every 10 s.
With -c, the report also counts the documented operations each consumer's scopes open and the
policies that apply to it.
`;

export function registerAccessCommand(program: Command): void {
  const access = program.command('access').description('least-privilege tooling: what consumers may do against what they do');
  access.command('report')
    .description('per consumer: privileges held against privileges used, with recommendations to narrow them')
    .option('--since <duration>', 'how far back to look (1d to 3660d)', '30d')
    .option('--consumer <name>', 'only this consumer')
    .option('--json', 'print the report as JSON')
    .option('--db <path>', `SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'gateway configuration: its database, documents and access policies')
    .addHelpText('after', EXAMPLES)
    .action((options: ReportOptions) => report(options));
}

async function report(options: ReportOptions): Promise<void> {
  const windowMs = parseDuration(options.since);
  if (windowMs === undefined || windowMs < DAY || windowMs > MAX_WINDOW_DAYS * DAY) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `--since: "${escapeUnsafe(options.since)}" is not a duration between 1d and ${MAX_WINDOW_DAYS}d`);
  }
  const path = databasePath(options);
  if (!existsSync(path)) throw new BulwarkError('STORE_OPEN_FAILED', `no database at ${path} (use --db <file> or -c <config>)`);
  const config = options.config === undefined ? undefined : loadGatewayConfig(options.config);
  const now = Date.now();
  const sinceDay = usageDay(now - windowMs + DAY);
  const consumer = options.consumer;

  const usageStore = openUsageStore({ sqlite: { path } });
  const keyStore = openKeyStore({ sqlite: { path } });
  const grantStore = openGrantStore({ sqlite: { path } });
  let result: AccessReport;
  try {
    const isActive = (expiresAt: string | undefined) => expiresAt === undefined || Date.parse(expiresAt) > now;
    const keys = (await keyStore.listKeys(consumer === undefined ? {} : { consumer })).filter((k) => isActive(k.expiresAt));
    const grants = (await grantStore.listGrants(consumer === undefined ? {} : { consumer })).filter((g) => isActive(g.expiresAt));
    result = buildAccessReport({
      sinceDay, until: new Date(now).toISOString(),
      usage: await usageStore.usageSince(sinceDay, consumer),
      privileges: await usageStore.privilegesSince(sinceDay, consumer),
      keys: keys.map((k) => ({ id: k.id, consumer: k.consumer, scopes: k.scopes })),
      grants: grants.map((g) => ({ id: g.id, consumer: g.consumer, scopes: g.scopes, expiresAt: g.expiresAt })),
      ...(config && options.config !== undefined ? await fromConfig(config, dirname(resolvePath(options.config))) : {}),
    });
  } finally {
    await usageStore.close();
    await keyStore.close();
    await grantStore.close();
  }
  process.stdout.write(options.json === true ? toSafeJson(result) : toText(result));
}

/** The documented operations with the scopes they need, and every access policy the routes use. */
async function fromConfig(config: GatewayConfig, baseDir: string): Promise<{ operations: DocumentedOperation[]; policies: ReportPolicy[] }> {
  const documents = await loadRuntimeDocuments(config, baseDir);
  const operations: DocumentedOperation[] = [];
  for (const route of config.routes) {
    if (!route.openapi) continue;
    const loaded = documents.loaded.get(resolvePath(baseDir, route.openapi.document));
    if (!loaded) continue;
    const model = buildApiModel(loaded);
    for (const op of model.operations) {
      operations.push({
        route: route.name, method: op.method, pathTemplate: op.pathTemplate, ...(op.operationId === undefined ? {} : { operationId: op.operationId }),
        scopeAlternatives: op.security.map((requirement) => Object.entries(requirement)
          .filter(([scheme]) => ['oauth2', 'openIdConnect'].includes(model.securitySchemes[scheme]?.type ?? ''))
          .flatMap(([, scopes]) => scopes)),
      });
    }
  }
  const policies = new Map<string, ReportPolicy>();
  const global = (config.stages as Record<string, unknown>).access;
  const configs = [global, ...config.routes.map((route) => mergeConfig(global, (route.stages as Record<string, unknown> | undefined)?.access))];
  for (const access of configs) {
    for (const [index, policy] of policiesOf(access).entries()) {
      const label = policy.name ?? `policies[${index}]`;
      // A policy for anyone is public access, not a privilege of a consumer: nothing to narrow.
      if (policy.anyone === true || policies.has(label)) continue;
      const audience = { anyone: false, consumers: new Set(policy.consumers ?? []), roles: policy.roles ?? [], groups: policy.groups ?? [], scopes: policy.scopes ?? [] };
      policies.set(label, { label, matchesConsumer: (id, held) => policyApplies(audience, { id, ...held }) });
    }
  }
  return { operations, policies: [...policies.values()] };
}

interface PolicyConfig { name?: string; anyone?: boolean; consumers?: string[]; roles?: string[]; groups?: string[]; scopes?: string[] }

function policiesOf(access: unknown): PolicyConfig[] {
  const policies = (access as { policies?: unknown } | undefined)?.policies;
  return Array.isArray(policies) ? policies as PolicyConfig[] : [];
}


function toText(result: AccessReport): string {
  const lines = [`Access report: ${result.sinceDay} to ${result.until.slice(0, 10)}, ${result.consumers.length} consumer${result.consumers.length === 1 ? '' : 's'}.`];
  if (result.consumers.length === 0) lines.push('', 'No consumers: no usage recorded, no API keys, no grants.');
  for (const access of result.consumers) lines.push('', ...consumerText(access));
  return `${lines.join('\n')}\n`;
}

function consumerText(access: ConsumerAccess): string[] {
  const list = (items: readonly string[]) => (items.length === 0 ? '-' : escapeUnsafe(shortList(items)));
  const rows: [string, string][] = [
    ['seen', `${access.lastSeen ?? 'never in this window'} (${access.allowed} allowed, ${access.denied} refused)`],
    ['scopes held', list(access.scopes.held)],
    ['scopes used', list(access.scopes.used)],
    ['unused', access.scopes.assessable ? list(access.scopes.unused) : 'unknown (no OpenAPI operations)'],
    ['operations', `${access.operations.used.filter((u) => u.allowed > 0).length} called`
      + (access.operations.permitted === undefined ? '' : ` of ${access.operations.permitted} its scopes open`)],
    ...(access.operations.permittedUnused && access.operations.permittedUnused.length > 0
      ? [['never called', list(access.operations.permittedUnused)] as [string, string]] : []),
    ...(access.policies.matching.length > 0 ? [['policies', `${list(access.policies.matching)} (unused: ${list(access.policies.unused)})`] as [string, string]] : []),
  ];
  const kinds = access.kinds.length === 0 ? '' : ` (${access.kinds.join(', ')})`;
  return [
    `${escapeUnsafe(access.consumer)}${kinds}`,
    ...formatTable(rows).map((line) => `  ${line}`),
    ...access.recommendations.map((text) => `  -> ${escapeUnsafe(text)}`),
  ];
}

function shortList(items: readonly string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}
