// `bulwark ratelimit status`: the hottest rate-limit keys of the last minutes (who is spending the most,
// and how much of it was refused), read from Redis when the gateway shares its counters there, or
// from a running gateway's admin endpoint for the memory store. Also lists the limits the config sets.
import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { loadGatewayConfig, type GatewayConfig } from '../../gateway/index.js';
import { validate } from '../../core/config/load-config.js';
import { mergeConfig, stageConfigSchema } from '../../gateway/stage-config.js';
import { ratelimitStage } from '../../gateway/stages/ratelimit/index.js';
import type { RatelimitConfig } from '../../gateway/stages/ratelimit/schema.js';
import { createRedisStore, redactUrl, type HotKey } from '../../ratelimit/index.js';
import { invalidOption } from '../option-values.js';
import { escapeUnsafe, formatTable, toSafeJson } from '../terminal-text.js';

interface StatusOptions {
  config?: string;
  redis?: string;
  keyPrefix?: string;
  admin?: string;
  minutes: string;
  top: string;
  json?: boolean;
}

interface StoreKeys { store: 'memory' | 'redis'; keys: HotKey[] }

interface ConfiguredLimit { route: string; name: string; key: string; limit: number; per: string; algorithm: string; store: string }

const EXAMPLES = `
Examples:
  $ bulwark ratelimit status -c bulwark.yaml              Redis when store.redis is set, else the gateway's admin port
  $ bulwark ratelimit status -c bulwark.yaml --minutes 15 --top 50
  $ bulwark ratelimit status --redis redis://127.0.0.1:6379 --json
  $ bulwark ratelimit status --admin http://127.0.0.1:9090

Keys are the limit's name and the values it counts by (per-ip|ip=203.0.113.7); credentials and
values over 128 characters appear as sha256 prefixes. Counts are kept per minute for 15 minutes.
The admin endpoint needs admin.metricsToken as a bearer token when one is set: it is read from the
config, or from BULWARK_ADMIN_TOKEN.
`;

export function registerRatelimitCommand(program: Command): void {
  const ratelimit = program.command('ratelimit').description('rate limits: who is spending the most');
  ratelimit.command('status')
    .description('the hottest rate-limit keys of the last minutes, with their refusals, and the configured limits')
    .option('-c, --config <file>', 'gateway configuration: its store.redis or admin port, and its limits')
    .option('--redis <url>', 'read this Redis instead (redis://host:port)')
    .option('--key-prefix <prefix>', 'key prefix in Redis (default: store.redis.keyPrefix, else bulwark:rl:)')
    .option('--admin <url>', "read a running gateway's admin endpoint instead (memory store)")
    .option('--minutes <n>', 'how many minutes back (1-15)', '5')
    .option('--top <n>', 'how many keys per store (1-1000)', '20')
    .option('--json', 'print JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: StatusOptions) => status(options));
}

async function status(options: StatusOptions): Promise<void> {
  const minutes = integerOption('--minutes', options.minutes, 1, 15);
  const top = integerOption('--top', options.top, 1, 1000);
  const config = options.config === undefined ? undefined : loadGatewayConfig(options.config);
  const limits = config ? configuredLimits(config) : [];
  const redisUrl = options.redis ?? (options.admin === undefined ? config?.store.redis?.url : undefined);
  let stores: StoreKeys[];
  if (redisUrl !== undefined) {
    stores = [{ store: 'redis', keys: await fromRedis(redisUrl, options.keyPrefix ?? config?.store.redis?.keyPrefix ?? 'bulwark:rl:', minutes, top) }];
  } else {
    const adminUrl = options.admin ?? (config?.admin.enabled ? `http://${hostForUrl(config.admin.host)}:${config.admin.port}` : undefined);
    if (adminUrl === undefined) invalidOption('--config', 'give -c with store.redis or an enabled admin listener, --redis <url> or --admin <url>');
    stores = await fromAdmin(adminUrl, config?.admin.metricsToken ?? process.env.BULWARK_ADMIN_TOKEN, minutes, top);
  }

  if (options.json) {
    process.stdout.write(toSafeJson({ minutes, limits, stores }));
    return;
  }
  const lines: string[] = [];
  if (limits.length > 0) {
    lines.push('Configured limits', ...formatTable([
      ['route', 'limit', 'key', 'allowance', 'algorithm', 'store'],
      ...limits.map((limit) => [limit.route, limit.name, limit.key, `${limit.limit} per ${limit.per}`, limit.algorithm, limit.store]),
    ]).map((line) => `  ${line}`), '');
  }
  for (const { store, keys } of stores) {
    lines.push(`Hottest keys, ${store} store, last ${minutes} minute${minutes === 1 ? '' : 's'}`);
    if (keys.length === 0) {
      lines.push('  (none)', '');
      continue;
    }
    lines.push(...formatTable([
      ['key', 'requested', 'refused', 'refused %'],
      ...keys.map((entry) => [escapeUnsafe(entry.key), String(entry.requested), String(entry.refused), `${(100 * entry.refused / Math.max(1, entry.requested)).toFixed(1)}`]),
    ]).map((line) => `  ${line}`), '');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function integerOption(option: string, raw: string, min: number, max: number): number {
  const value = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) invalidOption(option, `"${escapeUnsafe(raw)}" is not a whole number from ${min} to ${max}`);
  return value;
}

async function fromRedis(url: string, keyPrefix: string, minutes: number, top: number): Promise<HotKey[]> {
  if (!/^rediss?:\/\//.test(url)) invalidOption('--redis', 'must be a redis:// or rediss:// URL');
  const store = createRedisStore({ url, keyPrefix, timeoutMs: 2000 });
  try {
    await store.ready(3000);
    return await store.hotKeys(minutes, top);
  } catch (error) {
    throw new BulwarkError('RATELIMIT_STORE_UNAVAILABLE', `Redis at ${redactUrl(url)} could not be read: ${(error as Error).message}`);
  } finally {
    await store.close();
  }
}

async function fromAdmin(adminUrl: string, token: string | undefined, minutes: number, top: number): Promise<StoreKeys[]> {
  let url: URL;
  try {
    url = new URL(`/ratelimit/hot?minutes=${minutes}&count=${top}`, adminUrl);
  } catch {
    return invalidOption('--admin', `"${escapeUnsafe(adminUrl)}" is not a URL`);
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw new BulwarkError('RATELIMIT_STORE_UNAVAILABLE', `the gateway's admin endpoint at ${url.origin} could not be reached (${(error as Error).message}); is the gateway running?`);
  }
  if (response.status === 401) throw new BulwarkError('RATELIMIT_STORE_UNAVAILABLE', `the admin endpoint at ${url.origin} needs its token: set admin.metricsToken in the config or BULWARK_ADMIN_TOKEN`);
  if (!response.ok) throw new BulwarkError('RATELIMIT_STORE_UNAVAILABLE', `the admin endpoint at ${url.origin} answered ${response.status}`);
  const body = await response.json() as { stores?: StoreKeys[] };
  return Array.isArray(body.stores) ? body.stores : [];
}

/** Every limit and flow the config sets, globally and per route (route overrides merged as the gateway merges them). */
function configuredLimits(config: GatewayConfig): ConfiguredLimit[] {
  const listed: ConfiguredLimit[] = [];
  for (const route of config.routes) {
    // Merged and validated as the gateway does it, so a route's own limits get their defaults too.
    const settings = mergeConfig(config.stages.ratelimit, route.stages.ratelimit) as RatelimitConfig & { enabled: boolean };
    if (validate(settings, stageConfigSchema(ratelimitStage)).length > 0 || !settings.enabled) continue;
    for (const limit of settings.limits) {
      listed.push({ route: route.name, name: limit.name, key: limit.key.join('+'), limit: limit.limit, per: formatPeriod(limit.per), algorithm: limit.algorithm, store: settings.store });
    }
    for (const flow of settings.flows) {
      listed.push({ route: route.name, name: `${flow.name}.account`, key: flow.account, limit: flow.perAccount.limit, per: formatPeriod(flow.perAccount.per), algorithm: 'sliding-window', store: settings.store });
      listed.push({ route: route.name, name: `${flow.name}.source`, key: (flow.perSource.key ?? ['ip']).join('+'), limit: flow.perSource.limit, per: formatPeriod(flow.perSource.per), algorithm: 'sliding-window', store: settings.store });
    }
  }
  return listed;
}

function formatPeriod(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
